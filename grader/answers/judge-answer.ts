/**
 * Judging one answered question against the trusted reference: a number (tolerance), an expression
 * (parse + equivalence) or a matrix (shape, then each cell). Messages never print the expected value,
 * so feedback does not hand out the answer.
 */
import type { AnswerEntry, AnswerValue } from './answers-file.js';
import {
  evaluateExpression,
  expressionsEquivalent,
  formatSymbolList,
  parseExpression,
  type Expr,
} from './expression.js';
import { DEFAULTS } from '../spec/defaults.js';

export interface AnswerQuestion {
  id: string;
  type: 'number' | 'expression' | 'matrix';
  atol?: number;
  rtol?: number;
  /** Symbols an expression may use (X11, F11, …); numbers only when absent. */
  symbols?: string[];
}

export interface AnswerVerdict {
  passed: boolean;
  message: string;
}

type Cell = number | string;

export function judgeAnswer(
  question: AnswerQuestion,
  reference: AnswerValue,
  given: AnswerEntry | AnswerValue | undefined,
  seed: string,
): AnswerVerdict {
  if (given === undefined)
    return { passed: false, message: `no answer for ${question.id} in answers.yaml` };
  const entry = isEntry(given) ? given : undefined;
  const value = isEntry(given) ? given.value : given;
  const where = entry ? ` (answers.yaml line ${entry.line})` : '';
  const verdict = judgeValue(question, reference, value, `${seed}\0${question.id}`);
  return { passed: verdict.passed, message: `${question.id}${where}: ${verdict.message}` };
}

function isEntry(x: AnswerEntry | AnswerValue): x is AnswerEntry {
  return typeof x === 'object' && !Array.isArray(x) && x !== null && 'value' in x;
}

function judgeValue(
  q: AnswerQuestion,
  reference: AnswerValue,
  value: AnswerValue,
  seed: string,
): AnswerVerdict {
  if (q.type === 'matrix') return judgeMatrix(q, reference, value, seed);
  if (Array.isArray(value))
    return {
      passed: false,
      message: `expected a single ${q.type === 'number' ? 'number' : 'expression'}, but the answer is a matrix`,
    };
  if (Array.isArray(reference))
    return {
      passed: false,
      message:
        'the reference is a matrix but the question is not (course author: fix the question type)',
    };
  return q.type === 'number'
    ? judgeNumber(q, reference, value)
    : judgeExpression(q, reference, value, seed);
}

/** A number answer may also be written as an exact arithmetic expression such as 7/9. */
function judgeNumber(q: AnswerQuestion, reference: Cell, value: Cell): AnswerVerdict {
  const ref = toNumber(reference, []);
  if (!ref.ok)
    return {
      passed: false,
      message: `the reference does not evaluate to a number: ${ref.message} (course author: fix it)`,
    };
  const got = toNumber(value, []);
  if (!got.ok)
    return { passed: false, message: `cannot read your number: ${withAllowed(got.message, [])}` };
  const atol = q.atol ?? DEFAULTS.answers.atol;
  const rtol = q.rtol ?? DEFAULTS.answers.rtol;
  if (!Number.isFinite(got.value))
    return { passed: false, message: `${got.value} is not a finite number` };
  if (Math.abs(got.value - ref.value) <= atol + rtol * Math.abs(ref.value))
    return { passed: true, message: 'correct' };
  return {
    passed: false,
    message: `${formatShort(got.value)} is not the expected value (tolerance ±(${atol} + ${rtol}·|expected|)); if you rounded, give more digits or an exact fraction such as 7/9`,
  };
}

function toNumber(
  cell: Cell,
  symbols: readonly string[],
): { ok: true; value: number } | { ok: false; message: string } {
  if (typeof cell === 'number') return { ok: true, value: cell };
  const parsed = parseExpression(cell, symbols);
  if (!parsed.ok) return { ok: false, message: parsed.error.message };
  return { ok: true, value: evaluateExpression(parsed.expr, {}) };
}

function judgeExpression(
  q: AnswerQuestion,
  reference: Cell,
  value: Cell,
  seed: string,
): AnswerVerdict {
  const symbols = q.symbols ?? [];
  const ref = parseExpression(String(reference), symbols);
  if (!ref.ok)
    return {
      passed: false,
      message: `the reference does not parse: ${ref.error.message} (course author: fix it)`,
    };
  const got = parseExpression(String(value), symbols);
  if (!got.ok)
    return {
      passed: false,
      message: `cannot read your expression: ${withAllowed(got.error.message, symbols)}`,
    };
  return compareExpressions(got.expr, ref.expr, q, seed);
}

function compareExpressions(got: Expr, ref: Expr, q: AnswerQuestion, seed: string): AnswerVerdict {
  const result = expressionsEquivalent(got, ref, {
    symbols: q.symbols ?? [],
    seed,
    atol: q.atol,
    rtol: q.rtol,
  });
  return result.equivalent
    ? { passed: true, message: 'correct' }
    : {
        passed: false,
        message: `not equivalent to the expected expression: ${result.reason ?? 'it differs'}`,
      };
}

/** Syntax errors do not name the allowed symbols by themselves; every parse message should. */
function withAllowed(message: string, symbols: readonly string[]): string {
  return message.includes('allowed:')
    ? message
    : `${message}; allowed: ${formatSymbolList(symbols)}`;
}

function judgeMatrix(
  q: AnswerQuestion,
  reference: AnswerValue,
  value: AnswerValue,
  seed: string,
): AnswerVerdict {
  if (!Array.isArray(reference))
    return {
      passed: false,
      message: 'the reference is not a matrix (course author: fix the question type)',
    };
  if (!Array.isArray(value))
    return {
      passed: false,
      message: 'expected a matrix written as a list of rows, e.g. [[1, 2], [3, 4]]',
    };
  const refCols = reference[0]?.length ?? 0;
  const rowOk = value.every((row) => row.length === value[0]?.length);
  if (!rowOk) return { passed: false, message: 'the rows of your matrix have different lengths' };
  if (value.length !== reference.length || (value[0]?.length ?? 0) !== refCols) {
    return {
      passed: false,
      message: `wrong shape: your matrix is ${value.length} × ${value[0]?.length ?? 0}, expected ${reference.length} × ${refCols}`,
    };
  }
  const wrong: string[] = [];
  let firstProblem = '';
  for (let r = 0; r < reference.length; r++) {
    for (let c = 0; c < refCols; c++) {
      const cellName = `[${r + 1}][${c + 1}]`;
      const verdict = judgeCell(q, reference[r][c], value[r][c], `${seed}\0${cellName}`);
      if (verdict.passed) continue;
      wrong.push(cellName);
      if (!firstProblem) firstProblem = `cell ${cellName}: ${verdict.message}`;
    }
  }
  if (wrong.length === 0) return { passed: true, message: 'correct' };
  return {
    passed: false,
    message: `${wrong.length} wrong cell${wrong.length === 1 ? '' : 's'} (${wrong.join(', ')}); ${firstProblem}`,
  };
}

/** Two numbers compare with the numeric tolerance; anything written as text compares as an expression. */
function judgeCell(q: AnswerQuestion, reference: Cell, value: Cell, seed: string): AnswerVerdict {
  if (typeof reference === 'number' && typeof value === 'number')
    return judgeNumber(q, reference, value);
  return judgeExpression(q, reference, value, seed);
}

const formatShort = (x: number): string =>
  Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(8)));
