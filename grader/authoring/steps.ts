import { relative } from 'node:path';
import { expandGroup } from '../cases/expand.js';
import { PUBLIC_SECRET } from '../cases/seed.js';
import { kindOf } from '../exercise/registry.js';
import { judges } from '../judge/registry.js';
import { groupPoints } from '../score/score.js';
import type { JudgeSpec, LiteralGroup, TestGroup } from '../spec/schema.js';
import { asFunction, type ReleaseState, type ReleaseStep } from './student-spec.js';
import { callReference } from '../exercise/function.js';

const PUBLIC_SCOPE = { secret: PUBLIC_SECRET, student: '' };
const caseCount = (g: TestGroup): number => ('cases' in g ? g.cases.length : g.count);

/**
 * Other kinds ship through their own release hook (answers lose their reference answers, training
 * keeps only visible runs); a kind without one is refused rather than risk leaking it.
 */
export const releaseOtherKinds: ReleaseStep = (s) => {
  const spec = structuredClone(s.spec);
  const hidden = { ...s.hidden };
  const problems = [...s.problems];
  spec.exercises = spec.exercises.map((ex) => {
    if (asFunction(ex)) return ex;
    const kind = kindOf(ex);
    if (!kind.release) {
      problems.push(
        `${s.source.specFile}: exercise ${ex.id} is of kind "${ex.kind}", which grade release cannot ship (its kind has no release hook)`,
      );
      return ex;
    }
    const released = kind.release(ex, groupPoints(ex));
    hidden[ex.id] = released.hidden;
    return released.exercise;
  });
  return { ...s, spec, hidden, problems };
};

/**
 * Explicit `points` on every group, computed over ALL groups (hidden included) before any is
 * dropped, so a visible test is worth in the bundle exactly what it is worth in the full grading.
 */
export const fixGroupPoints: ReleaseStep = (s) => {
  const spec = structuredClone(s.spec);
  for (const ex of spec.exercises.map(asFunction)) {
    if (!ex) continue;
    const points = groupPoints(ex);
    for (const g of ex.groups) g.points = points.get(g.name);
  }
  return { ...s, spec };
};

/** Removes hidden groups, keeping only how many points and cases they carry per exercise. */
export const dropHiddenGroups: ReleaseStep = (s) => {
  const spec = structuredClone(s.spec);
  const hidden = { ...s.hidden };
  for (const ex of spec.exercises.map(asFunction)) {
    if (!ex) continue;
    const points = groupPoints(ex);
    const dropped = ex.groups.filter((g) => g.visibility === 'hidden');
    hidden[ex.id] = {
      points: dropped.reduce((t, g) => t + (points.get(g.name) ?? 0), 0),
      cases: dropped.reduce((t, g) => t + caseCount(g), 0),
    };
    ex.groups = ex.groups.filter((g) => g.visibility !== 'hidden');
  }
  return { ...s, spec, hidden };
};

/** Generated visible groups become literal cases (public key: every student sees the same ones). */
export const expandVisibleCases: ReleaseStep = (s) => {
  const spec = structuredClone(s.spec);
  for (const ex of spec.exercises.map(asFunction)) {
    if (!ex) continue;
    ex.groups = ex.groups.map((g): TestGroup => {
      if ('cases' in g || g.visibility !== 'visible') return g;
      const { count: _c, let: _l, args: _a, ...common } = g;
      // Literal case i+1 gets the name the generated case had, so results line up with the full grading.
      const cases = expandGroup(s.source, ex, g, PUBLIC_SCOPE).map((c) => ({
        name: String(c.index + 1),
        args: c.args,
      }));
      return { ...common, cases } satisfies LiteralGroup;
    });
  }
  return { ...s, spec };
};

/** The reference's value for every visible case that has no literal `expected`. */
export const computeExpected: ReleaseStep = (s) => {
  const expected = { ...s.expected };
  const problems = [...s.problems];
  for (const ex of s.spec.exercises.map(asFunction)) {
    if (!ex) continue;
    const where = relative(s.source.root, s.source.solutionDir);
    for (const g of ex.groups) {
      if (g.visibility !== 'visible') continue;
      for (const c of expandGroup(s.source, ex, g, PUBLIC_SCOPE)) {
        if (c.expected) continue;
        const r = callReference(ex, c.args, s.reference);
        if (!r.ok)
          problems.push(
            `${c.name}: ${r.message} (${r.problem === 'missing' ? 'write it' : 'fix the reference'} in ${where})`,
          );
        else if (r.value === undefined)
          problems.push(
            `${c.name}: the reference returned nothing (return a value, or give the case a literal expected:)`,
          );
        else expected[c.name] = r.value;
        if (!r.ok && r.problem === 'missing') break;
      }
    }
  }
  return { ...s, expected, problems };
};

/** relerr in place of a judge that needs the reference module at judge time (gradcheck). */
export function swapJudge(spec: JudgeSpec): JudgeSpec {
  if (!judges[spec.name]?.needsReference) return spec;
  const bound = spec.bound ?? spec.max;
  return { name: 'relerr', ...(typeof bound === 'number' ? { max: bound } : {}) };
}

export const swapReferenceJudges: ReleaseStep = (s) => {
  const spec = structuredClone(s.spec);
  for (const ex of spec.exercises.map(asFunction)) {
    if (!ex) continue;
    ex.judge = swapJudge(ex.judge as JudgeSpec);
    for (const g of ex.groups) if (g.judge) g.judge = swapJudge(g.judge as JudgeSpec);
  }
  return { ...s, spec };
};

/** In order: points are fixed before hidden groups go, cases are literal before values are computed. */
export const releaseSteps: readonly ReleaseStep[] = [
  releaseOtherKinds,
  fixGroupPoints,
  dropHiddenGroups,
  expandVisibleCases,
  computeExpected,
  swapReferenceJudges,
];

export const runSteps = (
  state: ReleaseState,
  steps: readonly ReleaseStep[] = releaseSteps,
): ReleaseState => steps.reduce((s, step) => step(s), state);
