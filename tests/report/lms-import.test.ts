import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { MINI_SPEC, MINI_SUBMISSIONS } from '../helpers/mini.js';
import { makeProject, REPO } from '../helpers/project.js';

const run = promisify(execFile);
const GRADE = join(REPO, 'bin', 'grade.js');
const FIXTURES = join(REPO, 'tests', 'report', 'lms-exports');

/** mini, due 1 March 2026 23:59 UTC, half the points off per started day late. */
function project(): string {
  return makeProject({
    'assignments/mini/assignment.yaml':
      MINI_SPEC + 'due: "2026-03-01T23:59:00Z"\nlate: { per_day: 0.5 }\n',
    'solutions/mini/mini.ts': MINI_SUBMISSIONS.correct,
    'package.json': '{ "type": "module", "version": "0.0.0-test" }\n',
  });
}

async function grade(
  root: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [GRADE, '--root', root, ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const rows = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

describe('grade bulk --lms canvas', () => {
  it("writes Canvas's import: its columns, Points Possible, every roster student, '-' without a submission", async () => {
    const root = project();
    const subs = join(root, 'download');
    mkdirSync(subs);
    // Canvas "Download Submissions" names: <sortable name>_[LATE_]<user id>_<attachment id>_<file name>.
    writeFileSync(join(subs, 'doejane_1001_77001_mini.ts'), MINI_SUBMISSIONS.correct);
    writeFileSync(join(subs, 'roerick_LATE_1002_77002_mini.ts'), MINI_SUBMISSIONS.correct);
    writeFileSync(join(subs, 'ghostgus_1009_77009_mini.ts'), MINI_SUBMISSIONS.hardcoded);
    writeFileSync(
      join(root, 'times.csv'),
      'student,submitted_at\n1001,2026-03-01T20:00:00Z\n1002,2026-03-02T08:00:00Z\n',
    );
    const out = join(root, 'out');
    const r = await grade(root, [
      'bulk',
      subs,
      '--assignment',
      'mini',
      '--out',
      out,
      '--secret',
      's',
      '--jobs',
      '2',
      '--lms',
      'canvas',
      '--roster',
      join(FIXTURES, 'canvas-gradebook-export.csv'),
      '--canvas-assignment',
      '4242',
      '--submitted-at',
      join(root, 'times.csv'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'not in the canvas roster (graded, but not in canvas-import.csv): 1009',
    );
    const text = readFileSync(join(out, 'canvas-import.csv'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(rows(text)).toEqual([
      ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'Mini (4242)'],
      ['Points Possible', '', '', '', '', '4'],
      ['Doe, Jane', '1001', 'S1001', 'jdoe', 'CS 101-01', '4'],
      // One started day late at 50%: 4 − 2.
      ['Roe, Rick', '1002', 'S1002', 'rroe', 'CS 101-01', '2'],
      ['Moe, Mia', '1003', 'S1003', 'mmoe', 'CS 101-02', '-'],
      // A name that a spreadsheet would run as a formula is defused.
      ["'=cmd|' /C calc'!A0", '1004', 'S1004', 'evil', 'CS 101-02', '-'],
    ]);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.not_in_roster).toEqual(['1009']);
    // gradebook.csv keeps every submission, the roster's identity columns and the late columns.
    const book = rows(readFileSync(join(out, 'gradebook.csv'), 'utf8'));
    expect(book[0]).toEqual([
      'student',
      'Student',
      'SIS User ID',
      'SIS Login ID',
      'Section',
      'raw_score',
      'days_late',
      'penalty',
      'notes',
      'score',
      'max_score',
      'status',
      'double',
    ]);
    expect(book.find((b) => b[0] === '1002')).toEqual([
      '1002',
      'Roe, Rick',
      'S1002',
      'rroe',
      'CS 101-01',
      '4',
      '1',
      '2',
      '1 day late (due 2026-03-01T23:59:00Z): −2 points',
      '2',
      '4',
      'graded',
      '4',
    ]);
    expect(book.find((b) => b[0] === '1009')?.slice(0, 5)).toEqual(['1009', '', '', '', '']);
    // Ghost had no time in times.csv: no penalty, and the gradebook says why.
    expect(book.find((b) => b[0] === '1009')?.slice(5, 10)).toEqual([
      '1',
      '',
      '0',
      'submission time unknown: graded without late penalty',
      '1',
    ]);
    expect(book.find((b) => b[0] === '1003')?.slice(9, 12)).toEqual(['', '4', 'missing']);
  }, 120_000);

  it('without an assignment id, or with a roster that is not a Canvas export, says what to do', async () => {
    const root = project();
    mkdirSync(join(root, 'subs'));
    const noId = await grade(root, [
      'bulk',
      join(root, 'subs'),
      '--assignment',
      'mini',
      '--out',
      join(root, 'o'),
      '--secret',
      's',
      '--lms',
      'canvas',
      '--roster',
      join(FIXTURES, 'canvas-gradebook-export.csv'),
    ]);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('--canvas-assignment');
    const wrong = await grade(root, [
      'bulk',
      join(root, 'subs'),
      '--assignment',
      'mini',
      '--out',
      join(root, 'o'),
      '--secret',
      's',
      '--lms',
      'canvas',
      '--roster',
      join(FIXTURES, 'moodle-grading-worksheet.csv'),
      '--canvas-assignment',
      '1',
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/not Canvas's gradebook export .* no column "Student", "ID"/);
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});

describe('grade bulk --lms moodle', () => {
  it("fills Moodle's grading worksheet in its own column order; no grade without a submission", async () => {
    const root = project();
    const subs = join(root, 'download');
    // Moodle "Download all submissions" folders: <full name>_<participant id>_assignsubmission_file_.
    for (const [name, code] of [
      ['Jane Doe_501', MINI_SUBMISSIONS.correct],
      ['Mia Moe_503', MINI_SUBMISSIONS.hardcoded],
      ['Zed Zee_599', MINI_SUBMISSIONS.correct],
    ] as const) {
      mkdirSync(join(subs, `${name}_assignsubmission_file_`), { recursive: true });
      writeFileSync(join(subs, `${name}_assignsubmission_file_`, 'mini.ts'), code);
    }
    const roster = readFileSync(join(FIXTURES, 'moodle-grading-worksheet.csv'), 'utf8');
    // An extension for Mia: the worksheet may carry an extra column (Moodle ignores unknown ones on upload).
    const withExt = roster
      .replace('"Feedback comments"\n', '"Feedback comments",extension_days\n')
      .replace(/,\n"Participant/g, ',,\n"Participant')
      .replace(/,\n$/, ',,3\n');
    writeFileSync(join(root, 'worksheet.csv'), withExt);
    writeFileSync(
      join(root, 'times.csv'),
      'student,submitted_at\n501,2026-03-03T10:00:00Z\n503,2026-03-03T10:00:00Z\n',
    );
    const out = join(root, 'out');
    const r = await grade(root, [
      'bulk',
      subs,
      '--assignment',
      'mini',
      '--out',
      out,
      '--secret',
      's',
      '--jobs',
      '2',
      '--lms',
      'moodle',
      '--roster',
      join(root, 'worksheet.csv'),
      '--submitted-at',
      join(root, 'times.csv'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'not in the moodle roster (graded, but not in moodle-import.csv): 599',
    );
    const text = readFileSync(join(out, 'moodle-import.csv'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const [header, jane, rick, mia] = rows(text);
    expect(header).toEqual([
      'Identifier',
      'Full name',
      'Email address',
      'Status',
      'Grade',
      'Maximum Grade',
      'Grade can be changed',
      'Last modified (submission)',
      'Online text',
      'Last modified (grade)',
      'Feedback comments',
      'extension_days',
    ]);
    const col = (row: string[] | undefined, name: string) => row?.[header!.indexOf(name)];
    // Jane: correct (4), 2 started days late at 50% per day → 0.
    expect([
      col(jane, 'Identifier'),
      col(jane, 'Grade'),
      col(jane, 'Maximum Grade'),
      col(jane, 'Last modified (grade)'),
    ]).toEqual(['Participant 501', '0', '4.00', 'Monday, 2 March 2026, 11:30 AM']);
    expect(col(jane, 'Feedback comments')).toBe(
      '0 / 4 points; 4 of 4 tests passed. 2 days late (due 2026-03-01T23:59:00Z): −4 points',
    );
    // Rick: no submission, no grade (never a 0 by accident).
    expect([col(rick, 'Identifier'), col(rick, 'Grade'), col(rick, 'Feedback comments')]).toEqual([
      'Participant 502',
      '',
      '',
    ]);
    // Mia: the visible case only (1 of 4 points), on time thanks to her 3-day extension.
    expect([col(mia, 'Grade'), col(mia, 'Feedback comments')]).toEqual([
      '1',
      '1 / 4 points; 1 of 4 tests passed. on time (due 2026-03-04T23:59:00Z)',
    ]);
  }, 120_000);
});
