import type { Report } from './schema.js';
import { roundTo } from '../score/points.js';

export interface ClassSummary {
  assignment: string;
  submissions: number;
  max_score: number;
  mean: number;
  median: number;
  /** Counts of scores in ten equal bins of the maximum; the last bin includes full marks. */
  histogram: { from: number; to: number; count: number }[];
  /** Per test: how many submissions did not pass it. */
  failure_rates: { test: string; failed: number; rate: number }[];
  statuses: Record<string, number>;
}

const round = (x: number): number => roundTo(x, 4);

export function summarize(
  assignment: string,
  reports: readonly Report[],
  statuses: Record<string, string>,
): ClassSummary {
  const scores = reports.map((r) => r.score).sort((a, b) => a - b);
  const max = reports.reduce((m, r) => Math.max(m, r.max_score), 0);
  const mid = Math.floor(scores.length / 2);
  const median =
    scores.length === 0 ? 0 : scores.length % 2 ? scores[mid] : (scores[mid - 1] + scores[mid]) / 2;
  const bins = 10;
  const histogram = Array.from({ length: bins }, (_, i) => ({
    from: round((max * i) / bins),
    to: round((max * (i + 1)) / bins),
    count: 0,
  }));
  for (const s of scores)
    histogram[Math.min(bins - 1, Math.floor((s / (max || 1)) * bins))].count++;
  const failed = new Map<string, number>();
  for (const r of reports)
    for (const t of r.tests)
      failed.set(t.name, (failed.get(t.name) ?? 0) + (t.status === 'passed' ? 0 : 1));
  const counts: Record<string, number> = {};
  for (const s of Object.values(statuses).sort()) counts[s] = (counts[s] ?? 0) + 1;
  return {
    assignment,
    submissions: reports.length,
    max_score: max,
    mean: scores.length ? round(scores.reduce((a, b) => a + b, 0) / scores.length) : 0,
    median: round(median),
    histogram,
    failure_rates: [...failed.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([test, n]) => ({ test, failed: n, rate: round(n / (reports.length || 1)) })),
    statuses: counts,
  };
}

export function summaryText(s: ClassSummary, slowest: { student: string; ms: number }[]): string {
  const width = Math.max(1, ...s.histogram.map((h) => h.count));
  const lines = [
    `${s.assignment}: ${s.submissions} submissions, mean ${s.mean}/${s.max_score}, median ${s.median}/${s.max_score}`,
    `statuses: ${Object.entries(s.statuses)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
    'scores:',
    ...s.histogram.map(
      (h) =>
        `  ${String(h.from).padStart(6)}–${String(h.to).padEnd(6)} ${'#'.repeat(Math.round((h.count / width) * 30))} ${h.count}`,
    ),
    'most failed tests:',
    ...s.failure_rates
      .slice(0, 5)
      .filter((f) => f.failed > 0)
      .map((f) => `  ${(f.rate * 100).toFixed(0).padStart(3)}%  ${f.test}`),
  ];
  if (slowest.length)
    lines.push(
      'slowest submissions:',
      ...slowest.map((x) => `  ${(x.ms / 1000).toFixed(1)} s  ${x.student}`),
    );
  return lines.join('\n');
}
