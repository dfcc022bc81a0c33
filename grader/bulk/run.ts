import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyAdjustments } from '../adjust/apply.js';
import { parseOverrides } from '../adjust/overrides.js';
import {
  adjustmentsFor,
  rosterDates,
  type ClassAdjustInputs,
  type StudentDates,
} from '../adjust/times.js';
import { fullRoster, matchRoster } from '../report/lms-roster.js';
import type { Secret } from '../cases/secret.js';
import type { Report } from '../report/schema.js';
import { roundPoints } from '../score/points.js';
import { loadAdjustInputs, saveAdjustInputs } from './adjust-store.js';
import { reportJson, withoutTiming } from '../report/build.js';
import { studentFormats } from '../report/formats.js';
import type { Roster } from '../report/gradebook.js';
import type { LoadedAssignment } from '../spec/load.js';
import { writeFileAtomic } from './atomic.js';
import { gradingKey, runFingerprint } from './fingerprint.js';
import { detectLayout, stageSubmission, type Submission } from './layouts.js';
import { writeManifest } from './merge.js';
import {
  detailsPath,
  finishedStudents,
  rawPath,
  statePath,
  writeClassOutputs,
  type LmsOutput,
  type StudentState,
} from './outputs.js';
import { createGradingPool } from './pool.js';
import { createProgress } from './progress.js';
import type { Details } from '../report/details.js';
import type { RuntimeName } from '../sandbox/runtimes/types.js';
import { deserialize, serialize } from 'node:v8';
import { inShard, type Shard } from './shard.js';
import { summarize, type ClassSummary } from '../report/summary.js';

export interface BulkOptions {
  submissionsDir: string;
  outDir: string;
  /** The spec (each worker thread loads the reference itself, once). */
  assignment: LoadedAssignment;
  secret: Secret;
  jobs?: number;
  shard?: Shard;
  roster?: Roster;
  /** Canvas or Moodle: its roster export, and the import file to write. */
  lms?: LmsOutput;
  /** New late-penalty inputs and overrides; a part left out keeps what the output folder stored. */
  adjust?: {
    overridesCsv?: { text: string; where: string };
    submittedAt?: Record<string, string>;
    dates?: Record<string, StudentDates>;
  };
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
  /** Graded students that no row of the LMS roster matched. */
  notInRoster: string[];
  /** Set when overrides could not be applied (the CSV line is named); nothing was graded then. */
  problem?: string;
}

/**
 * Grades a whole class exactly as `grade run` would, over `jobs` parallel submissions. Each
 * student's files are written atomically and their state last, so a rerun after any kill skips
 * the finished ones and the class files are rebuilt from what is on disk.
 */
