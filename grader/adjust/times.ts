import Papa from 'papaparse';
import type { Assignment } from '../spec/schema.js';
import type { Adjustments } from './apply.js';
import { extendDue, parseTime, UNKNOWN_TIME } from './late.js';
import type { OverrideRow } from './overrides.js';

/** A student's own dates, from roster columns extension_days, due and submitted_at. */
export interface StudentDates {
  extension_days?: number;
  due?: string;
  submitted_at?: string;
}

/** Everything a class run adjusts reports with; bulk keeps it in its output folder so reruns keep it. */
export interface ClassAdjustInputs {
  overrides: OverrideRow[];
  /** student → submission time (ISO 8601), from --submitted-at. */
  submittedAt: Record<string, string>;
  /** student → dates from the roster. */
  dates: Record<string, StudentDates>;
}

export const NO_INPUTS: ClassAdjustInputs = { overrides: [], submittedAt: {}, dates: {} };

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** `student,submitted_at` (ISO 8601 with offset); a bad row is an error naming its line. */
export function parseSubmittedAt(text: string, where: string): Parsed<Record<string, string>> {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header, ...rows] = parsed.data.map((r) => r.map((c) => c.trim()));
  const s = header?.findIndex((h) => h.toLowerCase() === 'student') ?? -1;
  const t = header?.findIndex((h) => h.toLowerCase() === 'submitted_at') ?? -1;
  if (s < 0 || t < 0)
    return {
      ok: false,
      message: `${where}:1: the header must have student and submitted_at columns`,
    };
  const out: Record<string, string> = {};
  for (const [i, row] of rows.entries()) {
    const time = parseTime(row[t] ?? '');
    if (!time) {
      const example = 'e.g. 2026-03-01T23:59:00-05:00';
      return {
        ok: false,
        message: `${where}:${i + 2}: "${row[t] ?? ''}" is not an ISO 8601 time with an offset, ${example}`,
      };
    }
    out[row[s] ?? ''] = time;
  }
  return { ok: true, value: out };
}

/** Dates from roster columns (any case): extension_days (a number), due and submitted_at (ISO 8601). */
export function rosterDates(
  roster: Map<string, Record<string, string>>,
  where: string,
): Parsed<Record<string, StudentDates>> {
  const out: Record<string, StudentDates> = {};
  let row = 1;
  for (const [student, rec] of roster) {
    row++;
    const get = (name: string) =>
      Object.entries(rec)
        .find(([k]) => k.trim().toLowerCase() === name)?.[1]
        ?.trim() ?? '';
    const dates: StudentDates = {};
    const ext = get('extension_days');
    if (ext !== '') {
      if (!Number.isFinite(Number(ext))) {
        return {
          ok: false,
          message: `${where}: row ${row} (${student}): extension_days "${ext}" is not a number`,
        };
      }
      dates.extension_days = Number(ext);
    }
    for (const key of ['due', 'submitted_at'] as const) {
      const text = get(key);
      if (text === '') continue;
      const time = parseTime(text);
      if (!time) {
        return {
          ok: false,
          message: `${where}: row ${row} (${student}): ${key} "${text}" is not an ISO 8601 time with an offset`,
        };
      }
      dates[key] = time;
    }
    if (Object.keys(dates).length) out[student] = dates;
  }
  return { ok: true, value: out };
}

/** One student's adjustments: their override rows, and their late-penalty inputs when a due date applies. */
export function adjustmentsFor(
  spec: Pick<Assignment, 'due' | 'late'>,
  inputs: ClassAdjustInputs,
  student: string,
): Adjustments {
  const overrides = inputs.overrides.filter((o) => o.student === student);
  const dates = inputs.dates[student] ?? {};
  const baseDue = dates.due ?? spec.due;
  if (!baseDue) return { overrides };
  const due = extendDue(baseDue, dates.extension_days ?? 0);
  const submittedAt = inputs.submittedAt[student] ?? dates.submitted_at;
  const when = submittedAt ? { submittedAt } : { note: UNKNOWN_TIME };
  return { overrides, late: { due, ...(spec.late ? { policy: spec.late } : {}), ...when } };
}
