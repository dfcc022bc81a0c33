import { kindOf } from './exercise/registry.js';
import type { CaseResult, GradeContext } from './exercise/types.js';
import { buildReport } from './report/build.js';
import type { Details } from './report/details.js';
import type { Report } from './report/schema.js';
import { prepareBox } from './sandbox/box.js';
import { DEFAULT_LIMITS, type SandboxLimits } from './sandbox/child.js';
import { isolationPlan } from './sandbox/layers.js';
import { createSession, type Session } from './sandbox/session.js';
import { scoreResults } from './score/score.js';
import type { Secret } from './cases/secret.js';
import type { GradedAssignment, ReferenceModules } from './spec/load.js';

export interface GradeOptions {
  assignment: GradedAssignment;
  reference?: ReferenceModules;
  expectedByCase?: Readonly<Record<string, unknown>>;
  submissionDir: string;
  /** The student id; when absent, the `student:` of an answers file, else "anonymous". */
  student?: string;
  secret: Secret;
  visibleOnly?: boolean;
  limits?: SandboxLimits;
  /** Set when the submission could not be unpacked (bulk grading): every test fails with this. */
  unreadable?: string;
  /** Wall-clock budget for the whole submission. */
  submissionTimeMs?: number;
}

function studentNamedInAnswers(o: GradeOptions): string | undefined {
  for (const ex of o.assignment.spec.exercises) {
    const named = kindOf(ex).studentNamed?.(ex, o.submissionDir);
    if (named) return named;
  }
  return undefined;
}

/** A session standing in for one whose code could not even be built: every call fails alike. */
function failingSession(message: string): Session {
  return { call: async () => ({ status: 'error', message }), close: async () => {}, output: () => ({ stdout: '', stderr: '' }) };
}

/** The whole pipeline for one submission: box → sandboxed calls → judge → score → report. */
export async function gradeSubmission(o: GradeOptions): Promise<Report> {
  return (await gradeSubmissionWithDetails(o)).report;
}

/** The report and, beside it, the values the HTML pages draw (never part of report.json). */
export async function gradeSubmissionWithDetails(o: GradeOptions): Promise<{ report: Report; details: Details }> {
  const started = Date.now();
  const spec = o.assignment.spec;
  const student = o.student ?? studentNamedInAnswers(o) ?? 'anonymous';
  const codeFiles = spec.files.filter((f) => !f.endsWith('.yaml'));
  const prepared = o.unreadable ? undefined : await prepareBox(o.submissionDir, codeFiles);
  let problem: Report['problem'];
  if (o.unreadable) problem = { kind: 'unreadable', message: `the submission could not be unpacked: ${o.unreadable}` };
  else if (prepared && !prepared.ok && prepared.stage) problem = { kind: 'refused', message: `submission refused: ${prepared.stage.message}` };
  else if (prepared && !prepared.ok) problem = { kind: 'compile-error', message: `your code does not compile: ${(prepared.build ?? []).map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('; ')}` };
  const session: Session = prepared?.ok ? createSession({ box: prepared.box.dir, limits: o.limits ?? DEFAULT_LIMITS }) : failingSession(problem?.message ?? 'not run');

  const ctx: GradeContext = {
    assignment: o.assignment,
    reference: o.reference,
    expectedByCase: o.expectedByCase,
    session,
    scope: { secret: o.secret.value, student },
    visibleOnly: o.visibleOnly ?? false,
    deadline: started + (o.submissionTimeMs ?? 10 * 60_000),
    submissionDir: o.submissionDir,
  };
  const results: CaseResult[] = [];
  try {
    for (const ex of spec.exercises) results.push(...(await kindOf(ex).grade(ex, ctx)));
  } finally {
    await session.close();
    if (prepared?.ok) await prepared.box.dispose();
  }
  const plan = isolationPlan();
  const details: Details = new Map(results.flatMap((r) => (r.detail ? [[r.name, r.detail] as const] : [])));
  const report = buildReport({
    assignment: spec.id,
    student,
    secret: ctx.visibleOnly ? 'none' : o.secret.source,
    scored: scoreResults(spec, results),
    problem,
    environment: { layers: plan.layers, missing: plan.missing },
    timing: { total_ms: Date.now() - started, tests_ms: Object.fromEntries(results.map((r) => [r.name, r.ms ?? 0])) },
  });
  return { report, details };
}