export async function bulkGrade(o: BulkOptions): Promise<BulkResult> {
  const log = o.log ?? (() => {});
  const layout = await detectLayout(o.submissionsDir);
  const mine = layout.submissions
    .filter((s) => !o.shard || inShard(s.student, o.shard))
    .sort((a, b) => (a.student < b.student ? -1 : 1));
  log(
    `layout: ${layout.layout}; ${layout.submissions.length} submissions${o.shard ? `, ${mine.length} in shard ${o.shard.index}/${o.shard.count}` : ''}${layout.skipped.length ? `; ${layout.skipped.length} skipped` : ''}`,
  );
  for (const s of layout.skipped) log(`  skipped ${s.path}: ${s.reason}`);
  const spec = o.assignment.spec;
  const exerciseIds = spec.exercises.map((e) => e.id);
  const maxScore = roundPoints(spec.exercises.reduce((s, e) => s + e.points, 0));
  const info = {
    assignment: spec.id,
    title: spec.title,
    exercises: exerciseIds,
    max_score: maxScore,
  };
  const inputs = resolveInputs(
    o,
    layout.submissions.map((s) => s.student),
  );
  if (!inputs.ok) {
    const nothing = {
      graded: [],
      skippedUnchanged: [],
      interrupted: false,
      summary: summarize(spec.id, [], {}),
      slowest: [],
      notInRoster: [],
    };
    return {
      layout: layout.layout,
      skippedInput: layout.skipped,
      ...nothing,
      problem: inputs.message,
    };
  }
  saveAdjustInputs(o.outDir, inputs.value);
  writeManifest(o.outDir, info);
  const before = finishedStudents(o.outDir);
  const run = runFingerprint({
    assignmentDir: o.assignment.dir,
    solutionDir: o.assignment.solutionDir,
    graderVersion: o.graderVersion,
    secret: o.secret.value,
    runtime: o.runtime,
  });
  const work = mkdtempSync(join(tmpdir(), 'seedgrade-bulk-'));
  const graded: string[] = [];
  const unchanged: string[] = [];
  const problems: string[] = [];
  const progress =
    o.progress === false ? { tick: () => {}, stop: () => {} } : createProgress(mine.length);
  const queue = [...mine];
  const hiddenTestVisibility = spec.gradescope?.hidden_visibility;
  /** report.json, results.json and feedback.md from the raw report; the state file last. */
  const writeStudent = async (
    raw: Report,
    details: Details,
    student: string,
    state: StudentState,
  ): Promise<boolean> => {
    const applied = applyAdjustments(raw, adjustmentsFor(spec, inputs.value, student));
    if (!applied.ok) {
      problems.push(applied.message);
      return false;
    }
    const report = applied.report;
    const dir = join(o.outDir, student);
    for (const format of Object.values(studentFormats))
      writeFileAtomic(
        join(dir, format.file),
        await format.render({ report, details, hiddenTestVisibility }),
      );
    // Written last: the marker that this student is done.
    writeFileAtomic(statePath(o.outDir, student), JSON.stringify(state) + '\n');
    return true;
  };
  const gradeOne = async (sub: Submission): Promise<void> => {
    const staged = join(work, sub.student);
    const stage = await stageSubmission(sub, staged);
    const key = gradingKey(run, sub.student, staged);
    const adjust = adjustKey(spec, inputs.value, sub.student);
    const prev = before.get(sub.student);
    if (prev?.key === key && existsSync(rawPath(o.outDir, sub.student))) {
      rmSync(staged, { recursive: true, force: true });
      // Same submission: only new overrides or dates, if any, are applied to the stored raw report.
      if (prev.adjust !== adjust) {
        const raw = JSON.parse(readFileSync(rawPath(o.outDir, sub.student), 'utf8')) as Report;
        const { adjust: _old, ...state } = prev;
        await writeStudent(raw, storedDetails(o.outDir, sub.student), sub.student, {
          ...state,
          ...(adjust ? { adjust } : {}),
        });
      }
      unchanged.push(sub.student);
      progress.tick(sub.student, 'unchanged');
      return;
    }
    const started = Date.now();
    const { report, details } = await pool.grade({
      submissionDir: staged,
      staged: true,
      student: sub.student,
      secret: o.secret,
      ...(o.runtime ? { runtime: o.runtime } : {}),
      ...(stage.ok ? {} : { unreadable: stage.error.message }),
    });
    rmSync(staged, { recursive: true, force: true });
    const clean = withoutTiming(report);
    writeFileAtomic(rawPath(o.outDir, sub.student), reportJson(clean));
    writeFileAtomic(detailsPath(o.outDir, sub.student), serialize(details));
    const status = report.problem?.kind ?? 'graded';
    if (
      !(await writeStudent(clean, details, sub.student, {
        key,
        status,
        ms: Date.now() - started,
        ...(adjust ? { adjust } : {}),
      }))
    )
      return;
    graded.push(sub.student);
    progress.tick(
      sub.student,
      `${report.score}/${report.max_score}${status === 'graded' ? '' : ` (${status})`}`,
    );
  };
  const jobs = Math.max(1, o.jobs ?? availableParallelism());
  // One worker thread per job: each loads QuickJS once and grades one submission at a time, so a
  // looping submission holds up only its own worker.
  const pool = await createGradingPool(
    Math.min(jobs, Math.max(1, queue.length)),
    o.assignment.root,
    o.assignment.spec.id,
  );
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
  const { summary, slowest, notInRoster } = await writeClassOutputs(o.outDir, info, {
    roster: o.roster,
    lms: o.lms,
  });
  const problem = problems.length ? { problem: problems.sort().join('\n') } : {};
  const skippedUnchanged = unchanged.sort();
  return {
    layout: layout.layout,
    graded: graded.sort(),
    skippedUnchanged,
    skippedInput: layout.skipped,
    interrupted,
    summary,
    slowest,
    notInRoster,
    ...problem,
  };
}

/** Stored inputs, replaced part by part by what this run was given; overrides checked against the whole class. */
function resolveInputs(
  o: BulkOptions,
  students: string[],
): { ok: true; value: ClassAdjustInputs } | { ok: false; message: string } {
  const stored = loadAdjustInputs(o.outDir);
  let overrides = stored.overrides ?? [];
  if (o.adjust?.overridesCsv) {
    const { text, where } = o.adjust.overridesCsv;
    const parsed = parseOverrides(text, where, {
      students: new Set(students),
      spec: o.assignment.spec,
    });
    if (!parsed.ok) return parsed;
    overrides = parsed.rows;
  }
  let dates = o.adjust?.dates;
  if (!dates && o.lms) {
    // An LMS roster is keyed by LMS ids: its rows are matched to submissions first.
    const r = rosterDates(
      fullRoster(o.lms.roster, matchRoster(o.lms.roster, students).studentOf),
      o.lms.where,
    );
    if (!r.ok) return r;
    dates = r.value;
  }
  const submittedAt = o.adjust?.submittedAt ?? stored.submittedAt ?? {};
  return { ok: true, value: { overrides, submittedAt, dates: dates ?? stored.dates ?? {} } };
}

/** What a student's adjustments depend on, hashed; '' when there are none. */
function adjustKey(
  spec: LoadedAssignment['spec'],
  inputs: ClassAdjustInputs,
  student: string,
): string {
  const a = adjustmentsFor(spec, inputs, student);
  if (a.overrides.length === 0 && !a.late) return '';
  return createHash('sha256').update(JSON.stringify(a)).digest('hex');
}

/** The values behind a student's pictures, kept beside the raw report (v8 keeps NaN and -0) for re-adjusting. */
function storedDetails(out: string, student: string): Details {
  try {
    return deserialize(readFileSync(detailsPath(out, student))) as Details;
  } catch {
    return new Map(); // graded before pages existed: pages without pictures
  }
}
