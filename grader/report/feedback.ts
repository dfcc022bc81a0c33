import { adjustmentNotes } from './notes.js';
import type { Report, TestResult } from './schema.js';
import { formatPoints } from './table.js';

/**
 * Feedback a student can read: the score, a table of tests, and the student-facing output of every
 * test that did not pass. ta_output is never used: for hidden cases it holds the secret inputs.
 */

const STATUS_TEXT: Record<TestResult['status'], string> = {
  passed: 'passed',
  failed: 'wrong answer',
  error: 'error',
  timeout: 'time limit exceeded',
  memory: 'memory limit exceeded',
  'output-limit': 'too much output',
  crash: 'crashed',
};

/** Table cells: one line, pipes escaped, and characters that start markup neutralised. */
function cell(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** A fence longer than any run of backticks inside, so student output cannot close it early. */
function fenced(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text.replace(/\s+$/, '')}\n${fence}`;
}

export function toFeedbackMarkdown(report: Report): string {
  const passed = report.tests.filter((t) => t.status === 'passed').length;
  const lines: string[] = [
    `# ${cell(report.assignment)}: feedback for ${cell(report.student)}`,
    '',
    `**Score: ${formatPoints(report.score)} / ${formatPoints(report.max_score)}** (${passed} of ${report.tests.length} tests passed)`,
    '',
  ];
  if (report.raw_score !== undefined) {
    lines.push(
      `Raw score ${formatPoints(report.raw_score)}; then:`,
      '',
      ...adjustmentNotes(report).map((n) => `- ${cell(n)}`),
      '',
    );
  }
  if (report.tests.length > 0) {
    lines.push('| Exercise | Test | Result | Points |', '| --- | --- | --- | ---: |');
    for (const t of report.tests) {
      const name = t.visibility === 'hidden' ? `${cell(t.name)} (hidden)` : cell(t.name);
      const by = t.override ? ' (set by a TA)' : '';
      lines.push(
        `| ${cell(t.exercise)} | ${name} | ${STATUS_TEXT[t.status]} | ${formatPoints(t.score)} / ${formatPoints(t.max_score)}${by} |`,
      );
    }
    lines.push('');
  }
  const notPassed = report.tests.filter((t) => t.status !== 'passed');
  if (notPassed.length > 0) {
    lines.push('## What went wrong', '');
    for (const t of notPassed) {
      lines.push(`### ${cell(t.exercise)}: ${cell(t.name)} (${STATUS_TEXT[t.status]})`, '');
      lines.push(t.output.trim() === '' ? '_No details._' : fenced(t.output), '');
    }
  }
  return lines.join('\n');
}
