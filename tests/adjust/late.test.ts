import { describe, expect, it } from 'vitest';
import { extendDue, latePenalty, parseTime, UNKNOWN_TIME } from '../../grader/adjust/late.js';
import { adjustmentsFor, parseSubmittedAt, rosterDates } from '../../grader/adjust/times.js';

// Due Sunday 1 March 2026, 23:59 in New York (UTC−5 in winter) = 2 March 04:59 UTC.
const DUE = '2026-03-01T23:59:00-05:00';
const policy = { grace_minutes: 15, per_day: 0.1, max_days: 3 };

describe('late penalty with fixed times', () => {
  it('is 0 up to the due date and within the grace period', () => {
    expect(
      latePenalty(10, { due: DUE, policy, submittedAt: '2026-03-01T23:00:00-05:00' }),
    ).toMatchObject({ days_late: 0, penalty: 0 });
    // 14 minutes late, grace 15: on time.
    expect(
      latePenalty(10, { due: DUE, policy, submittedAt: '2026-03-02T00:13:00-05:00' }),
    ).toMatchObject({ days_late: 0, penalty: 0 });
    // The same instant written in UTC: 05:13Z = 00:13 in New York.
    expect(
      latePenalty(10, { due: DUE, policy, submittedAt: '2026-03-02T05:13:00Z' }),
    ).toMatchObject({ days_late: 0, penalty: 0 });
  });

  it('counts started days from the due date once past the grace period: 10% of the raw score per day', () => {
    // 16 minutes late: past grace, 1 started day → 10% of 8 = 0.8.
    expect(latePenalty(8, { due: DUE, policy, submittedAt: '2026-03-02T00:15:00-05:00' })).toEqual({
      due: DUE,
      submitted_at: '2026-03-02T00:15:00-05:00',
      days_late: 1,
      penalty: 0.8,
    });
    // Exactly 24 h late is still day 1; one second more is day 2 → 20% of 8 = 1.6.
    expect(
      latePenalty(8, { due: DUE, policy, submittedAt: '2026-03-02T23:59:00-05:00' }),
    ).toMatchObject({ days_late: 1, penalty: 0.8 });
    expect(
      latePenalty(8, { due: DUE, policy, submittedAt: '2026-03-02T23:59:01-05:00' }),
    ).toMatchObject({ days_late: 2, penalty: 1.6 });
    // Day 3 (the last allowed): 30% of 8 = 2.4.
    expect(
      latePenalty(8, { due: DUE, policy, submittedAt: '2026-03-04T12:00:00-05:00' }),
    ).toMatchObject({ days_late: 3, penalty: 2.4 });
  });

  it('scores 0 past max_days', () => {
    expect(
      latePenalty(8, { due: DUE, policy, submittedAt: '2026-03-05T12:00:00-05:00' }),
    ).toMatchObject({ days_late: 4, penalty: 8 });
  });

  it("scores 0 after Gradescope's late due date, even within max_days", () => {
    const input = { due: DUE, policy, cutoff: '2026-03-02T23:59:00-05:00' };
    expect(latePenalty(8, { ...input, submittedAt: '2026-03-02T12:00:00-05:00' })).toMatchObject({
      days_late: 1,
      penalty: 0.8,
    });
    expect(latePenalty(8, { ...input, submittedAt: '2026-03-03T00:30:00-05:00' })).toMatchObject({
      days_late: 2,
      penalty: 8,
    });
  });

  it('without a late policy shows the days but takes nothing', () => {
    expect(latePenalty(8, { due: DUE, submittedAt: '2026-03-03T12:00:00-05:00' })).toMatchObject({
      days_late: 2,
      penalty: 0,
    });
  });

  it('an unknown time gives no penalty and a note', () => {
    expect(latePenalty(8, { due: DUE, policy })).toEqual({
      due: DUE,
      days_late: 0,
      penalty: 0,
      note: UNKNOWN_TIME,
    });
  });

  it('extends a due date by days, keeping its offset', () => {
    expect(extendDue(DUE, 2)).toBe('2026-03-03T23:59:00-05:00');
    expect(extendDue('2026-03-01T23:59:00Z', 0.5)).toBe('2026-03-02T11:59:00Z');
    expect(extendDue('2026-03-01T23:59:00+05:30', 1)).toBe('2026-03-02T23:59:00+05:30');
  });

  it('reads ISO 8601 times with offsets only, including Gradescope microseconds', () => {
    expect(parseTime('2018-07-01T14:22:32.365935-07:00')).toBe('2018-07-01T14:22:32.365935-07:00');
    expect(Date.parse(parseTime('2018-07-01T14:22:32.365935-07:00')!)).toBe(
      Date.UTC(2018, 6, 1, 21, 22, 32, 365),
    );
    expect(parseTime('2026-03-01 10:00:00+0100')).toBe('2026-03-01T10:00:00+01:00');
    expect(parseTime('2026-03-01T10:00:00')).toBeUndefined(); // no offset: which time zone?
    expect(parseTime('yesterday')).toBeUndefined();
  });
});

