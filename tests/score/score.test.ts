import { describe, expect, it } from 'vitest';
import { ANSWERS_GROUP } from '../../grader/exercise/answers-group.js';
import type { CaseResult } from '../../grader/exercise/types.js';
import { groupPoints, scoreResults } from '../../grader/score/score.js';
import type { Assignment, Exercise, FunctionExercise } from '../../grader/spec/schema.js';

type Group = FunctionExercise['groups'][number];

/** A literal group of n cases, or a generated group of `count` cases. */
const literal = (name: string, n: number, extra: Partial<Group> = {}): Group =>
  ({
    name,
    visibility: 'visible',
    cases: Array.from({ length: n }, () => ({ args: [] })),
    ...extra,
  }) as Group;
const generated = (name: string, count: number, extra: Partial<Group> = {}): Group =>
  ({ name, visibility: 'hidden', count, args: [], ...extra }) as Group;

const fnExercise = (id: string, points: number, groups: Group[]): FunctionExercise => ({
  id,
  kind: 'function',
  points,
  file: 'f.ts',
  export: 'f',
  signature: '() => number',
  judge: { name: 'exact' },
  groups,
});

const spec = (...exercises: Exercise[]): Assignment => ({
  id: 'demo',
  title: 'Demo',
  description: '',
  files: ['f.ts'],
  exercises,
});

/** Results for one group, one per fraction, named group#i. */
const ran = (exercise: string, group: string, fractions: number[]): CaseResult[] =>
  fractions.map((fraction, i) => ({
    name: `${group}#${i}`,
    exercise,
    group,
    fraction,
    ms: 5,
    status: fraction >= 1 ? 'passed' : 'failed',
    visibility: 'visible',
    output: '',
  }));

describe('groupPoints', () => {
  it("shares the exercise's points by case over all its groups", () => {
    // 10 points over 2 + 3 = 5 cases: a = 10·2/5 = 4, b = 10·3/5 = 6
    const ex = fnExercise('e', 10, [literal('a', 2), generated('b', 3)]);
    expect([...groupPoints(ex)]).toEqual([
      ['a', 4],
      ['b', 6],
    ]);
  });

  it("takes each group's own points when given", () => {
    // explicit points win over the case count (2 and 3 cases would give 4 and 6)
    const ex = fnExercise('e', 10, [
      literal('a', 2, { points: 7 }),
      generated('b', 3, { points: 3 }),
    ]);
    expect([...groupPoints(ex)]).toEqual([
      ['a', 7],
      ['b', 3],
    ]);
  });

  it('gives an answers exercise one group worth all its points', () => {
    const ex: Exercise = {
      id: 'q',
      kind: 'answers',
      points: 5,
      file: 'answers.yaml',
      questions: [{ id: 'x', type: 'number', text: 'x?', answer: 1 }],
    };
    expect([...groupPoints(ex)]).toEqual([[ANSWERS_GROUP, 5]]);
  });
});

