import { adjustmentNotes } from './notes.js';
import { apportion, roundPoints } from '../score/points.js';
import type { Report, TestResult } from './schema.js';

/**
 * Gradescope's autograder results.json, as documented in "Autograder Specifications"
 * (gradescope-autograders.readthedocs.io/en/latest/specs/, section "Output format"):
 * top level score, execution_time (seconds), output, output_format, test_output_format,
 * test_name_format, visibility, stdout_visibility, extra_data, tests[]; each test has score,
 * max_score, status ("passed" | "failed"), name, name_format, number, output, output_format, tags,
 * visibility, extra_data. Visibility is one of hidden, after_due_date, after_published, visible.
 */
export type GradescopeVisibility = 'visible' | 'hidden' | 'after_due_date' | 'after_published';
export type GradescopeFormat = 'text' | 'simple_format' | 'html' | 'md' | 'ansi';

export interface GradescopeTest {
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  name: string;
  name_format: GradescopeFormat;
  number: string;
  output: string;
  output_format: GradescopeFormat;
  tags: string[];
  visibility: GradescopeVisibility;
}

export interface GradescopeResults {
  score: number;
  execution_time?: number;
  output: string;
  output_format: GradescopeFormat;
  test_output_format: GradescopeFormat;
  test_name_format: GradescopeFormat;
  stdout_visibility: GradescopeVisibility;
  extra_data: {
    assignment: string;
    student: string;
    max_score: number;
    report_version: string;
    raw_score?: number;
    days_late?: number;
    late_penalty?: number;
  };
  tests: GradescopeTest[];
}

export interface GradescopeOptions {
  /**
   * When our hidden (secret-input) tests are shown. Default after_published: students see them once
   * staff publish grades, so they cannot probe hidden cases by resubmitting.
   */
  hiddenTestVisibility?: GradescopeVisibility;
}

/** Markdown: student text goes in a fence longer than any backtick run inside it, so it stays text. */
export function fencedText(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text.replace(/\s+$/, '')}\n${fence}`;
}

/** Inline markdown: one line, characters that start markup escaped. */
export const mdInline = (s: string): string =>
  s.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>|#!~])/g, '\\$1');

/** "1.3": exercise number (spec order) and the test's number within it, as Gradescope sorts them. */
function numbers(tests: readonly TestResult[]): string[] {
  const exercises: string[] = [];
  const counts = new Map<string, number>();
  return tests.map((t) => {
    if (!exercises.includes(t.exercise)) exercises.push(t.exercise);
    counts.set(t.exercise, (counts.get(t.exercise) ?? 0) + 1);
    return `${exercises.indexOf(t.exercise) + 1}.${counts.get(t.exercise)}`;
  });
}

function testOutput(t: TestResult): string {
  const parts: string[] = [];
  if (t.status !== 'passed' && t.status !== 'failed') parts.push(`**${t.status}**`);
  if (t.output.trim() !== '') parts.push(fencedText(t.output));
  if (t.override) {
    const why = t.override.comment ? `: ${mdInline(t.override.comment)}` : '';
    parts.push(`Score set by course staff (grader gave ${roundPoints(t.override.graded)})${why}`);
  }
  return parts.join('\n\n');
}

function summary(report: Report, passed: number): string {
  const points = `${roundPoints(report.score)} / ${roundPoints(report.max_score)} points`;
  const lines = [
    `**${mdInline(report.assignment)}**: ${points}; ${passed} of ${report.tests.length} tests passed.`,
  ];
  if (report.raw_score !== undefined) {
    lines.push('', `Raw score ${roundPoints(report.raw_score)}.`);
    for (const n of adjustmentNotes(report)) lines.push(`- ${mdInline(n)}`);
  }
  return lines.join('\n');
}

export function toGradescopeResults(
  report: Report,
  options: GradescopeOptions = {},
): GradescopeResults {
  const hiddenVisibility = options.hiddenTestVisibility ?? 'after_published';
  const passed = report.tests.filter((t) => t.status === 'passed').length;
  // Rounded so that the tests add up to the total exactly (Gradescope shows both).
  const scores = apportion(report.tests.map((t) => t.score));
  const maxes = apportion(report.tests.map((t) => t.max_score));
  const numbered = numbers(report.tests);
  const late = report.late;
  const results: GradescopeResults = {
    score: roundPoints(report.score),
    output: summary(report, passed),
    output_format: 'md',
    test_output_format: 'md',
    test_name_format: 'text',
    // The grader's own stdout may echo staff details; keep it for instructors only.
    stdout_visibility: 'hidden',
    extra_data: {
      assignment: report.assignment,
      student: report.student,
      max_score: report.max_score,
      report_version: report.version,
      ...(report.raw_score !== undefined ? { raw_score: report.raw_score } : {}),
      ...(late?.submitted_at ? { days_late: late.days_late, late_penalty: late.penalty } : {}),
    },
    tests: report.tests.map((t, i) => ({
      // Only the student-facing output: ta_output carries inputs and expected values of hidden cases.
      score: scores[i]!,
      max_score: maxes[i]!,
      status: t.status === 'passed' ? 'passed' : 'failed',
      name: `${t.exercise}: ${t.name}`,
      name_format: 'text',
      number: numbered[i]!,
      output: testOutput(t),
      output_format: 'md',
      tags: [t.exercise, t.group].filter((x) => x !== ''),
      visibility: t.visibility === 'hidden' ? hiddenVisibility : 'visible',
    })),
  };
  if (report.timing) results.execution_time = Math.round(report.timing.total_ms) / 1000;
  return results;
}
