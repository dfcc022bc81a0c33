import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toGradebookCsv, type Roster } from '../report/gradebook.js';
import { toJUnitXml } from '../report/junit.js';
import type { Report } from '../report/schema.js';
import { writeFileAtomic } from './atomic.js';
import { summarize, type ClassSummary } from './summary.js';

/** What bulk keeps per graded student, beside the student's own files. */
export interface StudentState {
  key: string;
  status: string;
  ms: number;
}

export const stateDir = (out: string): string => join(out, '.seedgrade', 'state');
export const statePath = (out: string, student: string): string => join(stateDir(out), `${student}.json`);

/** Students whose grading finished (state written last, so a killed run never counts half a student). */
export function finishedStudents(out: string): Map<string, StudentState> {
  const dir = stateDir(out);
  const done = new Map<string, StudentState>();
  if (!existsSync(dir)) return done;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
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

export const readReport = (out: string, student: string): Report => JSON.parse(readFileSync(join(out, student, 'report.json'), 'utf8')) as Report;

/** The class-level files, rebuilt from the per-student reports: the same reports give the same bytes. */
export async function writeClassOutputs(out: string, assignment: string, exerciseIds: string[], roster?: Roster): Promise<{ summary: ClassSummary; slowest: { student: string; ms: number }[] }> {
  const states = finishedStudents(out);
  const students = [...states.keys()].sort();
  const reports = students.map((s) => readReport(out, s));
  const rows = reports.map((r, i) => {
    const perExercise: Record<string, number> = {};
    for (const t of r.tests) perExercise[t.exercise] = Math.round(((perExercise[t.exercise] ?? 0) + t.score) * 1e6) / 1e6;
    return { student: students[i], score: r.score, max_score: r.max_score, status: states.get(students[i])!.status, exercises: perExercise };
  });
  writeFileAtomic(join(out, 'gradebook.csv'), toGradebookCsv(rows, exerciseIds, roster));
  writeFileAtomic(join(out, 'junit.xml'), toJUnitXml(reports));
  const summary = summarize(assignment, reports, Object.fromEntries(rows.map((r) => [r.student, r.status])));
  const slowest = [...states.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 5).map(([student, s]) => ({ student, ms: s.ms }));
  writeFileAtomic(join(out, 'summary.json'), JSON.stringify({ ...summary, timing: { slowest } }, null, 2) + '\n');
  const { renderDashboardPage } = await import('../report/html/index.js');
  const pages = reports.map((report, i) => ({ student: students[i], report, status: rows[i].status, ms: states.get(students[i])!.ms }));
  writeFileAtomic(join(out, 'index.html'), renderDashboardPage(summary, pages));
  return { summary, slowest };
}
