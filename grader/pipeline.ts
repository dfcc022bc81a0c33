import { kindOf, runtimeOf } from './exercise/registry.js';
import type { CaseResult, GradeContext } from './exercise/types.js';
import { buildReport } from './report/build.js';
import type { Details } from './report/details.js';
import type { Report } from './report/schema.js';
import { DEFAULT_LIMITS, type SandboxLimits } from './sandbox/child.js';
import { runtimes, type RuntimeName } from './sandbox/runtimes/registry.js';
import type { PrepareResult } from './sandbox/runtimes/types.js';
import type { Session } from './sandbox/session.js';
import { scoreResults } from './score/score.js';
import type { Secret } from './cases/secret.js';
import type { GradedAssignment, ReferenceModules } from './spec/load.js';
import { formatPlace } from './spec/errors.js';

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
  /** The folder is a fresh copy made by the stager (bulk grading): bundle it without copying it again. */
  staged?: boolean;
  /** Wall-clock budget for the whole submission. */
  submissionTimeMs?: number;
  /** Runs every exercise's code in this runtime, whatever the spec says (`--runtime`). */
  runtime?: RuntimeName;
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
  return {
    call: async () => ({ status: 'error', message }),
    close: async () => {},
    output: () => ({ stdout: '', stderr: '' }),
  };
}

function problemOf(o: GradeOptions, prepared: PrepareResult[]): Report['problem'] {
  if (o.unreadable)
    return { kind: 'unreadable', message: `the submission could not be unpacked: ${o.unreadable}` };
  for (const p of prepared) {
    if (p.ok) continue;
    if (p.stage) return { kind: 'refused', message: `submission refused: ${p.stage.message}` };
    return {
      kind: 'compile-error',
      message: `your code does not compile: ${(p.build ?? []).map((e) => `${formatPlace(e)}: ${e.message}`).join('; ')}`,
    };
  }
  return undefined;
}

/** The whole pipeline for one submission: box → sandboxed calls → judge → score → report. */
export async function gradeSubmission(o: GradeOptions): Promise<Report> {
  return (await gradeSubmissionWithDetails(o)).report;
}

/** The report and, beside it, the values the HTML pages draw (never part of report.json). */
export async function gradeSubmissionWithDetails(
  o: GradeOptions,
): Promise<{ report: Report; details: Details }> {
  const started = Date.now();
  const spec = o.assignment.spec;
  const student = o.student ?? studentNamedInAnswers(o) ?? 'anonymous';
  const codeFiles = spec.files.filter((f) => !f.endsWith('.yaml'));
  const runtimeFor = new Map(
    spec.exercises.map((ex) => [ex, runtimeOf(ex, spec.runtime, o.runtime)] as const),
  );
  const used = [
    ...new Set([...runtimeFor.values()].filter((r): r is RuntimeName => r !== undefined)),
  ].sort();
  // Each runtime that an exercise needs gets its own build of the submission (a wasm bundle has no built-ins).
  const prepared = new Map<RuntimeName, PrepareResult>();
  if (!o.unreadable)
    for (const name of used)
      prepared.set(
        name,
        await runtimes[name].prepare(o.submissionDir, codeFiles, { staged: o.staged }),
      );
  const problem = problemOf(o, [...prepared.values()]);
  const sessions = new Map<RuntimeName, Session>();
  const sessionFor = (name: RuntimeName | undefined): Session => {
    const p = name ? prepared.get(name) : undefined;
    if (!name || !p?.ok || problem) return failingSession(problem?.message ?? 'not run');
    let s = sessions.get(name);
    if (!s) sessions.set(name, (s = p.prepared.session(o.limits ?? DEFAULT_LIMITS)));
    return s;
  };

  const base: Omit<GradeContext, 'session'> = {
    assignment: o.assignment,
    reference: o.reference,
    expectedByCase: o.expectedByCase,
    scope: { secret: o.secret.value, student },
    visibleOnly: o.visibleOnly ?? false,
    deadline: started + (o.submissionTimeMs ?? 10 * 60_000),
    submissionDir: o.submissionDir,
  };
  const results: CaseResult[] = [];
  try {
    for (const ex of spec.exercises)
      results.push(
        ...(await kindOf(ex).grade(ex, { ...base, session: sessionFor(runtimeFor.get(ex)) })),
      );
  } finally {
    for (const s of sessions.values()) await s.close();
    for (const p of prepared.values()) if (p.ok) await p.prepared.dispose();
  }
  const ran = used.map((name) => ({ name, ...runtimes[name].isolation() }));
  const details: Details = new Map(
    results.flatMap((r) => (r.detail ? [[r.name, r.detail] as const] : [])),
  );
  const report = buildReport({
    assignment: spec.id,
    student,
    secret: base.visibleOnly ? 'none' : o.secret.source,
    scored: scoreResults(spec, results),
    problem,
    environment: {
      runtime: ran.length ? ran.map((r) => r.name).join('+') : 'none',
      layers: ran.flatMap((r) => r.layers),
      missing: ran.flatMap((r) => r.missing),
    },
    timing: {
      total_ms: Date.now() - started,
      tests_ms: Object.fromEntries(results.map((r) => [r.name, r.ms ?? 0])),
    },
  });
  return { report, details };
}
