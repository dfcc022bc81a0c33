import { describe, expect, it } from 'vitest';
import {
  computeExpected,
  dropHiddenGroups,
  expandVisibleCases,
  fixGroupPoints,
  releaseOtherKinds,
  runSteps,
  swapReferenceJudges,
} from '../../grader/authoring/steps.js';
import {
  initialState,
  toStudentSpec,
  type ReleaseState,
} from '../../grader/authoring/student-spec.js';
import type { Assignment, FunctionExercise } from '../../grader/spec/schema.js';
import { inMemory } from './helpers.js';

/** 6 points over 1 + 2 + 3 = 6 cases: one point per case when groups give no points. */
const SPEC = {
  id: 'x',
  title: 'X',
  description: 'd',
  files: ['x.ts'],
  exercises: [
    {
      id: 'mul',
      kind: 'function',
      file: 'x.ts',
      export: 'mul',
      signature: '(a: number, b: number) => number',
      points: 6,
      judge: { name: 'exact' },
      groups: [
        { name: 'lit', visibility: 'visible', cases: [{ name: 'two-three', args: [2, 3] }] },
        {
          name: 'gen',
          visibility: 'visible',
          count: 2,
          args: [
            { gen: 'const', value: 5 },
            { gen: 'int', min: 7, max: 7 },
          ],
        },
        {
          name: 'secret',
          visibility: 'hidden',
          count: 3,
          args: [
            { gen: 'int', min: 0, max: 9 },
            { gen: 'int', min: 0, max: 9 },
          ],
        },
      ],
    },
    {
      id: 'grad',
      kind: 'function',
      file: 'x.ts',
      export: 'grad',
      signature: '(a: number) => number',
      points: 4,
      judge: { name: 'gradcheck', forward: 'square', wrt: 0, bound: 1e-4 },
      groups: [
        {
          name: 'shown',
          visibility: 'visible',
          points: 1,
          judge: { name: 'exact' },
          cases: [{ args: [1], expected: 2 }],
        },
        { name: 'unseen', visibility: 'hidden', points: 3, cases: [{ args: [31415926] }] },
      ],
    },
  ],
};
const spec = (): Assignment => structuredClone(SPEC) as Assignment;

const reference = {
  'x.ts': {
    mul: (a: number, b: number) => a * b,
    grad: (a: number) => 2 * a,
    square: (a: number) => a * a,
  },
};
const state = (s = spec()): ReleaseState => initialState(inMemory(s), reference);
const fn = (st: ReleaseState, i: number): FunctionExercise =>
  st.spec.exercises[i] as FunctionExercise;

describe('release steps, each alone', () => {
  it('fixGroupPoints writes each group its case share, keeping explicit points, and leaves the input alone', () => {
    const before = state();
    const after = fixGroupPoints(before);
    // mul: 6 points / 6 cases → 1 per case: lit 1, gen 2, secret 3.
    expect(fn(after, 0).groups.map((g) => g.points)).toEqual([1, 2, 3]);
    expect(fn(after, 1).groups.map((g) => g.points)).toEqual([1, 3]);
    expect(fn(before, 0).groups[0].points).toBeUndefined();
  });

  it('dropHiddenGroups removes hidden groups and records their points and case counts', () => {
    const after = dropHiddenGroups(state());
    expect(fn(after, 0).groups.map((g) => g.name)).toEqual(['lit', 'gen']);
    expect(fn(after, 1).groups.map((g) => g.name)).toEqual(['shown']);
    // mul: the hidden group's 3 of 6 cases carry 3 of 6 points; grad: 3 explicit points, 1 case.
    expect(after.hidden).toEqual({ mul: { points: 3, cases: 3 }, grad: { points: 3, cases: 1 } });
  });

  it('dropHiddenGroups after fixGroupPoints gives the same summary (the points were fixed over all groups)', () => {
    expect(dropHiddenGroups(fixGroupPoints(state())).hidden).toEqual(
      dropHiddenGroups(state()).hidden,
    );
  });

  it('expandVisibleCases turns a generated visible group into literal cases named 1, 2 and keeps hidden groups generated', () => {
    const after = expandVisibleCases(state());
    const gen = fn(after, 0).groups[1];
    // const 5 and int in [7, 7] draw 5 and 7 whatever the seed.
    expect(gen).toEqual({
      name: 'gen',
      visibility: 'visible',
      cases: [
        { name: '1', args: [5, 7] },
        { name: '2', args: [5, 7] },
      ],
    });
    expect('count' in fn(after, 0).groups[2]).toBe(true);
  });

  it('computeExpected runs the reference on visible cases without a literal expected value', () => {
    const after = computeExpected(expandVisibleCases(dropHiddenGroups(state())));
    // 2·3 = 6 and 5·7 = 35; grad/shown has a literal expected value, so nothing is computed for it.
    expect(after.expected).toEqual({ 'mul/lit/two-three': 6, 'mul/gen/1': 35, 'mul/gen/2': 35 });
    expect(after.problems).toEqual([]);
  });

  it('computeExpected reports a throwing reference with the case and the fix', () => {
    const broken = initialState(inMemory(spec()), {
      'x.ts': {
        ...reference['x.ts'],
        mul: () => {
          throw new Error('boom');
        },
      },
    });
    const after = computeExpected(dropHiddenGroups(broken));
    expect(after.problems[0]).toMatch(
      /^mul\/lit\/two-three: the reference mul threw: boom \(fix the reference in solutions\/x\)$/,
    );
  });

  it('swapReferenceJudges replaces gradcheck by relerr with the same bound and leaves other judges', () => {
    const after = swapReferenceJudges(state());
    expect(fn(after, 1).judge).toEqual({ name: 'relerr', max: 1e-4 });
    expect(fn(after, 0).judge).toEqual({ name: 'exact' });
    expect(fn(after, 1).groups[0].judge).toEqual({ name: 'exact' });
  });

  it('releaseOtherKinds ships an answers exercise without its answers, all of it counted as hidden', () => {
    const s = spec();
    s.exercises.push({
      id: 'count',
      kind: 'answers',
      file: 'answers.yaml',
      points: 2,
      reference_answers: 'answers.ts#referenceAnswers',
      questions: [{ id: 'q[1..2]', type: 'number', text: 'How many?', answer: '271828 + 1' }],
    } as Assignment['exercises'][number]);
    const out = releaseOtherKinds(state(s));
    expect(out.problems).toEqual([]);
    const shipped = JSON.stringify(out.spec.exercises.find((e) => e.id === 'count'));
    expect(shipped).not.toContain('271828');
    expect(shipped).not.toContain('referenceAnswers');
    expect(out.hidden.count).toEqual({ points: 2, cases: 1 });
    expect(releaseOtherKinds(state()).problems).toEqual([]);
  });

  it('all steps: only visible literal groups with points, and a hidden summary that adds up', () => {
    const student = toStudentSpec(runSteps(state()));
    const groups = student.assignment.exercises.flatMap((ex) => (ex as FunctionExercise).groups);
    expect(
      groups.every(
        (g) => g.visibility === 'visible' && 'cases' in g && typeof g.points === 'number',
      ),
    ).toBe(true);
    expect(JSON.stringify(student)).not.toContain('31415926');
    expect(student.hidden).toEqual({
      points: 6,
      cases: 4,
      exercises: { grad: { points: 3, cases: 1 }, mul: { points: 3, cases: 3 } },
    });
  });
});
