import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exerciseTotals } from '../adjust/apply.js';
import { adjustmentNotes } from '../report/notes.js';
import { classFormats, type ClassOutput } from '../report/formats.js';
import type { Roster } from '../report/gradebook.js';
import { gradebookRoster, matchRoster, type LmsRoster } from '../report/lms-roster.js';
import type { Report } from '../report/schema.js';
import { writeFileAtomic } from './atomic.js';
import { summarize, type ClassSummary } from '../report/summary.js';

/** What bulk keeps per graded student, beside the student's own files. */
export interface StudentState {
  key: string;
  status: string;
  ms: number;
  /** Hash of the late-penalty inputs and overrides applied to report.json (absent: none). */
  adjust?: string;
}

export const stateDir = (out: string): string => join(out, '.seedgrade', 'state');
export const statePath = (out: string, student: string): string =>
  join(stateDir(out), `${student}.json`);

/** Students whose grading finished (state written last, so a killed run never counts half a student). */
export function finishedStudents(out: string): Map<string, StudentState> {
  const dir = stateDir(out);
  const done = new Map<string, StudentState>();
  if (!existsSync(dir)) return done;
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const student = name.slice(0, -'.json'.length);
    try {
      const state = JSON.parse(readFileSync(join(dir, name), 'utf8')) as StudentState;
      if (existsSync(join(out, student, 'report.json'))) done.set(student, state);
    } catch {
      /* a torn state file cannot happen with atomic writes; skip anything unreadable and regrade */
    }
  }
  return done;
}

/** The report as graded, before late penalties and overrides: adjusting again never needs a regrade. */
export const rawPath = (out: string, student: string): string =>
  join(out, '.seedgrade', 'raw', `${student}.json`);
/** The values the student's pages draw (expected and given matrices): staff data, never in report.json. */
export const detailsPath = (out: string, student: string): string =>
  join(out, '.seedgrade', 'raw', `${student}.details.v8`);

export const readReport = (out: string, student: string): Report =>
  JSON.parse(readFileSync(join(out, student, 'report.json'), 'utf8')) as Report;

/** The LMS import to write beside gradebook.csv, from the roster the LMS exported. */
export interface LmsOutput {
  roster: LmsRoster;
  /** The roster file, for messages. */
  where: string;
  /** Canvas only: the assignment id of the import column. */
  canvasAssignment?: string;
}

export interface ClassInfo {
  assignment: string;
  title?: string;
  exercises: string[];
  /** The assignment's points, for students without a submission (and Points Possible). */
  max_score?: number;
}

export interface ClassOutputs {
  summary: ClassSummary;
  slowest: { student: string; ms: number }[];
  /** With an LMS roster: graded students no roster row matched (listed, never dropped). */
  notInRoster: string[];
}

/**
 * The class-level files (every class format), rebuilt from the per-student reports: the same
 * reports give the same bytes.
 */
export async function writeClassOutputs(
  out: string,
  info: ClassInfo,
  o: { roster?: Roster; lms?: LmsOutput } = {},
): Promise<ClassOutputs> {
  const states = finishedStudents(out);
  const students = [...states.keys()].sort();
  const reports = students.map((s) => readReport(out, s));
  const rows = reports.map((r, i) => {
    const days = r.late?.submitted_at ? { days_late: r.late.days_late } : {};
    const notes = adjustmentNotes(r).join('; ');
    const adjusted =
      r.raw_score === undefined
        ? {}
        : { adjusted: { raw_score: r.raw_score, ...days, penalty: r.late?.penalty ?? 0, notes } };
    const student = students[i]!;
    return {
      student,
      score: r.score,
      max_score: r.max_score,
      status: states.get(student)!.status,
      exercises: exerciseTotals(r),
      ...adjusted,
    };
  });
  let roster = o.roster;
  let lms: ClassOutput['lms'];
  if (o.lms) {
    const match = matchRoster(o.lms.roster, students);
    roster = gradebookRoster(o.lms.roster, match.studentOf);
    lms = {
      roster: o.lms.roster,
      studentOf: match.studentOf,
      canvasAssignment: o.lms.canvasAssignment,
      notInRoster: match.notInRoster,
    };
  }
  const summary = summarize(
    info.assignment,
    reports,
    Object.fromEntries(rows.map((r) => [r.student, r.status])),
  );
  const slowest = [...states.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 5)
    .map(([student, s]) => ({ student, ms: s.ms }));
  const c: ClassOutput = {
    ...info,
    title: info.title ?? info.assignment,
    students,
    reports,
    rows,
    states,
    summary,
    slowest,
    roster,
    lms,
  };
  for (const format of Object.values(classFormats)) {
    const file = format.file(c);
    if (file) writeFileAtomic(join(out, file), await format.render(c));
  }
  return { summary, slowest, notInRoster: lms?.notInRoster ?? [] };
}
