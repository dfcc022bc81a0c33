import { cp, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { referenceAnswersFile } from '../answers/init.js';
import { answersFiles } from '../exercise/registry.js';
import { gradeSubmission } from '../pipeline.js';
import { reportJson, withoutTiming } from '../report/build.js';
import type { Report } from '../report/schema.js';
import { formatProblem } from '../spec/errors.js';
import type { LoadedAssignment } from '../spec/load.js';
import { loadAssignmentWithReference } from '../course/load-assignment.js';
import type { ReferenceModules } from '../course/reference.js';
import { prepareAssignment } from './release.js';
import { renderStubs } from './render.js';
import { asFunction } from './student-spec.js';
import { typecheckFiles } from './typecheck.js';
import { DEFAULTS } from '../spec/defaults.js';

export const CHECK_NAMES = ['reference', 'stubs', 'repeatable', 'timing', 'release'] as const;
export type CheckName = (typeof CHECK_NAMES)[number] | 'spec';

/** One check of one assignment; `message` says what is wrong and what to do. */
export interface CheckItem {
  name: CheckName;
  ok: boolean;
  /** Could not be checked here (not a failure); `message` says why. */
  skipped?: boolean;
  message: string;
}

export interface CheckOptions {
  /** Two different course secrets: hidden cases must pass under both. */
  secrets: [string, string];
  /** A case may use at most this share of its time limit. */
  timeShare: number;
}

export const DEFAULT_CHECK: CheckOptions = {
  secrets: ['seedgrade-check-1', 'seedgrade-check-2'],
  timeShare: 0.5,
};
const CHECK_STUDENT = 'check';

const grade = (
  a: LoadedAssignment,
  reference: ReferenceModules,
  dir: string,
  secret: string,
): Promise<Report> =>
  gradeSubmission({
    assignment: a,
    reference,
    submissionDir: dir,
    student: CHECK_STUDENT,
    secret: { value: secret, source: 'provided' },
  });

const firstLine = (s: string): string => s.split('\n')[0];
const shortened = (s: string, lines = 3): string => {
  const all = s.split('\n');
  return (
    all.slice(0, lines).join(' / ') +
    (all.length > lines ? ` (and ${all.length - lines} more)` : '')
  );
};
const failuresOf = (r: Report): string =>
  r.tests
    .filter((t) => t.status !== 'passed')
    .slice(0, 2)
    .map((t) => `${t.name}: ${firstLine(t.ta_output ?? t.output)}`)
    .join('; ');

/** Every assignment check: reference, stubs, repeatability, timing, release. */
export async function checkAssignment(
  root: string,
  id: string,
  o: CheckOptions = DEFAULT_CHECK,
): Promise<CheckItem[]> {
  const loaded = await loadAssignmentWithReference(root, id);
  if (!loaded.ok)
    return [
      {
        name: 'spec',
        ok: false,
        message: `${loaded.problems.map(formatProblem).join('; ')} (run grade validate ${id})`,
      },
    ];
  const a = loaded.assignment;
  const solution = relative(root, a.solutionDir) || a.solutionDir;
  const modules = loaded.reference;

  const submission = await referenceSubmission(a, modules);
  try {
    const [first, second] = [
      await grade(a, modules, submission, o.secrets[0]),
      await grade(a, modules, submission, o.secrets[1]),
    ];
    const again = await grade(a, modules, submission, o.secrets[0]);
    return [
      checkReference([first, second], a, solution),
      await checkStubs(a, modules, o.secrets[0]),
      checkRepeatable(first, again),
      checkTiming([first, second, again], a, o.timeShare),
      checkRelease(a, modules),
    ];
  } finally {
    await rm(submission, { recursive: true, force: true });
  }
}

/**
 * The reference as a submission: the solution folder, plus each answers file filled in with the
 * reference answers of the check student's variant (answers live in code, not in a file).
 */
async function referenceSubmission(
  a: LoadedAssignment,
  reference: ReferenceModules,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'seedgrade-reference-'));
  await cp(a.solutionDir, dir, { recursive: true });
  for (const { file, exercises } of answersFiles(a.spec))
    await writeFile(
      join(dir, file),
      referenceAnswersFile(a.spec, exercises, CHECK_STUDENT, reference),
    );
  return dir;
}