describe('scoreResults', () => {
  const ex = fnExercise('e', 10, [literal('a', 2), generated('b', 3)]);

  it('gives full marks when every case passes, each case an equal share of its group', () => {
    const r = scoreResults(spec(ex), [...ran('e', 'a', [1, 1]), ...ran('e', 'b', [1, 1, 1])]);
    expect(r.score).toBe(10);
    expect(r.max_score).toBe(10);
    // a: 4 / 2 = 2 per case; b: 6 / 3 = 2 per case
    expect(r.tests.map((t) => [t.name, t.score, t.max_score])).toEqual([
      ['a#0', 2, 2],
      ['a#1', 2, 2],
      ['b#0', 2, 2],
      ['b#1', 2, 2],
      ['b#2', 2, 2],
    ]);
  });

  it('earns partial fractions of a case share', () => {
    // a: 2 per case × (1 + 0) = 2; b: 2 per case × (1 + 0.5 + 0) = 3; total 5 of 10
    const r = scoreResults(spec(ex), [...ran('e', 'a', [1, 0]), ...ran('e', 'b', [1, 0.5, 0])]);
    expect(r.score).toBe(5);
    expect(r.max_score).toBe(10);
    expect(r.tests.map((t) => t.score)).toEqual([2, 0, 2, 1, 0]);
  });

  it('gives an all_or_nothing group nothing unless every case passes fully', () => {
    const aon = fnExercise('e', 10, [literal('a', 2), generated('b', 3, { all_or_nothing: true })]);
    // b has 0.99 in one case: b earns 0 (not 6·2.99/3); a earns 4; total 4
    const partly = scoreResults(spec(aon), [
      ...ran('e', 'a', [1, 1]),
      ...ran('e', 'b', [1, 1, 0.99]),
    ]);
    expect(partly.score).toBe(4);
    expect(partly.max_score).toBe(10);
    expect(partly.tests.filter((t) => t.group === 'b').map((t) => [t.score, t.max_score])).toEqual([
      [0, 2],
      [0, 2],
      [0, 2],
    ]);
    // every b case passes: 4 + 6 = 10
    const all = scoreResults(spec(aon), [...ran('e', 'a', [1, 1]), ...ran('e', 'b', [1, 1, 1])]);
    expect(all.score).toBe(10);
  });

  it('uses explicit group points for the case shares', () => {
    const pts = fnExercise('e', 10, [
      literal('a', 2, { points: 1 }),
      generated('b', 3, { points: 9 }),
    ]);
    // a: 1/2 = 0.5 per case; b: 9/3 = 3 per case. a passes one, b passes two: 0.5 + 6 = 6.5
    const r = scoreResults(spec(pts), [...ran('e', 'a', [1, 0]), ...ran('e', 'b', [1, 0, 1])]);
    expect(r.score).toBe(6.5);
    expect(r.tests.map((t) => t.max_score)).toEqual([0.5, 0.5, 3, 3, 3]);
  });

  it('counts only groups that ran toward max_score (a visible-only run)', () => {
    // only a (worth 10·2/5 = 4) ran; one of its two cases passed: 2 of 4
    const r = scoreResults(spec(ex), ran('e', 'a', [1, 0]));
    expect(r.max_score).toBe(4);
    expect(r.score).toBe(2);
    expect(r.tests.every((t) => t.group === 'a')).toBe(true);
  });

  it('scores several exercises apart, even with the same group names', () => {
    const e1 = fnExercise('e1', 10, [literal('visible', 1), generated('hidden', 4)]);
    const e2 = fnExercise('e2', 3, [literal('visible', 3)]);
    const q: Exercise = {
      id: 'q',
      kind: 'answers',
      points: 5,
      file: 'answers.yaml',
      questions: [{ id: 'x', type: 'number', text: 'x?', answer: 1 }],
    };
    // e1: visible 10·1/5 = 2, hidden 10·4/5 = 8 (2 per case); passes visible and 2 hidden → 2 + 4 = 6
    // e2: 1 per case; passes 1 → 1.  q: 4 questions judged, 5/4 each; 3 right → 3.75
    const results = [
      ...ran('e1', 'visible', [1]),
      ...ran('e1', 'hidden', [1, 1, 0, 0]),
      ...ran('e2', 'visible', [0, 1, 0]),
      ...ran('q', ANSWERS_GROUP, [1, 1, 1, 0]),
    ];
    const r = scoreResults(spec(e1, e2, q), results);
    expect(r.score).toBe(6 + 1 + 3.75);
    expect(r.max_score).toBe(10 + 3 + 5);
    expect(r.tests.filter((t) => t.exercise === 'q').map((t) => t.max_score)).toEqual([
      1.25, 1.25, 1.25, 1.25,
    ]);
    expect(r.tests.filter((t) => t.exercise === 'e2').map((t) => t.score)).toEqual([0, 1, 0]);
  });

  it('lists tests in spec order and ignores results of unknown exercises or groups', () => {
    const results = [
      ...ran('e', 'b', [1, 1, 1]),
      ...ran('e', 'a', [1, 1]),
      ...ran('ghost', 'a', [1]),
      ...ran('e', 'zz', [1]),
    ];
    const r = scoreResults(spec(ex), results);
    expect(r.tests.map((t) => t.name)).toEqual(['a#0', 'a#1', 'b#0', 'b#1', 'b#2']);
    expect(r.score).toBe(10);
    expect(r.max_score).toBe(10);
  });

  it('drops fraction and ms from the reported tests (the report schema has no such fields)', () => {
    const [t] = scoreResults(spec(ex), ran('e', 'a', [0.5])).tests;
    expect(Object.keys(t).sort()).toEqual([
      'exercise',
      'group',
      'max_score',
      'name',
      'output',
      'score',
      'status',
      'visibility',
    ]);
  });

  it('keeps thirds summable: per-case shares to 12 digits, totals to 6', () => {
    // 1 point over 3 cases: each 1/3; two pass → 2/3 ≈ 0.666667
    const third = fnExercise('t', 1, [literal('a', 3)]);
    const r = scoreResults(spec(third), ran('t', 'a', [1, 1, 0]));
    expect(r.max_score).toBe(1);
    expect(r.score).toBeCloseTo(2 / 3, 6);
    for (const t of r.tests) expect(t.max_score).toBeCloseTo(1 / 3, 11);
    const sum = r.tests.reduce((s, t) => s + t.max_score, 0);
    expect(Math.abs(sum - 1)).toBeLessThan(1e-11);
  });
});
