/**
 * answers.yaml: a student's hand-derived answers.
 *
 *   student: alice
 *   answers:
 *     O11: F11·X11 + F12·X12 + F21·X21 + F22·X22   # an expression (text)
 *     params: 320                                   # a number
 *     dF: [[X11, X12], [X21, X22]]                  # a matrix, as rows
 *
 * Values are data: numbers, strings and rows of them. Every problem comes back as a typed error with
 * the line and column, never as an exception.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export { writeAnswersTemplate } from './answers-template.js';

export type AnswerValue = number | string | (number | string)[][];

export interface AnswerEntry {
  value: AnswerValue;
  line: number;
  column: number;
}

export interface AnswersFileError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type AnswersFileResult =
  | { ok: true; student?: string; answers: Map<string, AnswerEntry> }
  | { ok: false; error: AnswersFileError };

/** Answer files are typed by hand; anything bigger is a mistake (or an attack on the parser). */
const MAX_BYTES = 1_000_000;

const HOW_TO =
  'write a number, an expression (e.g. F11*X11 + F12*X12) or a matrix as a list of rows (e.g. [[1, 2], [3, 4]])';

export function readAnswersFile(path: string): AnswersFileResult {
  const file = basename(path);
  let text: string;
  try {
    const bytes = readFileSync(path);
    if (bytes.length > MAX_BYTES)
      return fail(
        file,
        1,
        1,
        `the file is larger than ${MAX_BYTES} bytes; answers files are small`,
      );
    text = bytes.toString('utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'it does not exist'
        : code === 'EISDIR'
          ? 'it is a directory'
          : String((e as Error).message);
    return fail(
      file,
      0,
      0,
      `cannot read ${path}: ${why}; create it from the template (answers.yaml with student: and answers:)`,
    );
  }
  return parseAnswersText(text, file);
}

export function parseAnswersText(text: string, file = 'answers.yaml'): AnswersFileResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: true,
  });
  const at = (
    node: { range?: [number, number, number] | null } | null | undefined,
  ): { line: number; col: number } =>
    node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };

  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return fail(
      file,
      pos.line,
      pos.col,
      `YAML syntax error: ${first}; an expression that starts with "- ", "*" or "{", or contains ": " or " #", must be in quotes, e.g. O11: '- F11*X11'`,
    );
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    return fail(
      file,
      1,
      1,
      'the file is empty; it needs "student: <your id>" and "answers:" with one entry per question',
    );
  }
  if (!isMap(root)) {
    const p = at(root);
    return fail(
      file,
      p.line,
      p.col,
      `the top level must be a mapping with "student:" and "answers:", but it is ${describeNode(root)}`,
    );
  }

  let student: string | undefined;
  const answers = new Map<string, AnswerEntry>();
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const keyPos = at(pair.key as Node | null);
    const value = pair.value as Node | null;
    if (key === 'student') {
      if (value === null || (isScalar(value) && value.value === null)) continue;
      if (
        !isScalar(value) ||
        (typeof value.value !== 'string' && typeof value.value !== 'number')
      ) {
        const p = at(value);
        return fail(
          file,
          p.line,
          p.col,
          `"student" must be your id as text, but it is ${describeNode(value)}`,
        );
      }
      student = String(value.value);
    } else if (key === 'answers') {
      if (value === null || (isScalar(value) && value.value === null)) continue;
      if (!isMap(value)) {
        const p = at(value);
        return fail(
          file,
          p.line,
          p.col,
          `"answers" must be a mapping of question id to answer (e.g. "  O11: F11*X11"), but it is ${describeNode(value)}`,
        );
      }
      for (const item of value.items) {
        const idNode = item.key as Node | null;
        const idPos = at(idNode);
        if (!isScalar(idNode) || idNode.value === null)
          return fail(file, idPos.line, idPos.col, 'a question id must be plain text such as O11');
        const id = String(idNode.value);
        const answerNode = item.value as Node | null;
        if (answerNode === null || (isScalar(answerNode) && answerNode.value === null)) continue; // left blank
        const p = at(answerNode);
        const converted = toAnswerValue(answerNode);
        if (typeof converted === 'object' && !Array.isArray(converted)) {
          return fail(file, p.line, p.col, `the answer to ${id} ${converted.problem}; ${HOW_TO}`);
        }
        answers.set(id, { value: converted, line: p.line, column: p.col });
      }
    } else {
      const hint = key && /^answer$/i.test(key) ? ' (did you mean "answers"?)' : '';
      return fail(
        file,
        keyPos.line,
        keyPos.col,
        `unknown top-level key "${key ?? '?'}"${hint}; only "student" and "answers" are allowed`,
      );
    }
  }
  return { ok: true, student, answers };
}

function toAnswerValue(node: Node): AnswerValue | { problem: string } {
  if (isScalar(node)) {
    if (typeof node.value === 'number' || typeof node.value === 'string') return node.value;
    return { problem: `is ${describeNode(node)}` };
  }
  if (isSeq(node)) {
    const rows: (number | string)[][] = [];
    for (const [r, rowNode] of node.items.entries()) {
      if (!isSeq(rowNode))
        return {
          problem: `has row ${r + 1} that is not a list; a matrix is a list of rows, even with one row ([[1, 2]])`,
        };
      const row: (number | string)[] = [];
      for (const [c, cell] of rowNode.items.entries()) {
        if (!isScalar(cell) || (typeof cell.value !== 'number' && typeof cell.value !== 'string')) {
          return {
            problem: `has cell [${r + 1}][${c + 1}] that is ${describeNode(cell as Node | null)}, not a number or an expression`,
          };
        }
        row.push(cell.value);
      }
      rows.push(row);
    }
    return rows;
  }
  return { problem: `is ${describeNode(node)}` };
}

function describeNode(node: Node | null | undefined): string {
  if (node === null || node === undefined) return 'empty';
  if (isMap(node)) return 'a mapping (key: value pairs)';
  if (isSeq(node)) return 'a list';
  if (isAlias(node)) return 'a YAML alias (*name)';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'empty';
    if (typeof v === 'boolean') return `${v} (a true/false value)`;
    if (typeof v === 'number') return `the number ${v}`;
    if (typeof v === 'string') return 'text';
    return `a ${typeof v}`;
  }
  return 'not a plain value';
}

function fail(file: string, line: number, column: number, message: string): AnswersFileResult {
  return { ok: false, error: { file, line, column, message } };
}