function checkReference(reports: Report[], a: LoadedAssignment, solution: string): CheckItem {
  const total = a.spec.exercises.reduce((t, ex) => t + ex.points, 0);
  for (const [i, r] of reports.entries()) {
    if (r.score < r.max_score) {
      const files = a.spec.files.map((f) => join(solution, f)).join(', ');
      return {
        name: 'reference',
        ok: false,
        message: `the reference does not earn full marks (${r.score}/${r.max_score} with secret ${i + 1}): fill in ${files} so that it passes every test. First failures: ${failuresOf(r)}`,
      };
    }
    if (Math.abs(r.max_score - total) > 1e-6)
      return {
        name: 'reference',
        ok: false,
        message: `only ${r.max_score} of ${total} points were graded (a group produced no cases; check the spec's groups)`,
      };
  }
  return { name: 'reference', ok: true, message: `full marks with ${reports.length} secrets` };
}

async function checkStubs(
  a: LoadedAssignment,
  reference: ReferenceModules,
  secret: string,
): Promise<CheckItem> {
  const stubs = renderStubs(a.spec);
  if (!stubs.ok)
    return {
      name: 'stubs',
      ok: false,
      message: `${stubs.problems.join('; ')} (fix the signature in ${a.specFile})`,
    };
  const typed = await typecheckFiles(stubs.value, a.root);
  if (!typed.ok)
    return {
      name: 'stubs',
      ok: false,
      message: `the generated stubs do not type-check (fix the signature, or declare the types it uses under types: in ${a.specFile}): ${shortened(typed.message)}`,
    };
  const dir = await mkdtemp(join(tmpdir(), 'seedgrade-stubs-'));
  try {
    for (const [rel, text] of Object.entries(stubs.value)) {
      await mkdir(dirname(join(dir, rel)), { recursive: true });
      await writeFile(join(dir, rel), text);
    }
    const r = await grade(a, reference, dir, secret);
    const disturbed = r.tests.filter((t) =>
      ['timeout', 'memory', 'output-limit', 'crash'].includes(t.status),
    );
    if (r.score !== 0)
      return {
        name: 'stubs',
        ok: false,
        message: `the stubs earn ${r.score} points (a test passes without any code: make its expected value something a throwing stub cannot produce): ${r.tests
          .filter((t) => t.score > 0)
          .map((t) => t.name)
          .slice(0, 3)
          .join(', ')}`,
      };
    if (disturbed.length)
      return {
        name: 'stubs',
        ok: false,
        message: `grading the stubs ended in ${disturbed[0].status} for ${disturbed[0].name} (a stub should simply throw)`,
      };
    return {
      name: 'stubs',
      ok: true,
      message: typed.skipped ? `earn 0; ${typed.skipped}` : 'type-check, earn 0',
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function checkRepeatable(a: Report, b: Report): CheckItem {
  const same = reportJson(withoutTiming(a)) === reportJson(withoutTiming(b));
  return same
    ? { name: 'repeatable', ok: true, message: 'identical reports' }
    : {
        name: 'repeatable',
        ok: false,
        message:
          'grading the reference twice gave different reports (a generator or the reference uses Math.random, the clock or global state: use the case rng)',
      };
}

/** Each case's worst time over all runs against its group's limit. */
function checkTiming(reports: Report[], a: LoadedAssignment, share: number): CheckItem {
  const limits = new Map<string, number>();
  for (const ex of a.spec.exercises.map(asFunction))
    if (ex)
      for (const g of ex.groups)
        limits.set(`${ex.id}/${g.name}`, g.timeout_ms ?? ex.timeout_ms ?? DEFAULTS.caseTimeoutMs);
  let worst = { name: '', ms: 0, limit: DEFAULTS.caseTimeoutMs };
  for (const r of reports) {
    for (const t of r.tests) {
      const ms = r.timing?.tests_ms[t.name] ?? 0;
      const limit = limits.get(`${t.exercise}/${t.group}`) ?? DEFAULTS.caseTimeoutMs;
      if (ms / limit > worst.ms / worst.limit) worst = { name: t.name, ms, limit };
    }
  }
  const text = `${worst.name || 'no case'}: ${worst.ms} ms of ${worst.limit} ms`;
  return worst.ms <= share * worst.limit
    ? { name: 'timing', ok: true, message: `slowest ${text}` }
    : {
        name: 'timing',
        ok: false,
        message: `${text}, over ${Math.round(share * 100)}% of the limit (make the case smaller or raise timeout_ms in ${a.specFile})`,
      };
}

function checkRelease(a: LoadedAssignment, reference: ReferenceModules): CheckItem {
  const p = prepareAssignment(a, reference);
  return p.ok
    ? { name: 'release', ok: true, message: 'student bundle can be built' }
    : { name: 'release', ok: false, message: `grade release would fail: ${p.problems.join('; ')}` };
}
