import { CaseDrawError, expandGroup, type Case } from '../cases/expand.js';
import { formatPlace, SpecProblemError } from '../spec/errors.js';
import type { ReferenceModules } from '../spec/load.js';
import { positionOf, type YamlSource } from '../spec/yaml-source.js';
import { judges } from '../judge/registry.js';
import { shapeOf } from '../judge/tensor.js';
import type { Verdict } from '../judge/types.js';
import type { NumericDetail } from '../report/details.js';
import type { Exercise, FunctionExercise, TestGroup } from '../spec/schema.js';
import { formatArgs } from './format-input.js';
import type { CaseResult, ExerciseKind, GradeContext } from './types.js';
import { DEFAULTS } from '../spec/defaults.js';

/** The exercise if it is of this kind (release precomputes the expected values of its visible cases). */
export const asFunctionExercise = (ex: Exercise): FunctionExercise | undefined =>
  ex.kind === 'function' ? ex : undefined;

/** Calls a student's export once per case in the sandbox and judges the value here, in the parent. */
export const functionKind: ExerciseKind<FunctionExercise> = {
  kind: 'function',
  // Many short calls: QuickJS starts in milliseconds where a node child takes a hundred.
  defaultRuntime: 'wasm',
  validator: async () => (await import('./function-validate.js')).validateFunctionExercise,
  stubFunctions: (ex) => [
    {
      file: ex.file,
      export: ex.export,
      signature: ex.signature,
      title: ex.title ?? ex.export,
      description: ex.description ?? '',
    },
  ],
  scoringGroups: (ex) =>
    ex.groups.map((g) => ({
      name: g.name,
      visibility: g.visibility,
      points: g.points,
      all_or_nothing: g.all_or_nothing,
      count: 'cases' in g ? g.cases.length : g.count,
    })),
  async grade(ex, ctx) {
    const results: CaseResult[] = [];
    for (const group of ex.groups) {
      if (ctx.visibleOnly && group.visibility === 'hidden') continue;
      for (const c of casesOf(ex, group, ctx)) {
        const t0 = performance.now();
        const r = await gradeCase(ex, group, c, ctx);
        results.push({ ...r, ms: Math.round(performance.now() - t0) });
      }
    }
    return results;
  },
};

/** file:line:col of a part of the exercise in the author's spec (line 1 in a bundle's spec.json). */
function specPlace(ex: FunctionExercise, ctx: GradeContext, rest: (string | number)[]) {
  const a = ctx.assignment;
  const path = ['exercises', a.spec.exercises.indexOf(ex), ...rest];
  const at =
    'source' in a && a.source ? positionOf(a.source as YamlSource, path) : { line: 1, column: 1 };
  return { file: a.specFile, ...at };
}

const groupPath = (ex: FunctionExercise, group: TestGroup): (string | number)[] => [
  'groups',
  ex.groups.indexOf(group),
];

/** The group's cases; a generator that throws is the spec's problem, reported at its place. */
function casesOf(ex: FunctionExercise, group: TestGroup, ctx: GradeContext): Case[] {
  try {
    return expandGroup(ctx.assignment, ex, group, ctx.scope);
  } catch (e) {
    if (!(e instanceof CaseDrawError)) throw e;
    const a = ctx.assignment;
    const at = specPlace(ex, ctx, [...groupPath(ex, group), ...e.path]);
    const problem = `generator "${e.draw.generator}" threw while drawing case ${e.caseIndex + 1} of group ${group.name}: ${e.message}`;
    const fix = `fix the generator (assignments/${a.spec.id}/generators.ts or a built-in's parameters) so that it draws for every student`;
    throw new SpecProblemError([{ ...at, message: problem, fix }]);
  }
}

