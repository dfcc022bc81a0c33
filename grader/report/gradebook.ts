import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { roundPoints as round } from '../score/points.js';

/**
 * The class gradebook CSV: student, [roster columns], score, max_score, status, one column per exercise.
 * Rows are sorted by student id so the same results give the same bytes.
 */
export interface GradebookRow {
  student: string;
  /** Absent for a roster student without a submission: no score, never 0 by accident. */
  score?: number;
  max_score: number;
  status: string;
  exercises: Record<string, number>;
  /** With a due date or overrides: the score before the late penalty and total overrides, and why they differ. */
  adjusted?: { raw_score: number; days_late?: number; penalty: number; notes: string };
}
export type Roster = Map<string, Record<string, string>>;
export interface GradebookError {
  message: string;
}
export interface Gradebook {
  rows: GradebookRow[];
  exerciseIds: string[];
  rosterColumns: string[];
  roster: Roster;
}

const FIXED = ['student', 'score', 'max_score', 'status'];
/** Written before score when any row has a due date or overrides: raw score, days late, penalty, notes. */
export const ADJUSTED = ['raw_score', 'days_late', 'penalty', 'notes'];
const ROSTER_KEYS = ['student', 'student_id', 'id'];
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Roster columns in first-seen order; a roster column named like a fixed or exercise column gets a
 * "roster_" prefix.
 */
function rosterColumns(
  roster: Roster | undefined,
  exerciseIds: string[],
): { from: string; to: string }[] {
  const taken = new Set([...FIXED, ...ADJUSTED, ...exerciseIds]);
  const seen = new Set<string>();
  const cols: { from: string; to: string }[] = [];
  for (const rec of roster?.values() ?? []) {
    for (const key of Object.keys(rec)) {
      if (seen.has(key)) continue;
      seen.add(key);
      cols.push({ from: key, to: taken.has(key) ? `roster_${key}` : key });
    }
  }
  return cols;
}

/**
 * Roster students without a graded submission get a row with status "missing" and no score, so the
 * gradebook lists the whole class; max_score is the assignment's (taken from the graded rows).
 */
export function toGradebookCsv(
  rows: GradebookRow[],
  exerciseIds: string[],
  roster?: Roster,
  maxScore?: number,
): string {
  const cols = rosterColumns(roster, exerciseIds);
  const all = [...rows];
  const graded = new Set(rows.map((r) => r.student));
  const max = maxScore ?? rows[0]?.max_score ?? 0;
  for (const id of roster?.keys() ?? []) {
    if (!graded.has(id))
      all.push({ student: id, max_score: max, status: 'missing', exercises: {} });
  }
  all.sort((a, b) => byId(a.student, b.student));
  const adjusted = all.some((r) => r.adjusted);
  const fields = [
    'student',
    ...cols.map((c) => c.to),
    ...(adjusted ? ADJUSTED : []),
    'score',
    'max_score',
    'status',
    ...exerciseIds,
  ];
  const num = (x: number | undefined) => (x === undefined ? '' : round(x));
  const data = all.map((r) => {
    const rec = roster?.get(r.student) ?? {};
    const a = r.adjusted;
    const adj = adjusted
      ? [num(a?.raw_score), num(a?.days_late), num(a?.penalty), a?.notes ?? '']
      : [];
    return [
      r.student,
      ...cols.map((c) => rec[c.from] ?? ''),
      ...adj,
      num(r.score),
      round(r.max_score),
      r.status,
      ...exerciseIds.map((e) => num(r.exercises[e])),
    ];
  });
  // escapeFormulae: a name such as "=HYPERLINK(...)" must not run as a formula when a TA opens the file.
  return Papa.unparse({ fields, data }, { escapeFormulae: true, newline: '\n' }) + '\n';
}

/** Undo papaparse's escapeFormulae ("'" before = + - @ tab CR) for text cells read back. */
const unescapeFormula = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

function parseCsv(
  text: string,
  where: string,
):
  | { ok: true; header: string[]; rows: Record<string, string>[] }
  | { ok: false; error: GradebookError } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
  });
  const bad = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (bad)
    return { ok: false, error: { message: `${where}: row ${(bad.row ?? 0) + 2}: ${bad.message}` } };
  return { ok: true, header: parsed.meta.fields ?? [], rows: parsed.data };
}

