import type { Scored } from '../score/score.js';
import { REPORT_VERSION, type Report, type SandboxInfo, type TestResult } from './schema.js';

/** Fixed key order, so that two gradings of one submission serialise to the same bytes. */
export function orderedTest(t: TestResult): TestResult {
  return {
    name: t.name,
    exercise: t.exercise,
    group: t.group,
    score: t.score,
    max_score: t.max_score,
    status: t.status,
    visibility: t.visibility,
    output: t.output,
    ...(t.ta_output !== undefined ? { ta_output: t.ta_output } : {}),
    ...(t.curve !== undefined ? { curve: t.curve } : {}),
    ...(t.override !== undefined
      ? {
          override: {
            graded: t.override.graded,
            comment: t.override.comment,
            line: t.override.line,
          },
        }
      : {}),
  };
}

export function buildReport(input: {
  assignment: string;
  student: string;
  secret: Report['secret'];
  scored: Scored;
  environment: SandboxInfo;
  problem?: Report['problem'];
  timing?: Report['timing'];
}): Report {
  return {
    version: REPORT_VERSION,
    assignment: input.assignment,
    student: input.student,
    score: input.scored.score,
    max_score: input.scored.max_score,
    secret: input.secret,
    ...(input.problem
      ? { problem: { kind: input.problem.kind, message: input.problem.message } }
      : {}),
    tests: input.scored.tests.map(orderedTest),
    environment: {
      ...(input.environment.runtime ? { runtime: input.environment.runtime } : {}),
      layers: [...input.environment.layers],
      missing: [...input.environment.missing],
    },
    ...(input.timing ? { timing: input.timing } : {}),
  };
}

/** The report without durations: what determinism is judged on. */
export function withoutTiming(report: Report): Report {
  const { timing: _t, ...rest } = report;
  return rest;
}

export const reportJson = (report: Report): string => JSON.stringify(report, null, 2) + '\n';