async function gradeCase(
  ex: FunctionExercise,
  group: TestGroup,
  c: Case,
  ctx: GradeContext,
): Promise<CaseResult> {
  const base = { name: c.name, exercise: ex.id, group: group.name, visibility: c.visibility };
  const hidden = c.visibility === 'hidden';
  const inputs = `inputs: ${formatArgs(c.args)}`;
  const result = (
    status: CaseResult['status'],
    fraction: number,
    studentText: string,
    taText?: string,
  ): CaseResult => ({
    ...base,
    status,
    fraction,
    output: studentText,
    ...(taText !== undefined ? { ta_output: taText } : {}),
  });

  const expected = expectedValue(ex, c, ctx);
  if (!expected.ok)
    return result(
      'error',
      0,
      'the grader could not compute this case; tell course staff',
      expected.message,
    );
  if (Date.now() > ctx.deadline)
    return result('timeout', 0, 'not run: the submission used up its total time limit');

  const outcome = await ctx.session.call({
    file: ex.file,
    exportName: ex.export,
    args: structuredClone(c.args),
    timeoutMs: group.timeout_ms ?? ex.timeout_ms ?? DEFAULTS.caseTimeoutMs,
  });
  if (outcome.status !== 'ok') {
    // A hidden case shows only the summary: the message may carry text the student's code chose.
    const text = hidden ? (outcome.summary ?? outcome.message) : `${outcome.message}\n${inputs}`;
    return result(outcome.status, 0, text, hidden ? `${outcome.message}\n${inputs}` : undefined);
  }
  const spec = group.judge ?? ex.judge;
  const { name: judgeName, ...options } = spec;
  let verdict: Verdict;
  try {
    verdict = judges[judgeName].judge({
      got: outcome.value,
      expected: expected.value,
      args: c.args,
      options,
      reference: ctx.reference?.[ex.file],
      exportName: ex.export,
    });
  } catch (e) {
    return result(
      'error',
      0,
      'the grader could not judge this case; tell course staff',
      // The judge's place in the spec: the group's own judge, else the exercise's.
      `judge ${judgeName} failed at ${formatPlace(specPlace(ex, ctx, group.judge ? [...groupPath(ex, group), 'judge'] : ['judge']))}: ${(e as Error).message}`,
    );
  }
  const fraction = verdict.fraction ?? (verdict.passed ? 1 : 0);
  const detail = numericDetail(outcome.value, expected.value, verdict);
  const withDetail = (r: CaseResult): CaseResult => (detail ? { ...r, detail } : r);
  if (verdict.passed)
    return withDetail(
      result('passed', fraction, verdict.message === 'correct' ? 'passed' : verdict.message),
    );
  if (hidden)
    return withDetail(
      result(
        'failed',
        fraction,
        `hidden test: ${verdict.summary}`,
        `${verdict.message}\n${inputs}`,
      ),
    );
  return withDetail(result('failed', fraction, `${verdict.message}\n${inputs}`));
}

export type ReferenceValue =
  | { ok: true; value: unknown }
  | { ok: false; problem: 'missing' | 'threw'; message: string };

/**
 * The one call of the reference for a case (grading and release both use it): on copies of the
 * arguments, and its value copied, so neither side can change the other's data.
 */
export function callReference(
  ex: FunctionExercise,
  args: readonly unknown[],
  reference: ReferenceModules | undefined,
): ReferenceValue {
  const fn = reference?.[ex.file]?.[ex.export];
  if (typeof fn !== 'function')
    return {
      ok: false,
      problem: 'missing',
      message: `the reference has no function ${ex.export} in ${ex.file}`,
    };
  try {
    return {
      ok: true,
      value: structuredClone((fn as (...a: unknown[]) => unknown)(...structuredClone(args))),
    };
  } catch (e) {
    return {
      ok: false,
      problem: 'threw',
      message: `the reference ${ex.export} threw: ${(e as Error).message}`,
    };
  }
}

/** Arrays of numbers (or objects of them, e.g. gradients) can be drawn; plain numbers and text cannot. */
function numericDetail(
  got: unknown,
  expected: unknown,
  verdict: Verdict,
): NumericDetail | undefined {
  if (!drawable(expected)) return undefined;
  return {
    kind: 'numeric',
    expected,
    got,
    ...(verdict.first && verdict.first.index >= 0 ? { first: verdict.first } : {}),
  };
}

const drawable = (v: unknown): boolean => {
  if (Array.isArray(v)) {
    const shape = shapeOf(v);
    return typeof shape !== 'string' && shape.length > 0;
  }
  return typeof v === 'object' && v !== null && Object.values(v).some(drawable);
};

function expectedValue(
  ex: FunctionExercise,
  c: Case,
  ctx: GradeContext,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (c.expected) return { ok: true, value: c.expected.value };
  const shipped = ctx.expectedByCase?.[c.name];
  if (shipped !== undefined) return { ok: true, value: shipped };
  const r = callReference(ex, c.args, ctx.reference);
  if (r.ok) return r;
  return {
    ok: false,
    message:
      r.problem === 'missing'
        ? `no reference for ${ex.file}:${ex.export} and no precomputed expected value for ${c.name}`
        : `${r.message.replace(/ threw: /, ` threw on ${c.name}: `)}`,
  };
}
