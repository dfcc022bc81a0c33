import { describe, expect, it } from 'vitest';
import { applyAdjustments, exerciseTotals } from '../../grader/adjust/apply.js';
import { parseOverrides } from '../../grader/adjust/overrides.js';
import type { Assignment } from '../../grader/spec/schema.js';
import { report, test } from '../report/fixtures.js';

const spec = {
  id: 'cnn-hw1',
  exercises: [
    {
      id: 'conv2d',
      kind: 'function',
      groups: [
        { name: 'visible', cases: [{ name: 'a' }, { name: 'b' }] },
        { name: 'hidden', count: 2 },
      ],
    },
    { id: 'pool', kind: 'function', groups: [{ name: 'visible', cases: [{}] }] },
  ],
} as unknown as Assignment;
const students = new Set(['alice', 'bob']);
const parse = (csv: string) => parseOverrides(csv, 'overrides.csv', { students, spec });

describe('parseOverrides', () => {
  it('reads test, exercise and total rows with their lines (a quoted comment may span lines)', () => {
    const r = parse(
      'student,test,exercise,points,delta,comment\nalice,conv2d/visible/b,,1,,"regrade: the\nshape was right"\nalice,,pool,,-0.5,late fix\nbob,,,10,,medical\n',
    );
    expect(r).toMatchObject({
      ok: true,
      rows: [
        {
          line: 2,
          student: 'alice',
          target: 'test',
          name: 'conv2d/visible/b',
          points: 1,
          comment: 'regrade: the\nshape was right',
        },
        {
          line: 4,
          student: 'alice',
          target: 'exercise',
          name: 'pool',
          delta: -0.5,
          comment: 'late fix',
        },
        { line: 5, student: 'bob', target: 'total', name: 'total', points: 10, comment: 'medical' },
      ],
    });
  });

  it('an unknown student, test or exercise is an error naming the line', () => {
    const head = 'student,test,exercise,points,delta,comment\n';
    expect(parse(`${head}alice,conv2d/hidden/1,,1,,ok\ncarol,conv2d/hidden/1,,1,,?\n`)).toEqual({
      ok: false,
      message: expect.stringMatching(/^overrides\.csv:3: student "carol"/),
    });
    expect(parse(`${head}\nalice,conv2d/hidden/9,,1,,?\n`)).toEqual({
      ok: false,
      message: expect.stringMatching(/^overrides\.csv:3: no test "conv2d\/hidden\/9"/),
    });
    expect(parse(`${head}bob,,relu,1,,?\n`)).toEqual({
      ok: false,
      message: expect.stringMatching(/^overrides\.csv:2: no exercise "relu"/),
    });
    expect(parse(`${head}bob,,pool,1,1,?\n`)).toEqual({
      ok: false,
      message: expect.stringMatching(/^overrides\.csv:2: give either points/),
    });
    expect(parse(`${head}bob,,pool,lots,,?\n`)).toEqual({
      ok: false,
      message: expect.stringMatching(/^overrides\.csv:2: "lots" is not a number/),
    });
    expect(parse(`${head}bob,,pool,1,,a\nbob,,pool,2,,b\n`)).toEqual({
      ok: false,
      message: expect.stringContaining('overrides.csv:3: bob pool is already overridden on line 2'),
    });
    expect(parse('name,score\nbob,1\n')).toEqual({
      ok: false,
      message: expect.stringMatching(/^overrides\.csv:1: the header needs/),
    });
  });
});

describe('applyAdjustments', () => {
  // conv2d: 4 tests of 1 point (3 earned); pool: 1 test of 2 points (0 earned). Raw 3 of 6.
  const graded = report('alice', [
    test({ name: 'conv2d/visible/a', status: 'passed' }),
    test({ name: 'conv2d/visible/b', status: 'failed' }),
    test({ name: 'conv2d/hidden/1', status: 'passed', visibility: 'hidden' }),
    test({ name: 'conv2d/hidden/2', status: 'passed', visibility: 'hidden' }),
    test({ name: 'pool/visible/1', exercise: 'pool', status: 'failed', max_score: 2 }),
  ]);
  const rows = (csv: string) => {
    const r = parse('student,test,exercise,points,delta,comment\n' + csv);
    if (!r.ok) throw new Error(r.message);
    return r.rows;
  };

  it('returns the report unchanged when nothing applies', () => {
    expect(applyAdjustments(graded, { overrides: [] })).toEqual({ ok: true, report: graded });
  });

  it('test override, exercise override, late penalty, then total override, in that order', () => {
    const overrides = rows(
      'alice,conv2d/visible/b,,1,,right after all\nalice,,pool,,0.5,partial credit\n',
    );
    const late = {
      due: '2026-03-01T23:59:00Z',
      policy: { per_day: 0.25 },
      submittedAt: '2026-03-02T10:00:00Z',
    };
    const r = applyAdjustments(graded, { overrides, late });
    if (!r.ok) throw new Error(r.message);
    // Tests: 4 of 4 on conv2d, pool 0 + 0.5 → raw 4.5; one day late at 25% → −1.125 → 3.375.
    expect(r.report.raw_score).toBe(4.5);
    expect(r.report.late).toMatchObject({ days_late: 1, penalty: 1.125 });
    expect(r.report.score).toBe(3.375);
    expect(r.report.tests[1]).toMatchObject({
      score: 1,
      override: { graded: 0, comment: 'right after all', line: 2 },
    });
    expect(r.report.overrides).toEqual([
      {
        line: 3,
        target: 'exercise',
        name: 'pool',
        before: 0,
        after: 0.5,
        comment: 'partial credit',
      },
    ]);
    expect(exerciseTotals(r.report)).toEqual({ conv2d: 4, pool: 0.5 });
    // The gradebook columns add up to the raw score.
    expect(Object.values(exerciseTotals(r.report)).reduce((a, b) => a + b, 0)).toBe(
      r.report.raw_score,
    );
    // A total override is the TA's last word, after the penalty.
    const final = applyAdjustments(graded, { overrides: rows('alice,,,6,,waived'), late });
    expect(
      final.ok && [final.report.raw_score, final.report.late?.penalty, final.report.score],
    ).toEqual([3, 0.75, 6]);
  });

  it('a test override outside 0…max, or of a test this student does not have, names the line', () => {
    expect(
      applyAdjustments(graded, { overrides: rows('alice,conv2d/visible/b,,3,,too much') }),
    ).toEqual({
      ok: false,
      message: expect.stringMatching(/^overrides\.csv:2: conv2d\/visible\/b would get 3 points/),
    });
    const other = rows('alice,conv2d/hidden/2,,1,,x');
    const fewer = { ...graded, tests: graded.tests.slice(0, 2) };
    expect(applyAdjustments(fewer, { overrides: other })).toEqual({
      ok: false,
      message: 'overrides.csv:2: alice has no test "conv2d/hidden/2"',
    });
  });
});
