import { formatPoints, formatTable } from './table.js';
import type { Report } from './schema.js';

const MARK: Record<string, string> = {
  passed: 'PASS',
  failed: 'FAIL',
  error: 'ERROR',
  timeout: 'TIMEOUT',
  memory: 'MEMORY',
  'output-limit': 'OUTPUT',
  crash: 'CRASH',
};

/** The readable per-test table a student or TA sees, with each failure's teaching message below. */
export function reportText(report: Report, opts: { ta?: boolean } = {}): string {
  const rows = report.tests.map((t) => [
    MARK[t.status] ?? t.status,
    t.name,
    t.visibility,
    `${formatPoints(t.score)}/${formatPoints(t.max_score)}`,
  ]);
  const parts = [
    `${report.assignment} — ${report.student}`,
    '',
    formatTable(['result', 'test', 'visibility', 'points'], rows),
  ];
  const failures = report.tests.filter((t) => t.status !== 'passed');
  if (failures.length) {
    parts.push('', 'What went wrong:');
    for (const t of failures) {
      const text = opts.ta && t.ta_output ? t.ta_output : t.output;
      parts.push(`- ${t.name} (${t.status}): ${text.split('\n').join('\n    ')}`);
    }
  }
  parts.push('', `score: ${formatPoints(report.score)}/${formatPoints(report.max_score)}`);
  if (report.secret === 'random')
    parts.push(
      'note: no course secret was given, so hidden tests used a random one; their inputs will differ at submission time.',
    );
  return parts.join('\n');
}
