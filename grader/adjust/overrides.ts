import Papa from 'papaparse';
import type { Assignment } from '../spec/schema.js';

/** One row of an overrides CSV, checked: who, what, how, why, and the line it came from. */
export interface OverrideRow {
  /** The CSV it came from and its line, for messages. */
  file: string;
  line: number;
  student: string;
  target: 'test' | 'exercise' | 'total';
  /** The test name, the exercise id, or "total". */
  name: string;
  points?: number;
  delta?: number;
  comment: string;
}

export type OverridesResult = { ok: true; rows: OverrideRow[] } | { ok: false; message: string };

/**
 * Test names that are the same for every student (function groups, training runs). Answer
 * exercises name a test per question of the student's variant, so those are checked per student.
 */
export function staticTestNames(spec: Assignment): { names: Set<string>; perStudent: Set<string> } {
  const names = new Set<string>();
  const perStudent = new Set<string>();
  for (const ex of spec.exercises) {
    if (ex.kind === 'function') {
      for (const g of ex.groups) {
        if ('cases' in g)
          g.cases.forEach((c, i) => names.add(`${ex.id}/${g.name}/${c.name ?? i + 1}`));
        else for (let i = 1; i <= g.count; i++) names.add(`${ex.id}/${g.name}/${i}`);
      }
    } else if (ex.kind === 'training') for (const r of ex.runs) names.add(`${ex.id}/${r.name}`);
    else perStudent.add(ex.id);
  }
  return { names, perStudent };
}

/** Rows with the 1-based line each starts on (a quoted cell may span lines). */
function rowsWithLines(text: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let start = 0;
  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    step: (r) => {
      const newlines = (s: string) => s.match(/\n/g)?.length ?? 0;
      // Blank lines skipped before the row count too.
      const line =
        1 + newlines(text.slice(0, start)) + newlines(/^\s*/.exec(text.slice(start))?.[0] ?? '');
      out.push({ line, cells: r.data.map((c) => c.trim()) });
      start = r.meta.cursor;
    },
  });
  return out;
}

/**
 * Reads `student, test | exercise | total, points | delta, comment`: a row names a test or an
 * exercise (or neither, for the total) and gives either the new points or a change. Every problem
 * names the file and line.
 */
export function parseOverrides(
  text: string,
  where: string,
  known: { students: Set<string>; spec: Assignment },
): OverridesResult {
  const rows = rowsWithLines(text.replace(/^\uFEFF/, ''));
  const header = rows.shift();
  const fail = (line: number, message: string): OverridesResult => ({
    ok: false,
    message: `${where}:${line}: ${message}`,
  });
  if (!header) return { ok: true, rows: [] };
  const col = (name: string) => header.cells.findIndex((c) => c.toLowerCase() === name);
  const at = {
    student: col('student'),
    test: col('test'),
    exercise: col('exercise'),
    points: col('points'),
    delta: col('delta'),
    comment: col('comment'),
  };
  if (at.student < 0 || (at.points < 0 && at.delta < 0)) {
    const needs =
      'student, test or exercise (or neither, for the total), points or delta, and comment';
    return fail(header.line, `the header needs ${needs}; got ${header.cells.join(', ')}`);
  }
  const { names, perStudent } = staticTestNames(known.spec);
  const exercises = new Set(known.spec.exercises.map((e) => e.id));
  const out: OverrideRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const cell = (i: number) => (i >= 0 ? (cells[i] ?? '') : '');
    const student = cell(at.student);
    if (!known.students.has(student)) {
      return fail(line, `student "${student}" has no submission in this class (check the id)`);
    }
    const test = cell(at.test);
    const exercise = cell(at.exercise);
    if (test && exercise) return fail(line, 'name a test or an exercise, not both');
    const target: OverrideRow['target'] = test ? 'test' : exercise ? 'exercise' : 'total';
    const name = test || exercise || 'total';
    if (target === 'exercise' && !exercises.has(name)) {
      return fail(
        line,
        `no exercise "${name}" in ${known.spec.id} (exercises: ${[...exercises].join(', ')})`,
      );
    }
    if (target === 'test' && !names.has(name) && !perStudent.has(name.split('/')[0] ?? '')) {
      return fail(
        line,
        `no test "${name}" in ${known.spec.id} (test names look like ${[...names][0] ?? 'exercise/group/1'})`,
      );
    }
    const points = cell(at.points);
    const delta = cell(at.delta);
    if ((points === '') === (delta === '')) {
      return fail(line, 'give either points (the new score) or delta (a change), exactly one');
    }
    const value = Number(points || delta);
    if (!Number.isFinite(value)) return fail(line, `"${points || delta}" is not a number`);
    if (points !== '' && value < 0) return fail(line, `points ${value} is below 0`);
    const key = `${student}\0${target}\0${name}`;
    if (seen.has(key))
      return fail(
        line,
        `${student} ${name} is already overridden on line ${seen.get(key)}; keep one row`,
      );
    seen.set(key, line);
    const change = points !== '' ? { points: value } : { delta: value };
    out.push({ file: where, line, student, target, name, ...change, comment: cell(at.comment) });
  }
  return { ok: true, rows: out };
}
