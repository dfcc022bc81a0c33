import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Secret } from '../cases/secret.js';
import { reportJson, withoutTiming } from '../report/build.js';
import { toFeedbackMarkdown } from '../report/feedback.js';
import type { Roster } from '../report/gradebook.js';
import { toGradescopeResults } from '../report/gradescope.js';
import type { LoadedAssignment } from '../spec/load.js';
import type { ReferenceModules } from '../spec/reference.js';
import { writeFileAtomic } from './atomic.js';
import { gradingKey, runFingerprint } from './fingerprint.js';
import { detectLayout, stageSubmission, type Submission } from './layouts.js';
import { writeManifest } from './merge.js';
import { finishedStudents, statePath, writeClassOutputs } from './outputs.js';
import { createGradingPool } from './pool.js';
import { createProgress } from './progress.js';
import type { RuntimeName } from '../sandbox/runtimes/types.js';
import { inShard, type Shard } from './shard.js';
import type { ClassSummary } from './summary.js';

export interface BulkOptions {
  submissionsDir: string;
  outDir: string;
  assignment: LoadedAssignment;
  reference: ReferenceModules;
  secret: Secret;
  jobs?: number;
  shard?: Shard;
  roster?: Roster;
  graderVersion: string;
  /** Set to true (e.g. by SIGINT) to stop starting new submissions. */
  shouldStop?: () => boolean;
  log?: (line: string) => void;
  /** Show progress (a bar on a terminal, lines otherwise); default true. */
  progress?: boolean;
  /** Overrides the spec's runtime for every exercise (`--runtime`). */
  runtime?: RuntimeName;
}

export interface BulkResult {
  layout: string;
  graded: string[];
  skippedUnchanged: string[];
  skippedInput: { path: string; reason: string }[];
  interrupted: boolean;
  summary: ClassSummary;
  slowest: { student: string; ms: number }[];
}

export function packageVersion(root: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0';
  } catch {
    return '0';
  }
}

/**
 * Grades a whole class exactly as `grade run` would, over `jobs` parallel submissions. Each
 * student's files are written atomically and their state last, so a rerun after any kill skips
 * the finished ones and the class files are rebuilt from what is on disk.
 */
export async function bulkGrade(o: BulkOptions): Promise<BulkResult> {
  const log = o.log ?? (() => {});
  const layout = await detectLayout(o.submissionsDir);
  const mine = layout.submissions.filter((s) => !o.shard || inShard(s.student, o.shard)).sort((a, b) => (a.student < b.student ? -1 : 1));
  log(`layout: ${layout.layout}; ${layout.submissions.length} submissions${o.shard ? `, ${mine.length} in shard ${o.shard.index}/${o.shard.count}` : ''}${layout.skipped.length ? `; ${layout.skipped.length} skipped` : ''}`);
  for (const s of layout.skipped) log(`  skipped ${s.path}: ${s.reason}`);
  const exerciseIds = o.assignment.spec.exercises.map((e) => e.id);
  writeManifest(o.outDir, { assignment: o.assignment.spec.id, exercises: exerciseIds });
  const before = finishedStudents(o.outDir);
  const run = runFingerprint({ assignmentDir: o.assignment.dir, solutionDir: o.assignment.solutionDir, graderVersion: o.graderVersion, secret: o.secret.value, runtime: o.runtime });
  const work = mkdtempSync(join(tmpdir(), 'seedgrade-bulk-'));
  const graded: string[] = [];
  const unchanged: string[] = [];
  const progress = o.progress === false ? { tick: () => {}, stop: () => {} } : createProgress(mine.length);
  const queue = [...mine];
  const gradeOne = async (sub: Submission): Promise<void> => {
    const staged = join(work, sub.student);
    const stage = await stageSubmission(sub, staged);
    const key = gradingKey(run, sub.student, staged);
    if (before.get(sub.student)?.key === key) {
      unchanged.push(sub.student);
      progress.tick(sub.student, 'unchanged');
      rmSync(staged, { recursive: true, force: true });
      return;
    }
    const started = Date.now();
    const report = await pool.grade({
      submissionDir: staged,
      student: sub.student,
      secret: o.secret,
      ...(o.runtime ? { runtime: o.runtime } : {}),
      ...(stage.ok ? {} : { unreadable: stage.error.message }),
    });
    rmSync(staged, { recursive: true, force: true });
    const dir = join(o.outDir, sub.student);
    const clean = withoutTiming(report);
    writeFileAtomic(join(dir, 'report.json'), reportJson(clean));
    writeFileAtomic(join(dir, 'results.json'), JSON.stringify(toGradescopeResults(clean), null, 2) + '\n');
    writeFileAtomic(join(dir, 'feedback.md'), toFeedbackMarkdown(clean));
    const status = report.problem?.kind ?? 'graded';
    // Written last: the marker that this student is done.
    writeFileAtomic(statePath(o.outDir, sub.student), JSON.stringify({ key, status, ms: Date.now() - started }) + '\n');
    graded.push(sub.student);
    progress.tick(sub.student, `${report.score}/${report.max_score}${status === 'graded' ? '' : ` (${status})`}`);
  };
  const jobs = Math.max(1, o.jobs ?? availableParallelism());
  // One worker thread per job: each loads QuickJS once and grades one submission at a time, so a
  // looping submission holds up only its own worker.
  const pool = await createGradingPool(Math.min(jobs, Math.max(1, queue.length)), o.assignment.root, o.assignment.spec.id);
  let interrupted = false;
  const worker = async (): Promise<void> => {
    for (let sub = queue.shift(); sub; sub = queue.shift()) {
      if (o.shouldStop?.()) {
        interrupted = true;
        return;
      }
      await gradeOne(sub);
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, worker));
  } finally {
    await pool.close();
    progress.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const { summary, slowest } = writeClassOutputs(o.outDir, o.assignment.spec.id, exerciseIds, o.roster);
  return { layout: layout.layout, graded: graded.sort(), skippedUnchanged: unchanged.sort(), skippedInput: layout.skipped, interrupted, summary, slowest };
}
