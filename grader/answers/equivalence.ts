/**
 * Are two expressions the same function? Exactly, by polynomial expansion, when both are polynomials
 * with integer coefficients (the usual case: O11 = F11·X11 + …); otherwise numerically, at seeded random
 * points. Evaluation is our own over the validated Expr tree.
 */
import seedrandom from 'seedrandom';
import type { Expr } from './expr.js';
import { differingTerms, expandPolynomial } from './polynomial.js';
import { DEFAULTS } from '../spec/defaults.js';

export interface EquivalenceOptions {
  symbols: readonly string[];
  seed: string;
  /** How many random points must agree (default 12). */
  points?: number;
  rtol?: number;
  atol?: number;
}

export interface EquivalenceResult {
  equivalent: boolean;
  reason?: string;
}

/** A denominator smaller than this makes a sample point unreliable: it is skipped and redrawn. */
const TINY_DENOMINATOR = 1e-6;

interface Evaluation {
  value: number;
  /** False when a denominator was ~0 or a value was not finite at this point. */
  reliable: boolean;
}

/** Evaluates a validated expression; a symbol missing from `values` is an error of the caller. */
export function evaluateExpression(
  expr: Expr,
  values: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
): number {
  return evaluate(expr, values).value;
}

function lookup(
  values: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
  name: string,
): number {
  const v =
    values instanceof Map ? values.get(name) : (values as Readonly<Record<string, number>>)[name];
  if (typeof v !== 'number') throw new Error(`no value for symbol ${name}`);
  return v;
}

function evaluate(
  e: Expr,
  values: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
): Evaluation {
  switch (e.kind) {
    case 'number':
      return { value: e.value, reliable: true };
    case 'symbol':
      return { value: lookup(values, e.name), reliable: true };
    case 'negate': {
      const a = evaluate(e.arg, values);
      return { value: -a.value, reliable: a.reliable };
    }
    case 'binary': {
      const a = evaluate(e.left, values);
      const b = evaluate(e.right, values);
      let value: number;
      let reliable = a.reliable && b.reliable;
      switch (e.op) {
        case '+':
          value = a.value + b.value;
          break;
        case '-':
          value = a.value - b.value;
          break;
        case '*':
          value = a.value * b.value;
          break;
        case '/':
          value = a.value / b.value;
          if (Math.abs(b.value) < TINY_DENOMINATOR) reliable = false;
          break;
        case '^':
          value = Math.pow(a.value, b.value);
          if (a.value === 0 && b.value < 0) reliable = false;
          break;
      }
      return { value, reliable: reliable && Number.isFinite(value) };
    }
  }
}

export function symbolsOf(e: Expr, into = new Set<string>()): Set<string> {
  if (e.kind === 'symbol') into.add(e.name);
  else if (e.kind === 'negate') symbolsOf(e.arg, into);
  else if (e.kind === 'binary') {
    symbolsOf(e.left, into);
    symbolsOf(e.right, into);
  }
  return into;
}

export function expressionsEquivalent(
  student: Expr,
  reference: Expr,
  opts: EquivalenceOptions,
): EquivalenceResult {
  const exactStudent = expandPolynomial(student);
  const exactReference = exactStudent && expandPolynomial(reference);
  if (exactStudent && exactReference) {
    const differing = differingTerms(exactStudent, exactReference);
    if (differing.length === 0) return { equivalent: true };
    return { equivalent: false, reason: describeDifference(differing, exactStudent) };
  }
  return numericallyEquivalent(student, reference, opts);
}

/** Names only terms of the student's own answer, so the message does not give the reference away. */
function describeDifference(differing: string[], student: Map<string, { coef: bigint }>): string {
  const count = `${differing.length} term${differing.length === 1 ? '' : 's'}`;
  const own = differing.find((k) => student.has(k));
  if (own === undefined)
    return `after expanding both as polynomials, ${count} of the expected answer ${differing.length === 1 ? 'is' : 'are'} missing from yours`;
  const shown = own === '' ? 'the constant term' : `the term ${own}`;
  return `after expanding both as polynomials, ${count} differ; e.g. ${shown} has the wrong coefficient (yours: ${student.get(own)!.coef})`;
}

function numericallyEquivalent(
  student: Expr,
  reference: Expr,
  opts: EquivalenceOptions,
): EquivalenceResult {
  const points = opts.points ?? 12;
  const rtol = opts.rtol ?? DEFAULTS.expressions.rtol;
  const atol = opts.atol ?? DEFAULTS.expressions.atol;
  const names = [
    ...new Set([...opts.symbols, ...symbolsOf(student), ...symbolsOf(reference)]),
  ].sort();
  const random = seedrandom(`equivalence\0${opts.seed}`);
  let agreed = 0;
  let studentOnlyUndefined = 0;
  for (let attempt = 0; attempt < points * 20 && agreed < points; attempt++) {
    const values = new Map<string, number>();
    for (const name of names) values.set(name, random() * 4 - 2); // uniform in [-2, 2)
    const s = evaluate(student, values);
    const r = evaluate(reference, values);
    if (!r.reliable) continue;
    if (!s.reliable) {
      studentOnlyUndefined++;
      continue;
    }
    if (
      Math.abs(s.value - r.value) >
      atol + rtol * Math.max(Math.abs(s.value), Math.abs(r.value))
    ) {
      return {
        equivalent: false,
        reason: `differs at a random point: yours evaluates to ${show(s.value)}, the expected answer to ${show(r.value)}`,
      };
    }
    agreed++;
  }
  if (agreed >= points) return { equivalent: true };
  if (studentOnlyUndefined > 0) {
    return {
      equivalent: false,
      reason:
        'your expression is undefined (division by ~0 or overflow) where the expected answer is defined',
    };
  }
  return {
    equivalent: false,
    reason:
      'the expected answer could not be evaluated at enough points (course author: check the reference)',
  };
}

const show = (x: number): string => String(Number(x.toPrecision(6)));
