import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  evaluateExpression,
  loadExpressionParser,
  expressionsEquivalent,
  parseExpression,
  type Expr,
} from '../../grader/answers/expression.js';
import { referenceAnswers } from '../../solutions/conv-gradients/answers.js';
import { filterGradient, inputGradient } from '../../solutions/conv-gradients/conv_gradients.js';

// The parser loads lazily (an answers exercise's prepare); these tests call it directly.
beforeAll(loadExpressionParser);

const random = seedrandom('conv-gradients-test');
const randomMatrix = (rows: number, cols: number): number[][] =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => random() * 2 - 1));

/** The forward pass written out directly (valid correlation, stride 1), independent of the solution. */
function forward(x: number[][], f: number[][]): number[][] {
  const o = x.length - f.length + 1;
  return Array.from({ length: o }, (_, i) =>
    Array.from({ length: o }, (_, j) =>
      f.reduce((s, row, a) => s + row.reduce((t, fab, b) => t + fab * x[i + a][j + b], 0), 0),
    ),
  );
}

/** L = Σ O ⊙ dO, so ∂L/∂O = dO. */
const loss = (x: number[][], f: number[][], dO: number[][]): number =>
  forward(x, f).reduce((s, row, i) => s + row.reduce((t, v, j) => t + v * dO[i][j], 0), 0);

/**
 * Central finite difference of L with respect to one entry of m (L is linear in it, so this is
 * exact up to rounding).
 */
function numericGradient(m: number[][], l: () => number): number[][] {
  const h = 1e-5;
  return m.map((row, r) =>
    row.map((_, c) => {
      const keep = m[r][c];
      m[r][c] = keep + h;
      const up = l();
      m[r][c] = keep - h;
      const down = l();
      m[r][c] = keep;
      return (up - down) / (2 * h);
    }),
  );
}

function symbolsFor(n: number, k: number): string[] {
  const o = n - k + 1;
  const grid = (p: string, size: number) =>
    Array.from(
      { length: size * size },
      (_, i) => `${p}${Math.floor(i / size) + 1}${(i % size) + 1}`,
    );
  return [...grid('X', n), ...grid('F', k), ...grid('dO', o)];
}

function parsed(text: string, symbols: readonly string[]): Expr {
  const r = parseExpression(text, symbols);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.expr;
}

function valuesOf(named: Record<string, number[][]>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [p, m] of Object.entries(named))
    m.forEach((row, r) => row.forEach((v, c) => out.set(`${p}${r + 1}${c + 1}`, v)));
  return out;
}

describe('referenceAnswers', () => {
  it("gives the lecture's printed O11…O22 for n = 3, k = 2", () => {
    // Lecture, section 6, copied as printed.
    const lecture: Record<string, string> = {
      O11: 'F11·X11 + F12·X12 + F21·X21 + F22·X22',
      O12: 'F11·X12 + F12·X13 + F21·X22 + F22·X23',
      O21: 'F11·X21 + F12·X22 + F21·X31 + F22·X32',
      O22: 'F11·X22 + F12·X23 + F21·X32 + F22·X33',
    };
    const symbols = symbolsFor(3, 2);
    const answers = referenceAnswers({ n: 3, k: 2 });
    expect(
      Object.keys(answers)
        .filter((id) => id.startsWith('O'))
        .sort(),
    ).toEqual(Object.keys(lecture).sort());
    for (const [id, text] of Object.entries(lecture)) {
      const r = expressionsEquivalent(parsed(answers[id], symbols), parsed(text, symbols), {
        symbols,
        seed: id,
      });
      expect(r, id).toEqual({ equivalent: true });
    }
  });

  it.each([
    [3, 2],
    [4, 2],
    [5, 3],
    [4, 4],
  ])('matches finite differences of L = Σ O ⊙ dO for n = %i, k = %i', (n, k) => {
    const o = n - k + 1;
    const x = randomMatrix(n, n);
    const f = randomMatrix(k, k);
    const dO = randomMatrix(o, o);
    const symbols = symbolsFor(n, k);
    const answers = referenceAnswers({ n, k });
    const values = valuesOf({ X: x, F: f, dO });
    expect(Object.keys(answers)).toHaveLength(o * o + k * k + n * n);
    const dF = numericGradient(f, () => loss(x, f, dO));
    const dX = numericGradient(x, () => loss(x, f, dO));
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++)
        expect(
          evaluateExpression(parsed(answers[`dL_dF${a + 1}${b + 1}`], symbols), values),
        ).toBeCloseTo(dF[a][b], 7);
    }
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++)
        expect(
          evaluateExpression(parsed(answers[`dL_dX${r + 1}${c + 1}`], symbols), values),
        ).toBeCloseTo(dX[r][c], 7);
    }
    const out = forward(x, f);
    for (let i = 0; i < o; i++) {
      for (let j = 0; j < o; j++)
        expect(
          evaluateExpression(parsed(answers[`O${i + 1}${j + 1}`], symbols), values),
        ).toBeCloseTo(out[i][j], 10);
    }
  });
});

describe('filterGradient and inputGradient', () => {
  it.each([
    [3, 2],
    [5, 3],
    [6, 2],
    [4, 1],
  ])('match finite differences for n = %i, k = %i', (n, k) => {
    const o = n - k + 1;
    const x = randomMatrix(n, n);
    const f = randomMatrix(k, k);
    const dO = randomMatrix(o, o);
    const dF = numericGradient(f, () => loss(x, f, dO));
    const dX = numericGradient(x, () => loss(x, f, dO));
    const gotF = filterGradient(x, dO);
    const gotX = inputGradient(f, dO);
    expect(gotF.length).toBe(k);
    expect(gotX.length).toBe(n);
    gotF.forEach((row, a) => row.forEach((v, b) => expect(v).toBeCloseTo(dF[a][b], 7)));
    gotX.forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(dX[r][c], 7)));
  });

  it('matches a hand computation', () => {
    // X = [[1,2,3],[4,5,6],[7,8,9]], dO = [[1,0],[0,-1]]:
    // dF11 = X11 − X22 = 1 − 5 = −4, dF12 = X12 − X23 = −4, dF21 = X21 − X32 = −4, dF22 = X22 − X33 = −4
    expect(
      filterGradient(
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
        [
          [1, 0],
          [0, -1],
        ],
      ),
    ).toEqual([
      [-4, -4],
      [-4, -4],
    ]);
    // F = [[1,2],[3,4]], dO = [[1]]: dX is F itself placed at the top-left of a 2×2 input.
    expect(
      inputGradient(
        [
          [1, 2],
          [3, 4],
        ],
        [[1]],
      ),
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
    // F = [[1,2],[3,4]], dO = [[1,1],[1,1]] on a 3×3 input: each X entry sums the taps that touch it,
    // i.e. the full convolution of ones with F: [[1,3,2],[4,10,6],[3,7,4]].
    expect(
      inputGradient(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 1],
          [1, 1],
        ],
      ),
    ).toEqual([
      [1, 3, 2],
      [4, 10, 6],
      [3, 7, 4],
    ]);
  });
});
