import type { Late } from '../report/schema.js';
import { roundPoints } from '../score/points.js';
import type { LatePolicy } from '../spec/schema.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the late penalty of one submission depends on; times are ISO 8601 strings with offsets. */
export interface LateInput {
  due: string;
  policy?: LatePolicy;
  submittedAt?: string;
  /** Gradescope's late due date: a submission after it scores 0, whatever max_days says. */
  cutoff?: string;
  /** Where the time came from when it is known; why it is not when it is not. */
  note?: string;
}

export const UNKNOWN_TIME = 'submission time unknown: graded without late penalty';

/** A due date moved by a whole or fractional number of days (an extension), kept in ISO form with its offset. */
export function extendDue(due: string, days: number): string {
  if (days === 0) return due;
  const offset = /(Z|[+-]\d{2}:\d{2})$/.exec(due)?.[1] ?? 'Z';
  const ms = Date.parse(due) + days * DAY_MS;
  if (offset === 'Z') return new Date(ms).toISOString().replace('.000Z', 'Z');
  const sign = offset[0] === '-' ? -1 : 1;
  const shift = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
  return new Date(ms + shift).toISOString().replace(/(\.000)?Z$/, offset);
}

/**
 * Days late: started days past the due date, counted from the due date itself, but 0 while within
 * the grace period (grace_minutes: 10 makes 23:59 + 9 minutes on time, 23:59 + 11 minutes 1 day late).
 * The penalty is per_day × days of the raw score; more than max_days late scores 0.
 */
export function latePenalty(raw: number, input: LateInput): Late {
  if (input.submittedAt === undefined)
    return { due: input.due, days_late: 0, penalty: 0, note: input.note ?? UNKNOWN_TIME };
  const lateMs = Date.parse(input.submittedAt) - Date.parse(input.due);
  const graceMs = (input.policy?.grace_minutes ?? 0) * 60_000;
  const days = lateMs <= graceMs ? 0 : Math.ceil(lateMs / DAY_MS);
  const policy = input.policy;
  let fraction = 0;
  if (policy && days > 0) {
    const tooLate = policy.max_days !== undefined && days > policy.max_days;
    fraction = tooLate ? 1 : Math.min(1, policy.per_day * days);
  }
  if (input.cutoff !== undefined && Date.parse(input.submittedAt) > Date.parse(input.cutoff))
    fraction = 1;
  const note = input.note ? { note: input.note } : {};
  return {
    due: input.due,
    submitted_at: input.submittedAt,
    days_late: days,
    penalty: roundPoints(raw * fraction),
    ...note,
  };
}

/** An ISO 8601 time with an offset (or Z), as Gradescope and our CSVs write it; anything else is refused. */
export function parseTime(text: string): string | undefined {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t))
    return undefined;
  const iso = t.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}
