// similarity.csv, written in chunks to a temporary file then renamed: every pair, highest first,
// then one row per student who could not be compared.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Papa from 'papaparse';
import type { PairTable } from './pairs.js';

export const CSV_FIELDS = [
  'left',
  'right',
  'similarity',
  'longest_fragment',
  'total_overlap',
  'note',
];
const CHUNK = 2000;

export interface CsvInput {
  students: string[];
  table: PairTable;
  order: Uint32Array;
  /** Problems of students who were still compared (a syntax error the parser stepped over). */
  notes: Map<string, string[]>;
  /** Students who could not be compared, with why. */
  excluded: { student: string; message: string }[];
}

export const round4 = (x: number): string => (Math.round(x * 1e4) / 1e4).toString();

export function writeSimilarityCsv(path: string, o: CsvInput): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const fd = openSync(tmp, 'w');
  try {
    // Formula escaping: a student id or note is never run as a spreadsheet formula.
    const unparse = (data: string[][]): string =>
      Papa.unparse(
        { fields: CSV_FIELDS, data },
        { escapeFormulae: true, newline: '\n', header: false },
      );
    writeSync(fd, CSV_FIELDS.join(',') + '\n');
    const note = (s: string): string => (o.notes.get(s) ?? []).map((m) => `${s}: ${m}`).join('; ');
    let rows: string[][] = [];
    const flush = (): void => {
      if (rows.length) writeSync(fd, unparse(rows) + '\n');
      rows = [];
    };
    for (const k of o.order) {
      const left = o.students[o.table.left[k]!]!;
      const right = o.students[o.table.right[k]!]!;
      const notes = [note(left), note(right)].filter(Boolean).join('; ');
      rows.push([
        left,
        right,
        round4(o.table.similarity[k]!),
        String(o.table.longest[k]),
        String(o.table.overlap[k]),
        notes,
      ]);
      if (rows.length >= CHUNK) flush();
    }
    for (const e of o.excluded)
      rows.push([e.student, '', '', '', '', `not compared: ${e.message}`]);
    flush();
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
