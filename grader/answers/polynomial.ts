/**
 * Exact expansion of an expression into a polynomial with integer coefficients: a canonical map from
 * monomial ("F11*X12^2", "" for the constant) to a BigInt coefficient. Two such maps are equal exactly
 * when the expressions are equal as polynomials, so no sampling or tolerance is involved.
 * Returns undefined when the expression is not an integer polynomial (division, a fractional constant,
 * a symbolic or negative exponent) or would expand beyond the limits below.
 */
import type { Expr } from './expr.js';

export type Polynomial = Map<string, { powers: [string, number][]; coef: bigint }>;

const MAX_TERMS = 4096;
const MAX_EXPONENT = 16;

class TooBig extends Error {}

export function expandPolynomial(expr: Expr): Polynomial | undefined {
  try {
    return expand(expr);
  } catch (e) {
    if (e instanceof TooBig) return undefined;
    throw e;
  }
}

function expand(e: Expr): Polynomial | undefined {
  switch (e.kind) {
    case 'number':
      if (!Number.isSafeInteger(e.value)) return undefined;
      return constant(BigInt(e.value));
    case 'symbol':
      return single([[e.name, 1]], 1n);
    case 'negate': {
      const a = expand(e.arg);
      return a && scale(a, -1n);
    }
    case 'binary': {
      if (e.op === '/') return undefined;
      const left = expand(e.left);
      const right = expand(e.right);
      if (!left || !right) return undefined;
      if (e.op === '+') return add(left, right);
      if (e.op === '-') return add(left, scale(right, -1n));
      if (e.op === '*') return multiply(left, right);
      return power(left, right);
    }
  }
}

function power(base: Polynomial, exponent: Polynomial): Polynomial | undefined {
  const n = constantValue(exponent);
  if (n === undefined || n < 0n) return undefined;
  if (n > BigInt(MAX_EXPONENT)) throw new TooBig();
  let result = constant(1n);
  for (let i = 0n; i < n; i++) result = multiply(result, base);
  return result;
}

/** The value of a polynomial with only a constant term (0 for the empty polynomial). */
function constantValue(p: Polynomial): bigint | undefined {
  if (p.size === 0) return 0n;
  if (p.size === 1 && p.has('')) return p.get('')!.coef;
  return undefined;
}

export function monomialKey(powers: readonly [string, number][]): string {
  return powers.map(([name, p]) => (p === 1 ? name : `${name}^${p}`)).join('*');
}

function constant(c: bigint): Polynomial {
  return single([], c);
}

function single(powers: [string, number][], coef: bigint): Polynomial {
  const p: Polynomial = new Map();
  if (coef !== 0n) p.set(monomialKey(powers), { powers, coef });
  return p;
}

function addTerm(p: Polynomial, powers: [string, number][], coef: bigint): void {
  const key = monomialKey(powers);
  const sum = (p.get(key)?.coef ?? 0n) + coef;
  if (sum === 0n) p.delete(key);
  else p.set(key, { powers, coef: sum });
  if (p.size > MAX_TERMS) throw new TooBig();
}

function add(a: Polynomial, b: Polynomial): Polynomial {
  const out: Polynomial = new Map(a);
  for (const { powers, coef } of b.values()) addTerm(out, powers, coef);
  return out;
}

function scale(a: Polynomial, k: bigint): Polynomial {
  const out: Polynomial = new Map();
  for (const { powers, coef } of a.values()) addTerm(out, powers, coef * k);
  return out;
}

function multiply(a: Polynomial, b: Polynomial): Polynomial {
  const out: Polynomial = new Map();
  for (const x of a.values()) {
    for (const y of b.values()) addTerm(out, mergePowers(x.powers, y.powers), x.coef * y.coef);
  }
  return out;
}

/** Product of two monomials, kept sorted by symbol name so equal monomials get equal keys. */
function mergePowers(
  a: readonly [string, number][],
  b: readonly [string, number][],
): [string, number][] {
  const merged = new Map<string, number>();
  for (const [name, p] of [...a, ...b]) merged.set(name, (merged.get(name) ?? 0) + p);
  return [...merged.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}

/** Keys whose coefficients differ between a and b (absent = 0). */
export function differingTerms(a: Polynomial, b: Polynomial): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => (a.get(k)?.coef ?? 0n) !== (b.get(k)?.coef ?? 0n)).sort();
}