describe('where dates come from', () => {
  const spec = { due: DUE, late: policy };

  it('an extension from the roster moves the due date; --submitted-at wins over the roster time', () => {
    const roster = new Map<string, Record<string, string>>([
      ['ann', { name: 'Ann', extension_days: '2', submitted_at: '2026-03-03T12:00:00-05:00' }],
      ['bo', { name: 'Bo', due: '2026-03-10T12:00:00Z' }],
      ['cy', { name: 'Cy' }],
    ]);
    const dates = rosterDates(roster, 'roster.csv');
    expect(dates.ok && dates.value).toEqual({
      ann: { extension_days: 2, submitted_at: '2026-03-03T12:00:00-05:00' },
      bo: { due: '2026-03-10T12:00:00Z' },
    });
    if (!dates.ok) return;
    const inputs = {
      overrides: [],
      submittedAt: { bo: '2026-03-09T00:00:00Z' },
      dates: dates.value,
    };
    // Ann: due moved to 3 March 23:59, submitted 3 March noon → on time.
    const ann = adjustmentsFor(spec, inputs, 'ann').late!;
    expect(latePenalty(10, ann)).toMatchObject({
      due: '2026-03-03T23:59:00-05:00',
      days_late: 0,
      penalty: 0,
    });
    expect(adjustmentsFor(spec, inputs, 'bo').late).toMatchObject({
      due: '2026-03-10T12:00:00Z',
      submittedAt: '2026-03-09T00:00:00Z',
    });
    expect(adjustmentsFor(spec, inputs, 'cy').late).toMatchObject({ due: DUE, note: UNKNOWN_TIME });
    expect(adjustmentsFor({}, inputs, 'cy').late).toBeUndefined();
  });

  it('names the line of a bad submission time and the row of a bad extension', () => {
    expect(
      parseSubmittedAt(
        'student,submitted_at\nann,2026-03-01T10:00:00Z\nbo,next tuesday\n',
        'times.csv',
      ),
    ).toEqual({ ok: false, message: expect.stringMatching(/^times\.csv:3: "next tuesday"/) });
    expect(rosterDates(new Map([['ann', { extension_days: 'two' }]]), 'r.csv')).toEqual({
      ok: false,
      message: expect.stringContaining('row 2 (ann): extension_days "two"'),
    });
  });
});

describe("Gradescope's submission metadata", () => {
  it('takes the submission time, the due date, a personal extension and the late due date', async () => {
    const { submissionFacts } = await import('../../grader/export/metadata.js');
    // Shaped as documented in "Submission Metadata" (gradescope-autograders.readthedocs.io).
    const meta = {
      id: 1,
      created_at: '2018-07-01T14:22:32.365935-07:00',
      assignment: {
        due_date: '2018-07-31T23:00:00.000000-07:00',
        late_due_date: null,
        title: 'PA1',
      },
      users: [
        { email: 'b@example.com', id: 22, name: 'B' },
        {
          email: 'a@example.com',
          id: 11,
          name: 'A',
          assignment: {
            due_date: '2018-08-02T23:00:00.000000-07:00',
            late_due_date: '2018-08-04T23:00:00.000000-07:00',
          },
        },
      ],
    };
    expect(submissionFacts(meta)).toEqual({
      student: '11+22',
      submittedAt: '2018-07-01T14:22:32.365935-07:00',
      due: '2018-08-02T23:00:00.000000-07:00',
      lateDue: '2018-08-04T23:00:00.000000-07:00',
    });
    expect(submissionFacts({})).toEqual({});
  });
});