/** Parse a gradebook written by toGradebookCsv (used when merging gradebooks). */
export function parseGradebookCsv(
  text: string,
  where = 'gradebook',
): { ok: true; gradebook: Gradebook } | { ok: false; error: GradebookError } {
  const csv = parseCsv(text, where);
  if (!csv.ok) return csv;
  const h = csv.header;
  const at = (name: string) => h.indexOf(name);
  if (
    h[0] !== 'student' ||
    at('score') < 0 ||
    at('max_score') !== at('score') + 1 ||
    at('status') !== at('score') + 2
  ) {
    return {
      ok: false,
      error: {
        message: `${where}: header must be student, [roster columns], score, max_score, status, exercises…; got ${h.join(', ')}`,
      },
    };
  }
  const rosterCols = h.slice(1, at('score')).filter((c) => !ADJUSTED.includes(c));
  const exerciseIds = h.slice(at('status') + 1);
  const rows: GradebookRow[] = [];
  const roster: Roster = new Map();
  for (const [i, rec] of csv.rows.entries()) {
    const num = (col: string) => Number(rec[col]);
    const missing = rec.status === 'missing' && rec.score === '';
    const bad = ['score', 'max_score'].find(
      (c) => !(missing && c === 'score') && (rec[c] === '' || !Number.isFinite(num(c))),
    );
    if (bad)
      return {
        ok: false,
        error: { message: `${where}: row ${i + 2}: ${bad} "${rec[bad]}" is not a number` },
      };
    const exercises: Record<string, number> = {};
    for (const e of exerciseIds) if (rec[e] !== undefined && rec[e] !== '') exercises[e] = num(e);
    const student = unescapeFormula(rec.student ?? '');
    const score = missing ? {} : { score: num('score') };
    const row: GradebookRow = {
      student,
      ...score,
      max_score: num('max_score'),
      status: unescapeFormula(rec.status ?? ''),
      exercises,
    };
    if (h.includes('raw_score') && rec.raw_score !== '') {
      const days = rec.days_late !== '' ? { days_late: num('days_late') } : {};
      row.adjusted = {
        raw_score: num('raw_score'),
        ...days,
        penalty: num('penalty'),
        notes: unescapeFormula(rec.notes ?? ''),
      };
    }
    rows.push(row);
    if (rosterCols.length)
      roster.set(
        student,
        Object.fromEntries(rosterCols.map((c) => [c, unescapeFormula(rec[c] ?? '')])),
      );
  }
  return { ok: true, gradebook: { rows, exerciseIds, rosterColumns: rosterCols, roster } };
}

export function readGradebookCsv(
  path: string,
): { ok: true; gradebook: Gradebook } | { ok: false; error: GradebookError } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return {
      ok: false,
      error: { message: `cannot read gradebook ${path}: ${(err as Error).message}` },
    };
  }
  return parseGradebookCsv(text, path);
}

/** A class roster: CSV whose header has a "student", "student_id" or "id" column, plus any others (name, email…). */
export function readRoster(
  path: string,
): { ok: true; roster: Roster } | { ok: false; error: GradebookError } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return {
      ok: false,
      error: { message: `cannot read roster ${path}: ${(err as Error).message}` },
    };
  }
  const csv = parseCsv(text, path);
  if (!csv.ok) return csv;
  const key = ROSTER_KEYS.map((k) => csv.header.find((h) => h.toLowerCase() === k)).find(
    (h) => h !== undefined,
  );
  if (!key)
    return {
      ok: false,
      error: {
        message: `${path}: no student column; name one column "student", "student_id" or "id" (found: ${csv.header.join(', ')})`,
      },
    };
  const roster: Roster = new Map();
  for (const [i, rec] of csv.rows.entries()) {
    const id = (rec[key] ?? '').trim();
    if (id === '')
      return { ok: false, error: { message: `${path}: row ${i + 2} has an empty ${key}` } };
    if (roster.has(id))
      return {
        ok: false,
        error: { message: `${path}: row ${i + 2}: student "${id}" is listed twice` },
      };
    roster.set(
      id,
      Object.fromEntries(csv.header.filter((c) => c !== key).map((c) => [c, rec[c] ?? ''])),
    );
  }
  return { ok: true, roster };
}
