import { beforeAll, describe, expect, it } from 'vitest';
import {
  evaluateExpression,
  loadExpressionParser,
  expressionsEquivalent,
  formatSymbolList,
  parseExpression,
  type Expr,
} from '../../grader/answers/expression.js';

// The parser loads lazily (an answers exercise's prepare); these tests call it directly.
beforeAll(loadExpressionParser);

const X = ['11', '12', '13', '21', '22', '23', '31', '32', '33'].map((rc) => `X${rc}`);
const F = ['11', '12', '21', '22'].map((rc) => `F${rc}`);
const SYMBOLS = [...X, ...F];

function expr(text: string, symbols: readonly string[] = SYMBOLS): Expr {
  const r = parseExpression(text, symbols);
  if (!r.ok) throw new Error(`test expression did not parse: ${r.error.message}`);
  return r.expr;
}

const same = (a: string, b: string, seed = 'seed'): boolean =>
  expressionsEquivalent(expr(a), expr(b), { symbols: SYMBOLS, seed }).equivalent;

// The lecture's O12 (section 6), written with its own middle dot.
const O12 = 'F11·X12 + F12·X13 + F21·X22 + F22·X23';

describe('parseExpression', () => {
  it('accepts the lecture typography · × − and implicit multiplication', () => {
    expect(parseExpression(O12, SYMBOLS).ok).toBe(true);
    expect(parseExpression('F11×X12 − 2 F12 X13', SYMBOLS).ok).toBe(true);
  });

  it('evaluates by hand-checkable values', () => {
    // 2·3 + 4^2 / 8 − (−1) = 6 + 2 + 1 = 9
    expect(
      evaluateExpression(expr('2·F11 + F12^2 / 8 − -F21', F), { F11: 3, F12: 4, F21: 1, F22: 0 }),
    ).toBe(9);
    // −X11^2 is −(X11^2) = −9, as in ordinary notation; 2^3^2 = 2^9 = 512 (right-associative)
    expect(evaluateExpression(expr('-X11^2'), new Map([['X11', 3]]))).toBe(-9);
    expect(evaluateExpression(expr('2^3^2'), {})).toBe(512);
  });

  it('names the column of an unknown symbol and lists the allowed ones compactly', () => {
    const r = parseExpression('F11*X11 + X14', SYMBOLS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.column).toBe(11); // "F11*X11 + " is 10 characters
    expect(r.error.message).toContain('unknown symbol "X14" at column 11');
    expect(r.error.message).toContain('allowed: X11…X33, F11…F22');
  });

  it('maps syntax errors to a column', () => {
    const r = parseExpression('F11*X11 + ', SYMBOLS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.column).toBe(11); // the end of the text
    const r2 = parseExpression('F11*(X11 + X12', SYMBOLS);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error.message).toMatch(/column \d+/);
  });

  it.each([
    ['sin(X11)', 1, /function calls are not allowed/],
    ['F11(X11 + X12)', 1, /F11\*\(/],
    ['X11 = 3', 5, /unexpected character "="/],
    ['X11.foo', 4, /property access/],
    ['[X11, X12]', 1, /unexpected character "\["/],
    ['"X11"', 1, /unexpected character/],
    ['X11 mod 2', 5, /operator "mod"/],
    ['true', 1, /"true"/],
    ['X11; X12', 4, /";"/],
  ])('rejects %s at column %i', (text, column, message) => {
    const r = parseExpression(text, SYMBOLS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.column).toBe(column);
    expect(r.error.message).toMatch(message);
  });

  it('rejects empty text and symbols when none are allowed', () => {
    expect(parseExpression('  ', SYMBOLS).ok).toBe(false);
    const r = parseExpression('7/X11', []);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('numbers only');
  });

  it('compresses only complete index ranges', () => {
    expect(formatSymbolList(['X11', 'X12', 'X21', 'X22', 'dO11'])).toBe('X11…X22, dO11');
    expect(formatSymbolList(['X11', 'X12', 'X22'])).toBe('X11, X12, X22');
  });
});

describe('expressionsEquivalent', () => {
  it('accepts commuted and regrouped sums', () => {
    expect(same(O12, 'X23*F22 + (X22 F21 + X13 F12) + F11*X12')).toBe(true);
    expect(same(O12, 'F11*X12 + F12*X13 + F21*X22 + F22*X23')).toBe(true);
    expect(same('F11*(X11 + X12)', 'X12·F11 + F11·X11')).toBe(true);
  });

  it('rejects a missing term, a wrong index and a wrong sign', () => {
    expect(same(O12, 'F11*X12 + F12*X13 + F21*X22')).toBe(false);
    expect(same(O12, 'F11*X12 + F12*X13 + F21*X22 + F22*X32')).toBe(false);
    expect(same(O12, 'F11*X12 + F12*X13 - F21*X22 + F22*X23')).toBe(false);
  });

  it('uses exact polynomial comparison: a tiny coefficient difference is caught', () => {
    // (10^15 + 1)·X11·X12 vs 10^15·X11·X12 differ by 1e-15 relatively, far below any float tolerance;
    // only the exact integer expansion tells them apart.
    expect(same('1000000000000001*X11*X12', '1000000000000000*X11*X12')).toBe(false);
    expect(same('(X11 + X12)^2', 'X11^2 + 2 X11 X12 + X12^2')).toBe(true);
  });

  it('does not print the reference terms when the answer is incomplete', () => {
    const r = expressionsEquivalent(expr('F11*X12'), expr(O12), { symbols: SYMBOLS, seed: 's' });
    expect(r.equivalent).toBe(false);
    expect(r.reason).not.toMatch(/X13|X22|X23/);
  });

  it('falls back to random points for non-polynomials', () => {
    expect(same('X11 / X12 * X12', 'X11')).toBe(true);
    expect(same('(X11^2 - X12^2) / (X11 - X12)', 'X11 + X12')).toBe(true);
    expect(same('0.5 * X11', 'X11 / 2')).toBe(true);
    expect(same('X11 / X12', 'X11 * X12')).toBe(false);
    expect(same('X11 / (X12 - X12)', 'X11')).toBe(false);
  });

  it('is deterministic for a seed', () => {
    const a = expressionsEquivalent(expr('X11 / X12'), expr('X12 / X11'), {
      symbols: SYMBOLS,
      seed: 'k',
    });
    const b = expressionsEquivalent(expr('X11 / X12'), expr('X12 / X11'), {
      symbols: SYMBOLS,
      seed: 'k',
    });
    expect(a).toEqual(b);
    expect(a.equivalent).toBe(false);
  });
});
