import type { Override, Report, TestResult } from '../report/schema.js';
import { roundPoints, sumPoints } from '../score/points.js';
import { latePenalty, type LateInput } from './late.js';
import type { OverrideRow } from './overrides.js';

/** What may change a graded report: the student's overrides and late-penalty inputs. */
export interface Adjustments {
  overrides: OverrideRow[];
  late?: LateInput;
}

export type AdjustResult = { ok: true; report: Report } | { ok: false; message: string };

/**
 * Applies, in order: test overrides (they replace a test's score), exercise overrides (a change to
 * the exercise's total), the late penalty on that raw score, then total overrides (the TA's last word).
 * With nothing to apply the report is returned as it was, byte for byte.
 */
export function applyAdjustments(report: Report, adj: Adjustments): AdjustResult {
  if (adj.overrides.length === 0 && !adj.late) return { ok: true, report };
  const tests: TestResult[] = report.tests.map((t) => ({ ...t }));
  for (const o of adj.overrides.filter((x) => x.target === 'test')) {
    const t = tests.find((x) => x.name === o.name);
    if (!t)
      return {
        ok: false,
        message: `${o.file}:${o.line}: ${report.student} has no test "${o.name}"`,
      };
    const score = roundPoints(o.points ?? t.score + o.delta!);
    if (score < 0 || score > t.max_score) {
      return {
        ok: false,
        message: `${o.file}:${o.line}: ${o.name} would get ${score} points, outside 0…${roundPoints(t.max_score)}`,
      };
    }
    t.override = { graded: t.score, comment: o.comment, line: o.line };
    t.score = score;
  }
  const entries: Override[] = [];
  let raw = sumPoints(tests.map((t) => t.score));
  for (const o of adj.overrides.filter((x) => x.target === 'exercise')) {
    const before = sumPoints(tests.filter((t) => t.exercise === o.name).map((t) => t.score));
    const after = roundPoints(o.points ?? before + o.delta!);
    entries.push({
      line: o.line,
      target: 'exercise',
      name: o.name,
      before,
      after,
      comment: o.comment,
    });
    raw = roundPoints(raw + after - before);
  }
  const late = adj.late ? latePenalty(raw, adj.late) : undefined;
  let score = roundPoints(raw - (late?.penalty ?? 0));
  for (const o of adj.overrides.filter((x) => x.target === 'total')) {
    const after = roundPoints(o.points ?? score + o.delta!);
    entries.push({
      line: o.line,
      target: 'total',
      name: 'total',
      before: score,
      after,
      comment: o.comment,
    });
    score = after;
  }
  const { environment, timing, ...head } = report;
  return {
    ok: true,
    report: {
      ...head,
      score: Math.max(0, score),
      tests,
      raw_score: raw,
      ...(late ? { late } : {}),
      ...(entries.length ? { overrides: entries } : {}),
      environment,
      ...(timing ? { timing } : {}),
    },
  };
}

/** Per exercise: the sum of its tests plus its exercise override, as the gradebook shows it. */
export function exerciseTotals(report: Report): Record<string, number> {
  const byExercise = new Map<string, number[]>();
  for (const t of report.tests)
    byExercise.set(t.exercise, [...(byExercise.get(t.exercise) ?? []), t.score]);
  const totals: Record<string, number> = {};
  for (const [ex, scores] of byExercise) totals[ex] = sumPoints(scores);
  for (const o of report.overrides ?? []) if (o.target === 'exercise') totals[o.name] = o.after;
  return totals;
}
