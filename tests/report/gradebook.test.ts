import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseGradebookCsv,
  readGradebookCsv,
  readRoster,
  toGradebookCsv,
  type GradebookRow,
} from '../../grader/report/gradebook.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'seedgrade-gradebook-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const rows: GradebookRow[] = [
  {
    student: 's2',
    score: 3.5,
    max_score: 5,
    status: 'graded',
    exercises: { conv2d: 2.5, maxpool: 1 },
  },
  { student: 's10', score: 0, max_score: 5, status: 'error', exercises: { conv2d: 0, maxpool: 0 } },
  { student: 's1', score: 5, max_score: 5, status: 'graded', exercises: { conv2d: 3, maxpool: 2 } },
];
const roster = new Map([
  ['s1', { name: 'Doe, "JJ" Jane', email: 'jj@example.edu' }],
  ['s2', { name: '=HYPERLINK("http://x")', email: 'eve@example.edu' }],
  ['s3', { name: 'Lee, Ann\nSecond line', email: 'ann@example.edu' }],
]);

describe('toGradebookCsv', () => {
  it('writes the columns in order and rows sorted by student id', () => {
    const csv = toGradebookCsv(rows, ['conv2d', 'maxpool']);
    // Code-unit order: "s1" < "s10" < "s2".
    // The file ends with a newline (RFC 4180 §2.2 allows it; tools that append rows expect it).
    expect(csv.split('\n')).toEqual([
      'student,score,max_score,status,conv2d,maxpool',
      's1,5,5,graded,3,2',
      's10,0,5,error,0,0',
      's2,3.5,5,graded,2.5,1',
      '',
    ]);
  });

  it('quotes commas, quotes and newlines as RFC 4180 says, and round-trips them', async () => {
    const csv = toGradebookCsv(rows, ['conv2d', 'maxpool'], roster);
    expect(csv.split('\n')[0]).toBe('student,name,email,score,max_score,status,conv2d,maxpool');
    // RFC 4180 §2.6–2.7: such fields are enclosed in double quotes, inner quotes doubled.
    expect(csv).toContain('s1,"Doe, ""JJ"" Jane",jj@example.edu,5,5,graded,3,2');
    // A formula-looking name is defused for spreadsheets.
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    const path = join(work, 'gradebook.csv');
    await writeFile(path, csv);
    const back = readGradebookCsv(path);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.gradebook.exerciseIds).toEqual(['conv2d', 'maxpool']);
    expect(back.gradebook.rosterColumns).toEqual(['name', 'email']);
    expect(back.gradebook.roster.get('s1')).toEqual(roster.get('s1'));
    expect(back.gradebook.roster.get('s2')!.name).toBe('=HYPERLINK("http://x")');
    expect(back.gradebook.roster.get('s3')!.name).toBe('Lee, Ann\nSecond line');
    const sorted = [...rows].sort((a, b) => (a.student < b.student ? -1 : 1));
    expect(back.gradebook.rows.filter((r) => r.student !== 's3')).toEqual(sorted);
  });

  it('lists roster students without a submission as missing with no score (never 0 by accident)', () => {
    const csv = toGradebookCsv(rows, ['conv2d', 'maxpool'], roster);
    expect(csv).toContain('\ns3,"Lee, Ann\nSecond line",ann@example.edu,,5,missing,,\n');
    const parsed = parseGradebookCsv(csv);
    expect(parsed.ok && parsed.gradebook.rows.find((r) => r.student === 's3')).toEqual({
      student: 's3',
      max_score: 5,
      status: 'missing',
      exercises: {},
    });
  });

  it('adds raw score, days late, penalty and notes before score when a row has them', () => {
    const late: GradebookRow = {
      ...rows[0]!,
      score: 2.8,
      adjusted: { raw_score: 3.5, days_late: 2, penalty: 0.7, notes: '2 days late' },
    };
    const csv = toGradebookCsv([late, rows[2]!], ['conv2d', 'maxpool']);
    expect(csv.split('\n')).toEqual([
      'student,raw_score,days_late,penalty,notes,score,max_score,status,conv2d,maxpool',
      's1,,,,,5,5,graded,3,2',
      's2,3.5,2,0.7,2 days late,2.8,5,graded,2.5,1',
      '',
    ]);
    const back = parseGradebookCsv(csv);
    expect(back.ok && back.gradebook.rosterColumns).toEqual([]);
    expect(back.ok && back.gradebook.rows[1]).toEqual(late);
  });

  it('rejects a gradebook whose columns are not in the documented order', () => {
    const r = parseGradebookCsv('score,student,max_score,status\n1,s1,2,graded\n');
    expect(!r.ok && r.error.message).toMatch(/header must be/);
  });
});

describe('readRoster', () => {
  it('finds the id column by name (any case), keeps the other columns, accepts a BOM', async () => {
    const path = join(work, 'roster.csv');
    await writeFile(
      path,
      '\uFEFFName,Student_ID,Email\n"Doe, Jane",s1,jane@example.edu\nBob,s2,bob@example.edu\n',
    );
    const r = readRoster(path);
    expect(r.ok && [...r.roster.entries()]).toEqual([
      ['s1', { Name: 'Doe, Jane', Email: 'jane@example.edu' }],
      ['s2', { Name: 'Bob', Email: 'bob@example.edu' }],
    ]);
  });

  it('explains a roster without an id column, a duplicate id, and a missing file', async () => {
    const noId = join(work, 'no-id.csv');
    await writeFile(noId, 'name,email\nJane,j@x\n');
    expect(readRoster(noId)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('"student"') },
    });
    const dup = join(work, 'dup.csv');
    await writeFile(dup, 'id,name\ns1,A\ns1,B\n');
    expect(readRoster(dup)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('listed twice') },
    });
    expect(readRoster(join(work, 'absent.csv')).ok).toBe(false);
  });
});
