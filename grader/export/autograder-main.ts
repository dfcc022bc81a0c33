// The grader inside a Gradescope autograder: `npm run build` compiles this file into one grader.mjs.
// Gradescope runs run_autograder, which runs this; AUTOGRADER_ROOT stands in for /autograder in tests.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyAdjustments } from '../adjust/apply.js';
import { UNKNOWN_TIME } from '../adjust/late.js';
import { gradeSubmission } from '../pipeline.js';
import { withoutTiming } from '../report/build.js';
import { toGradescopeResults } from '../report/gradescope.js';
import { formatProblem } from '../spec/errors.js';
import { loadAssignmentWithReference } from '../course/load-assignment.js';
import { submissionFacts, type SubmissionMetadata } from './metadata.js';

const root = process.env.AUTOGRADER_ROOT ?? '/autograder';
const course = join(root, 'source', 'course');
const resultsFile = join(root, 'results', 'results.json');

function writeResults(results: unknown): void {
  mkdirSync(join(root, 'results'), { recursive: true });
  writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
}

/** Gradescope unpacks a zip or a repository into a folder of its own; grade the folder that holds the files. */
function submissionFolder(dir: string, files: string[]): string {
  if (files.some((f) => existsSync(join(dir, f)))) return dir;
  const isFolder = (n: string) =>
    !n.startsWith('.') && n !== '__MACOSX' && statSync(join(dir, n)).isDirectory();
  const subdirs = existsSync(dir) ? readdirSync(dir).filter(isFolder) : [];
  const holding = subdirs.filter((d) => files.some((f) => existsSync(join(dir, d, f))));
  return holding.length === 1 ? join(dir, holding[0]!) : dir;
}

async function main(): Promise<void> {
  const started = Date.now();
  const { assignment: id } = JSON.parse(readFileSync(join(course, 'seedgrade.json'), 'utf8')) as {
    assignment: string;
  };
  const loaded = await loadAssignmentWithReference(course, id);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const spec = loaded.assignment.spec;
  const secretFile = join(course, 'secret');
  const secret = existsSync(secretFile)
    ? { value: readFileSync(secretFile, 'utf8').trim(), source: 'provided' as const }
    : undefined;
  const metaFile = join(root, 'submission_metadata.json');
  const metadata = existsSync(metaFile)
    ? (JSON.parse(readFileSync(metaFile, 'utf8')) as SubmissionMetadata)
    : {};
  const facts = submissionFacts(metadata);
  const report = await gradeSubmission({
    assignment: loaded.assignment,
    reference: loaded.reference,
    submissionDir: submissionFolder(join(root, 'submission'), spec.files),
    student: facts.student ?? 'anonymous',
    secret: secret ?? { value: `${Date.now()}-${Math.random()}`, source: 'random' },
  });
  // Gradescope's due date (with the student's extension) wins over the spec's: staff change it there.
  const due = facts.due ?? spec.due;
  const cutoff = facts.lateDue ? { cutoff: facts.lateDue } : {};
  const when = facts.submittedAt
    ? { submittedAt: facts.submittedAt, ...cutoff }
    : { note: UNKNOWN_TIME };
  const late = due ? { due, ...(spec.late ? { policy: spec.late } : {}), ...when } : undefined;
  const adjusted = applyAdjustments(withoutTiming(report), {
    overrides: [],
    ...(late ? { late } : {}),
  });
  if (!adjusted.ok) throw new Error(adjusted.message);
  const results = toGradescopeResults(adjusted.report, {
    hiddenTestVisibility: spec.gradescope?.hidden_visibility,
  });
  results.execution_time = Math.round(Date.now() - started) / 1000;
  writeResults(results);
}

try {
  await main();
} catch (e) {
  // Gradescope shows a submission without results.json as an error with no text: say what happened.
  // The details go to the grader's stdout, which only staff see (they may name course files).
  const output = 'The autograder could not grade this submission; tell course staff.';
  writeResults({ score: 0, output, output_format: 'text', stdout_visibility: 'hidden', tests: [] });
  console.error(e);
  process.exitCode = 1;
}
