/**
 * relerr: element-wise relative error between the student's numbers and the reference's,
 * max |a − b| / max(1e-8, |a| + |b|) (the cs231n rel_error). Works on a number, a nested array of any
 * rank, or an object of those (e.g. { dx, dw, db }), key by key.
 */
import { Type } from '@sinclair/typebox';
import { fail, pass, type FailureKind, type Judge, type Verdict } from './types.js';
import {
  describeType,
  flatten,
  formatIndex,
  formatNumber,
  formatShape,
  sameShape,
  shapeOf,
  type Shape,
} from './tensor.js';
import { DEFAULTS } from '../spec/defaults.js';

export const DEFAULT_MAX_RELERR = DEFAULTS.relerr.max;

/** One thing wrong with one tensor: `message` may hold values, `summary` must not. */
export interface Problem {
  kind: FailureKind;
  message: string;
  summary: string;
  /** The first cell over the bound, for pictures ('' key: a bare tensor). */
  first?: { key: string; index: number };
}

/** A bound as written in specs: 1e-6 rather than 0.000001. */
export const formatBound = (x: number): string =>
  x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential() : String(x);

export function relativeError(a: number, b: number): number {
  if (Object.is(a, b) || a === b) return 0; // also equal infinities and NaN === NaN by identity
  const err = Math.abs(a - b) / Math.max(1e-8, Math.abs(a) + Math.abs(b));
  return Number.isNaN(err) ? Infinity : err;
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Shape of `got` if it matches `want`, or the problem (named after the tensor). */
export function checkShape(
  got: unknown,
  want: Shape,
  name: string,
  wantNote = '',
): Shape | Problem {
  const shape = shapeOf(got, name);
  if (typeof shape === 'string')
    return {
      kind: 'wrong-type',
      message: `${name}: ${shape}`,
      summary: `${name}: not a number or a rectangular array of numbers`,
    };
  if (!sameShape(shape, want))
    return {
      kind: 'wrong-shape',
      message: `${name} has shape ${formatShape(shape)}, expected ${formatShape(want)}${wantNote}`,
      summary: `${name}: wrong shape`,
    };
  return shape;
}

/** The first non-finite student value, if any, as a problem. */
export function nonFinite(
  values: number[],
  shape: Shape,
  name: string,
  others: number[],
): Problem | undefined {
  const at = values.findIndex((v, i) => !Number.isFinite(v) && !Object.is(v, others[i]));
  if (at < 0) return undefined;
  return {
    kind: 'not-finite',
    message: `${name}${formatIndex(at, shape)} is ${formatNumber(values[at])}`,
    summary: `${name}: contains NaN or Infinity`,
  };
}

/** Keys missing from / extra in the student's object, as problems. */
export function keyProblems(
  got: Record<string, unknown>,
  wantKeys: string[],
  where: string,
): Problem[] {
  const list = wantKeys.join(', ');
  const missing = wantKeys.filter((k) => !(k in got));
  const extra = Object.keys(got).filter((k) => !wantKeys.includes(k));
  return [
    ...missing.map((k) => ({
      kind: 'wrong-type' as const,
      message: `${k} is missing from ${where} (expected keys: ${list})`,
      summary: `${k}: missing`,
    })),
    ...extra.map((k) => ({
      kind: 'wrong-type' as const,
      message: `${where} has an unexpected key ${k} (expected keys: ${list})`,
      summary: `unexpected key ${k}`,
    })),
  ];
}

export function notAnObject(got: unknown, wantKeys: string[], where: string): Problem {
  return {
    kind: 'wrong-type',
    message: `${where} is ${describeType(got)}, expected an object with keys ${wantKeys.join(', ')}`,
    summary: `${where}: expected an object with keys ${wantKeys.join(', ')}`,
  };
}

/** Verdict from a list of problems; the first one decides the failure kind. */
export function verdictOf(problems: Problem[], passMessage: string): Verdict {
  if (problems.length === 0) return pass(passMessage);
  const verdict = fail(
    problems[0].kind,
    problems.map((p) => p.message).join('\n'),
    problems.map((p) => p.summary).join('\n'),
  );
  const first = problems.find((p) => p.first)?.first;
  return first ? { ...verdict, first } : verdict;
}

function compareTensor(
  got: unknown,
  expected: unknown,
  name: string,
  max: number,
  worst: { err: number },
): Problem[] {
  const want = shapeOf(expected, name);
  if (typeof want === 'string')
    return [
      {
        kind: 'rejected',
        message: `relerr cannot compare the reference's value: ${want}`,
        summary: `${name}: the grader could not compare this value; tell the course staff`,
      },
    ];
  const shape = checkShape(got, want, name);
  if (!Array.isArray(shape)) return [shape];
  const a = flatten(got);
  const b = flatten(expected);
  const bad = nonFinite(a, shape, name, b);
  if (bad) return [bad];
  let at = -1;
  let err = 0;
  for (let i = 0; i < a.length; i++) {
    const e = relativeError(a[i], b[i]);
    if (e > err) [err, at] = [e, i];
  }
  worst.err = Math.max(worst.err, err);
  if (err <= max) return [];
  const where = `${name}${formatIndex(at, shape)}`;
  const firstBad = a.findIndex((x, i) => relativeError(x, b[i]) > max);
  return [
    {
      first: { key: name === 'result' ? '' : name, index: firstBad },
      kind: 'wrong-value',
      message: `${where} is ${formatNumber(a[at])}, expected ${formatNumber(b[at])} (relative error ${formatNumber(err)} > ${formatBound(max)})`,
      summary: `${name}: wrong values (relative error ${formatNumber(err)} > ${formatBound(max)})`,
    },
  ];
}

/** Compares numbers/arrays directly and objects key by key (keys nest as a.b). */
export function compareValues(
  got: unknown,
  expected: unknown,
  name: string,
  max: number,
  worst = { err: 0 },
): Problem[] {
  if (!isPlainObject(expected)) return compareTensor(got, expected, name, max, worst);
  const keys = Object.keys(expected);
  if (!isPlainObject(got)) return [notAnObject(got, keys, name)];
  const problems = keyProblems(got, keys, name);
  for (const k of keys)
    if (k in got)
      problems.push(
        ...compareValues(got[k], expected[k], name === 'result' ? k : `${name}.${k}`, max, worst),
      );
  return problems;
}

const RelerrOptions = Type.Object(
  {
    max: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        description: `Largest accepted relative error (default ${DEFAULT_MAX_RELERR}).`,
      }),
    ),
  },
  { additionalProperties: false },
);

export const relerr: Judge = {
  name: 'relerr',
  description:
    'Element-wise relative error max |a−b| / max(1e-8, |a|+|b|) ≤ max, on numbers, nested arrays and objects of them.',
  options: RelerrOptions,
  judge({ got, expected, options }) {
    const max = typeof options.max === 'number' ? options.max : DEFAULT_MAX_RELERR;
    const worst = { err: 0 };
    const problems = compareValues(got, expected, 'result', max, worst);
    return verdictOf(problems, `correct (max relative error ${formatNumber(worst.err)})`);
  },
};
