import { kindOf } from '../exercise/registry.js';
import type { CaseResult, ScoringGroup } from '../exercise/types.js';
import type { TestResult } from '../report/schema.js';
import type { Assignment, Exercise } from '../spec/schema.js';
import { roundPoints, roundShare } from './points.js';

/** Each group's points: its own `points`, else the exercise's shared by case over all its groups. */
export function groupPoints(ex: Exercise): Map<string, number> {
  const groups = kindOf(ex).scoringGroups(ex);
  const total = groups.reduce((s, g) => s + g.count, 0);
  return new Map(groups.map((g) => [g.name, g.points ?? (ex.points * g.count) / total]));
}

export interface Scored {
  tests: TestResult[];
  score: number;
  max_score: number;
}

/**
 * Shares each exercise's points between its cases. Only groups that were run count toward the
 * maximum, so a student's visible-only run says how much the visible tests are worth.
 */
export function scoreResults(spec: Assignment, results: readonly CaseResult[]): Scored {
  const tests: TestResult[] = [];
  let score = 0;
  let max = 0;
  for (const ex of spec.exercises) {
    const points = groupPoints(ex);
    for (const group of kindOf(ex).scoringGroups(ex) as ScoringGroup[]) {
      const cases = results.filter((r) => r.exercise === ex.id && r.group === group.name);
      if (cases.length === 0) continue;
      const groupMax = points.get(group.name) ?? 0;
      const each = groupMax / cases.length;
      const allPassed = cases.every((c) => c.fraction >= 1);
      const earnedFractions = group.all_or_nothing
        ? allPassed
          ? cases.length
          : 0
        : cases.reduce((s, c) => s + c.fraction, 0);
      score += (groupMax * earnedFractions) / cases.length;
      max += groupMax;
      for (const c of cases) {
        const { fraction, ms: _ms, detail: _detail, ...rest } = c;
        const earned = group.all_or_nothing ? (allPassed ? each : 0) : each * fraction;
        tests.push({ ...rest, score: roundShare(earned), max_score: roundShare(each) });
      }
    }
  }
  return { tests, score: roundPoints(score), max_score: roundPoints(max) };
}
