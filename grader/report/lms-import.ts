import Papa from 'papaparse';
import { roundPoints } from '../score/points.js';
import type { LmsRoster } from './lms-roster.js';
import { adjustmentNotes } from './notes.js';
import type { Report } from './schema.js';

/** Text cells that a spreadsheet would run as a formula get a leading "'" (not "-": Canvas's "no score"). */
const FORMULA = /^[=+@\t\r]/;
const csv = (fields: string[], data: (string | number)[][]) =>
  Papa.unparse({ fields, data }, { escapeFormulae: FORMULA, newline: '\n' }) + '\n';

export interface LmsClass {
  roster: LmsRoster;
  /** Per roster row: the submission it was matched to, if any. */
  studentOf: (string | undefined)[];
  reports: Map<string, Report>;
  title: string;
  maxScore: number;
}

/**
 * Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, then "<title> (<id>)"
 * (the id makes Canvas update that assignment rather than create one), a "Points Possible" row,
 * and one row per roster student, "-" where there is no submission.
 */
export function toCanvasImportCsv(c: LmsClass, canvasAssignment: string): string {
  const fixed = ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section'];
  const data: (string | number)[][] = [
    ['Points Possible', '', '', '', '', roundPoints(c.maxScore)],
  ];
  c.roster.rows.forEach((r, i) => {
    const report = c.studentOf[i] ? c.reports.get(c.studentOf[i]!) : undefined;
    data.push([...fixed.map((f) => r.cells[f] ?? ''), report ? roundPoints(report.score) : '-']);
  });
  return csv([...fixed, `${c.title} (${canvasAssignment})`], data);
}

/** The feedback comment Moodle shows the student: score, tests passed, late penalty and overrides. */
function moodleComment(r: Report): string {
  const passed = r.tests.filter((t) => t.status === 'passed').length;
  const summary = `${roundPoints(r.score)} / ${roundPoints(r.max_score)} points; ${passed} of ${r.tests.length} tests passed.`;
  return [summary, ...adjustmentNotes(r)].join(' ');
}

/**
 * Moodle's grading worksheet, filled in: the worksheet's own columns in its order (Grade, Maximum
 * Grade and Feedback comments added if absent), Grade and Feedback comments set for students with a
 * submission, left empty for the others. "Last modified (grade)" keeps the worksheet's value: Moodle
 * skips a row whose grade changed in Moodle after that time, so a stale upload never overwrites.
 */
export function toMoodleImportCsv(c: LmsClass): string {
  const header = [...c.roster.header];
  for (const col of ['Grade', 'Maximum Grade', 'Last modified (grade)', 'Feedback comments']) {
    if (!header.includes(col)) header.push(col);
  }
  const data = c.roster.rows.map((r, i) => {
    const report = c.studentOf[i] ? c.reports.get(c.studentOf[i]!) : undefined;
    const cells: Record<string, string | number> = { ...r.cells };
    cells.Grade = report ? roundPoints(report.score) : '';
    if (!cells['Maximum Grade']) cells['Maximum Grade'] = roundPoints(c.maxScore);
    cells['Feedback comments'] = report ? moodleComment(report) : '';
    return header.map((h) => cells[h] ?? '');
  });
  return csv(header, data);
}
