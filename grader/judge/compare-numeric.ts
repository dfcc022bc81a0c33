import { fail, pass, type Verdict } from './types.js';
import { flatten, formatIndex, formatNumber, formatShape, sameShape, shapeOf } from './tensor.js';

/** How two equal-shaped numbers compare; returns the size of the violation (0 = fine). */
export type CellCheck = (got: number, expected: number) => boolean;

/**
 * Compares numbers or nested arrays cell by cell and writes the teaching message: the shape
 * mismatch, or the first differing index with expected vs got and how many cells differ.
 */
export function compareNumeric(
  got: unknown,
  expected: unknown,
  ok: CellCheck,
  what: string,
): Verdict {
  const gotShape = shapeOf(got);
  const expShape = shapeOf(expected);
  if (typeof expShape === 'string') throw new Error(`reference value is not numeric: ${expShape}`);
  if (typeof gotShape === 'string')
    return fail(
      'wrong-type',
      `expected ${describe(expShape)}; ${gotShape}`,
      `wrong type: ${gotShape.replace(/\[.*?\]/g, '')}`,
    );
  if (!sameShape(gotShape, expShape)) {
    // The expected shape would tell a hidden case's input sizes: the summary gives only the student's own.
    return fail(
      'wrong-shape',
      `wrong shape: expected ${formatShape(expShape)}, got ${formatShape(gotShape)}`,
      `wrong shape (yours is ${formatShape(gotShape)})`,
    );
  }
  const g = flatten(got);
  const e = flatten(expected);
  let first = -1;
  let differ = 0;
  let nonFinite = -1;
  for (let i = 0; i < e.length; i++) {
    if (!Number.isFinite(g[i]) && Number.isFinite(e[i]) && nonFinite < 0) nonFinite = i;
    if (!cellEqual(g[i], e[i], ok)) {
      differ++;
      if (first < 0) first = i;
    }
  }
  if (differ === 0) return pass();
  const at = formatIndex(first, expShape);
  const where = at ? ` at ${at}` : '';
  const count = e.length > 1 ? ` (${differ} of ${e.length} values differ)` : '';
  const kind = nonFinite >= 0 ? 'not-finite' : 'wrong-value';
  const message = `${what}${where}: expected ${formatNumber(e[first])}, got ${formatNumber(g[first])}${count}`;
  const summary =
    nonFinite >= 0
      ? `${what}: got ${formatNumber(g[nonFinite])} where a finite number was expected${count}`
      : `${what}${count || ''}`;
  return { ...fail(kind, message, summary), first: { key: '', index: first } };
}

function cellEqual(g: number, e: number, ok: CellCheck): boolean {
  if (Number.isNaN(e)) return Number.isNaN(g);
  if (!Number.isFinite(e)) return g === e;
  if (!Number.isFinite(g)) return false;
  return ok(g, e);
}

const describe = (shape: number[]): string =>
  shape.length === 0 ? 'a number' : `an array of shape ${formatShape(shape)}`;
