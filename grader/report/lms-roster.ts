import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

/**
 * A roster exported by the course's LMS, kept whole (header order, every column) so the import file
 * written back has the same shape:
 * - Canvas: the gradebook export (Grades → Export): Student, ID, SIS User ID, SIS Login ID, Section,
 *   one column per assignment, with a "Points Possible" row under the header. Students are matched
 *   on ID (the Canvas user id in "Download Submissions" file names), SIS User ID or SIS Login ID.
 * - Moodle: the assignment's grading worksheet (View all submissions → Download grading worksheet):
 *   Identifier ("Participant 123", the number in "Download all submissions" folder names), Full name,
 *   Email address, Status, Grade, Maximum Grade, …, Last modified (grade), Feedback comments.
 */
export type LmsKind = 'canvas' | 'moodle';

export interface LmsRoster {
  kind: LmsKind;
  header: string[];
  rows: { cells: Record<string, string>; key: string; aliases: string[] }[];
}

const REQUIRED: Record<LmsKind, string[]> = {
  canvas: ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section'],
  moodle: ['Identifier', 'Full name', 'Grade', 'Last modified (grade)'],
};

/** Columns of the roster carried into gradebook.csv (the assignment columns of a Canvas export are not). */
export const IDENTITY: Record<LmsKind, string[]> = {
  canvas: ['Student', 'SIS User ID', 'SIS Login ID', 'Section'],
  moodle: ['Full name', 'Email address'],
};

export type LmsRosterResult = { ok: true; roster: LmsRoster } | { ok: false; message: string };

export function parseLmsRoster(kind: LmsKind, text: string, where: string): LmsRosterResult {
  const options = {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h: string) => h.trim(),
  } as const;
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), options);
  const bad = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (bad) return { ok: false, message: `${where}: row ${(bad.row ?? 0) + 2}: ${bad.message}` };
  const header = parsed.meta.fields ?? [];
  const missing = REQUIRED[kind].filter((c) => !header.includes(c));
  const source =
    kind === 'canvas'
      ? "Canvas's gradebook export (Grades → Export → CSV)"
      : "Moodle's grading worksheet (Download grading worksheet)";
  if (missing.length) {
    const columns = missing.map((m) => `"${m}"`).join(', ');
    return {
      ok: false,
      message: `${where}: not ${source}: no column ${columns} (found: ${header.join(', ')})`,
    };
  }
  const rows: LmsRoster['rows'] = [];
  for (const [i, cells] of parsed.data.entries()) {
    const get = (c: string) => (cells[c] ?? '').trim();
    if (kind === 'canvas') {
      // Rows under the header that are not students ("Points Possible", in some exports "Manual Posting") have no ID.
      if (get('ID') === '' || /^points possible$/i.test(get('Student'))) continue;
      const aliases = [get('ID'), get('SIS User ID'), get('SIS Login ID')].filter((x) => x !== '');
      rows.push({ cells, key: get('ID'), aliases });
    } else {
      const id = /(\d+)\s*$/.exec(get('Identifier'))?.[1];
      if (!id) {
        return {
          ok: false,
          message: `${where}: row ${i + 2}: Identifier "${get('Identifier')}" does not end in a participant number`,
        };
      }
      const aliases = [id, get('Email address'), get('ID number'), get('Username')].filter(
        (x) => x !== '',
      );
      rows.push({ cells, key: id, aliases });
    }
  }
  return { ok: true, roster: { kind, header, rows } };
}

export function readLmsRoster(kind: LmsKind, path: string): LmsRosterResult {
  try {
    return parseLmsRoster(kind, readFileSync(path, 'utf8'), path);
  } catch (err) {
    return { ok: false, message: `cannot read roster ${path}: ${(err as Error).message}` };
  }
}

/** Which submission each roster row is (by its aliases, in order), and the submissions no row claims. */
export function matchRoster(
  roster: LmsRoster,
  students: readonly string[],
): { studentOf: (string | undefined)[]; notInRoster: string[] } {
  const have = new Set(students);
  const claimed = new Set<string>();
  const studentOf = roster.rows.map((r) => {
    const s = r.aliases.find((a) => have.has(a) && !claimed.has(a));
    if (s) claimed.add(s);
    return s;
  });
  return { studentOf, notInRoster: students.filter((s) => !claimed.has(s)) };
}

/** The roster as gradebook.csv joins it: identity columns, keyed by the submission's id (else the LMS id). */
export function gradebookRoster(
  roster: LmsRoster,
  studentOf: (string | undefined)[],
): Map<string, Record<string, string>> {
  const cols = IDENTITY[roster.kind].filter((c) => roster.header.includes(c));
  const identity = (r: LmsRoster['rows'][number]) =>
    Object.fromEntries(cols.map((c) => [c, r.cells[c] ?? '']));
  return new Map(roster.rows.map((r, i) => [studentOf[i] ?? r.key, identity(r)]));
}

/** Every column of each row, keyed like gradebookRoster (for extension_days, due, submitted_at). */
export function fullRoster(
  roster: LmsRoster,
  studentOf: (string | undefined)[],
): Map<string, Record<string, string>> {
  return new Map(roster.rows.map((r, i) => [studentOf[i] ?? r.key, r.cells]));
}
