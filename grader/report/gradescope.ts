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
  extra_data: { assignment: string; student: string; max_score: number; report_version: string };
  tests: GradescopeTest[];
}

export interface GradescopeOptions {
  /**
   * When our hidden (secret-input) tests are shown. Default after_due_date: students see them, and their
   * total, once the deadline has passed, so they cannot probe hidden cases by resubmitting.
   */
  hiddenTestVisibility?: GradescopeVisibility;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function toTest(t: TestResult, hiddenVisibility: GradescopeVisibility): GradescopeTest {
  // Only the student-facing output: ta_output carries inputs and expected values of hidden cases.
  const kind = t.status === 'passed' || t.status === 'failed' ? '' : `[${t.status}] `;
  return {
    score: round(t.score),
    max_score: round(t.max_score),
    status: t.status === 'passed' ? 'passed' : 'failed',
    name: `${t.exercise}: ${t.name}`,
    name_format: 'text',
    output: kind + t.output,
    // "text" renders nothing: student code output must never become HTML on Gradescope.
    output_format: 'text',
    tags: [t.exercise, t.group].filter((x) => x !== ''),
    visibility: t.visibility === 'hidden' ? hiddenVisibility : 'visible',
  };
}

export function toGradescopeResults(report: Report, options: GradescopeOptions = {}): GradescopeResults {
  const hiddenVisibility = options.hiddenTestVisibility ?? 'after_due_date';
  const passed = report.tests.filter((t) => t.status === 'passed').length;
  const results: GradescopeResults = {
    score: round(report.score),
    output: `${report.assignment}: ${round(report.score)} / ${round(report.max_score)} points; ${passed} of ${report.tests.length} tests passed.`,
    output_format: 'text',
    test_output_format: 'text',
    test_name_format: 'text',
    // The grader's own stdout may echo staff details; keep it for instructors only.
    stdout_visibility: 'hidden',
    extra_data: { assignment: report.assignment, student: report.student, max_score: report.max_score, report_version: report.version },
    tests: report.tests.map((t) => toTest(t, hiddenVisibility)),
  };
  if (report.timing) results.execution_time = Math.round(report.timing.total_ms) / 1000;
  return results;
}
