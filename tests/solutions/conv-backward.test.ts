import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import {
  convBackward,
  convForward,
  maxPoolBackward,
  maxPoolForward,
  reluBackward,
  reluForward,
  type Tensor4,
} from '../../solutions/conv-backward/conv_backward.js';

type Nested = number | Nested[];
const shape = (t: Nested): number[] => (Array.isArray(t) ? [t.length, ...shape(t[0])] : []);
const flat = (t: Nested): number[] => (Array.isArray(t) ? t.flatMap(flat) : [t]);
const build = (dims: number[], next: () => number): Nested =>
  dims.length === 0 ? next() : Array.from({ length: dims[0] }, () => build(dims.slice(1), next));
const rand4 = (rng: () => number, dims: number[]): Tensor4 =>
  build(dims, () => rng() * 2 - 1) as Tensor4;
/** Values ≥ 0.1 away from 0 (ReLU's kink). */
const awayFromZero = (rng: () => number, dims: number[]): Tensor4 =>
  build(dims, () => (rng() < 0.5 ? -1 : 1) * (0.1 + rng())) as Tensor4;
/** All values distinct by ≥ 0.01, so no max-pool window has a tie. */
function distinct(rng: () => number, dims: number[]): Tensor4 {
  const count = dims.reduce((a, b) => a * b, 1);
  const pool = Array.from({ length: count }, (_, i) => i * 0.01 - count * 0.005);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  let k = 0;
  return build(dims, () => pool[k++]) as Tensor4;
}

/**
 * Independent check: d/dθ Σ f(args) ⊙ dout by central differences, one element of args[i] at a
 * time (all these functions are piecewise linear, so h = 1e-3 is exact away from kinks).
 */
// The functions under test take different argument lists; `never[]` accepts each of them.
function numericGrad(
  f: (...a: never[]) => Nested,
  args: unknown[],
  i: number,
  dout: Nested,
  h = 1e-3,
): number[] {
  const d = flat(dout);
  const loss = (): number => flat(f(...(args as never[]))).reduce((s, v, k) => s + v * d[k], 0);
  const target = structuredClone(args[i]) as Nested[];
  args = args.map((a, j) => (j === i ? target : a));
  const grads: number[] = [];
  const visit = (arr: Nested[]): void =>
    arr.forEach((v, k) => {
      if (Array.isArray(v)) return visit(v);
      if (typeof v !== 'number') throw new Error('numericGrad: not a number');
      arr[k] = v + h;
      const up = loss();
      arr[k] = v - h;
      const down = loss();
      arr[k] = v;
      grads.push((up - down) / (2 * h));
    });
  visit(target);
  return grads;
}

const maxAbsDiff = (a: number[], b: number[]): number =>
  Math.max(0, ...a.map((v, k) => Math.abs(v - b[k])));

describe('convForward against the lecture', () => {
  it('matches O11..O22 of the 3×3 X with a 2×2 F worked out by hand', () => {
    // X = [[1,2,3],[4,5,6],[7,8,9]], F = [[1,2],[3,4]], bias 0:
    // O11 = 1·1 + 2·2 + 3·4 + 4·5 = 37    O12 = 1·2 + 2·3 + 3·5 + 4·6 = 47
    // O21 = 1·4 + 2·5 + 3·7 + 4·8 = 67    O22 = 1·5 + 2·6 + 3·8 + 4·9 = 77
    const x = [
      [
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
      ],
    ];
    const w = [
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
    ];
    expect(convForward(x, w, [0], { stride: 1, pad: 0 })).toEqual([
      [
        [
          [37, 47],
          [67, 77],
        ],
      ],
    ]);
    expect(convForward(x, w, [0.5], { stride: 1, pad: 0 })).toEqual([
      [
        [
          [37.5, 47.5],
          [67.5, 77.5],
        ],
      ],
    ]);
  });

  it('reproduces the X-detector feature map (values cut to two decimals, as the lecture prints them)', () => {
    const image = Array.from({ length: 9 }, (_, r) =>
      Array.from({ length: 9 }, (_, c) => (r >= 1 && r <= 7 && (c === r || c === 8 - r) ? 1 : -1)),
    );
    const filter = [
      [1, -1, -1],
      [-1, 1, -1],
      [-1, -1, 1],
    ];
    const out = convForward([[image]], [[filter]], [0], { stride: 1, pad: 0 })[0][0];
    const mean = out.map((row) => row.map((v) => v / 9));
    expect(mean[0][0]).toBeCloseTo(7 / 9, 12);
    expect(mean[1][1]).toBeCloseTo(1, 12);
    const lecture = [
      [0.77, -0.11, 0.11, 0.33, 0.55, -0.11, 0.33],
      [-0.11, 1.0, -0.11, 0.33, -0.11, 0.11, -0.11],
      [0.11, -0.11, 1.0, -0.33, 0.11, -0.11, 0.55],
      [0.33, 0.33, -0.33, 0.55, -0.33, 0.33, 0.33],
      [0.55, -0.11, 0.11, -0.33, 1.0, -0.11, 0.11],
      [-0.11, 0.11, -0.11, 0.33, -0.11, 1.0, -0.11],
      [0.33, -0.11, 0.55, 0.33, 0.11, -0.11, 0.77],
    ];
    const cut = mean.map((row) => row.map((v) => Math.trunc(Math.round(v * 1e9) / 1e7) / 100));
    cut.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(lecture[i][j], 9)));
  });

  it('pads with zeros and strides (two channels, 1×1 filter, worked by hand)', () => {
    // Padded 4×4 planes, stride 2 → positions (0,0),(0,2),(2,0),(2,2) of the padded grid; only
    // (2,2) = unpadded (1,1) sees data: 1·4 + 10·8 + 0.5 = 84.5; the rest see padding: 0.5.
    const x = [
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ],
    ];
    const w = [[[[1]], [[10]]]];
    expect(convForward(x, w, [0.5], { stride: 2, pad: 1 })).toEqual([
      [
        [
          [0.5, 0.5],
          [0.5, 84.5],
        ],
      ],
    ]);
  });

  it("has the lecture's output side floor((n + 2p − k)/s) + 1, dropping the remainder", () => {
    const rng = seedrandom('sides');
    for (const [n, k, p, s] of [
      [5, 3, 1, 2],
      [6, 3, 1, 2],
      [6, 3, 0, 2],
      [8, 2, 1, 3],
      [7, 3, 0, 1],
    ]) {
      const out = convForward(rand4(rng, [1, 1, n, n]), rand4(rng, [2, 1, k, k]), [0, 0], {
        stride: s,
        pad: p,
      });
      const side = Math.floor((n + 2 * p - k) / s) + 1;
      expect(shape(out)).toEqual([1, 2, side, side]);
    }
  });
});

describe('convBackward', () => {
  it("matches the lecture's chain rule on the 3×3 X, 2×2 F example, worked by hand", () => {
    // dO = [[1,-1],[0,2]]. ∂L/∂F = valid correlation of X with dO:
    //   dF11 = 1·1 − 1·2 + 0·4 + 2·5 = 9    dF12 = 1·2 − 1·3 + 0·5 + 2·6 = 11
    //   dF21 = 1·4 − 1·5 + 0·7 + 2·8 = 15   dF22 = 1·5 − 1·6 + 0·8 + 2·9 = 17
    // ∂L/∂X = full convolution of dO with F rotated: F placed at (1,1) ×1, at (1,2) ×(−1), at (2,2) ×2:
    //   [[1, 2−1, −2], [3, 4−3+2, −4+4], [0, 6, 8]] = [[1,1,−2],[3,3,0],[0,6,8]];  db = 1 − 1 + 0 + 2 = 2
    const x = [
      [
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
      ],
    ];
    const w = [
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
    ];
    const { dx, dw, db } = convBackward(
      [
        [
          [
            [1, -1],
            [0, 2],
          ],
        ],
      ],
      x,
      w,
      [0],
      { stride: 1, pad: 0 },
    );
    expect(dw).toEqual([
      [
        [
          [9, 11],
          [15, 17],
        ],
      ],
    ]);
    expect(dx).toEqual([
      [
        [
          [1, 1, -2],
          [3, 3, 0],
          [0, 6, 8],
        ],
      ],
    ]);
    expect(db).toEqual([2]);
  });

  const cases: [string, number[], number[], number, number][] = [
    // name, x dims (N,C,H,W), w dims (F,C,HH,WW), stride, pad
    ['stride 1, pad 1', [2, 3, 5, 5], [2, 3, 3, 3], 1, 1],
    ['stride 2, pad 1', [2, 2, 7, 6], [3, 2, 3, 3], 2, 1],
    ['stride 2 not dividing evenly, pad 0', [1, 2, 6, 6], [2, 2, 3, 3], 2, 0],
    ['stride 3, pad 1, 2×3 kernel', [2, 1, 8, 7], [2, 1, 2, 3], 3, 1],
    ['1×1 kernel, pad 2', [1, 3, 3, 4], [2, 3, 1, 1], 1, 2],
  ];
  for (const [name, xd, wd, stride, pad] of cases)
    it(`agrees with finite differences: ${name}`, () => {
      const rng = seedrandom(name);
      const x = rand4(rng, xd);
      const w = rand4(rng, wd);
      const b = Array.from({ length: wd[0] }, () => rng() - 0.5);
      const params = { stride, pad };
      const out = convForward(x, w, b, params);
      const dout = rand4(rng, shape(out));
      const got = convBackward(dout, x, w, b, params);
      expect(shape(got.dx)).toEqual(xd);
      expect(shape(got.dw)).toEqual(wd);
      const args = [x, w, b, params];
      expect(maxAbsDiff(flat(got.dx), numericGrad(convForward, args, 0, dout))).toBeLessThan(1e-8);
      expect(maxAbsDiff(flat(got.dw), numericGrad(convForward, args, 1, dout))).toBeLessThan(1e-8);
      expect(maxAbsDiff(got.db, numericGrad(convForward, args, 2, dout))).toBeLessThan(1e-8);
    });

  it('gives zero gradient to rows and columns that the stride leaves out', () => {
    // H = W = 6, k = 3, stride 2, no pad: windows start at 0 and 2 and cover rows 0..4; row/col 5 is never read.
    const rng = seedrandom('remainder');
    const x = rand4(rng, [1, 1, 6, 6]);
    const w = rand4(rng, [1, 1, 3, 3]);
    const { dx } = convBackward(rand4(rng, [1, 1, 2, 2]), x, w, [0], { stride: 2, pad: 0 });
    expect(dx[0][0][5]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(dx[0][0].map((row) => row[5])).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('max pooling', () => {
  it('forward and backward on a hand example', () => {
    const x = [
      [
        [
          [1, 3, 2, 0],
          [5, 4, 1, 7],
          [0, 2, 9, 8],
          [6, 1, 3, 4],
        ],
      ],
    ];
    // windows: {1,3,5,4} → 5 at (1,0); {2,0,1,7} → 7 at (1,3); {0,2,6,1} → 6 at (3,0); {9,8,3,4} → 9 at (2,2)
    expect(maxPoolForward(x, { size: 2, stride: 2 })).toEqual([
      [
        [
          [5, 7],
          [6, 9],
        ],
      ],
    ]);
    const dx = maxPoolBackward(
      [
        [
          [
            [1, 2],
            [3, 4],
          ],
        ],
      ],
      x,
      { size: 2, stride: 2 },
    );
    expect(dx).toEqual([
      [
        [
          [0, 0, 0, 0],
          [1, 0, 0, 2],
          [0, 0, 4, 0],
          [3, 0, 0, 0],
        ],
      ],
    ]);
  });

  it('sends the gradient of a tied window to the first maximum only', () => {
    const dx = maxPoolBackward(
      [[[[5]]]],
      [
        [
          [
            [2, 2],
            [1, 2],
          ],
        ],
      ],
      { size: 2, stride: 2 },
    );
    expect(dx).toEqual([
      [
        [
          [5, 0],
          [0, 0],
        ],
      ],
    ]);
  });

  for (const [size, stride, dims] of [
    [2, 2, [2, 2, 4, 4]],
    [3, 2, [1, 2, 7, 6]],
    [3, 1, [1, 1, 5, 5]],
    [2, 3, [1, 2, 7, 8]],
  ] as const)
    it(`backward agrees with finite differences: size ${size}, stride ${stride}, x ${dims.join('×')}`, () => {
      const rng = seedrandom(`pool ${size} ${stride}`);
      const x = distinct(rng, [...dims]);
      const params = { size, stride };
      const dout = rand4(rng, shape(maxPoolForward(x, params)));
      const got = maxPoolBackward(dout, x, params);
      expect(shape(got)).toEqual([...dims]);
      expect(maxAbsDiff(flat(got), numericGrad(maxPoolForward, [x, params], 0, dout))).toBeLessThan(
        1e-8,
      );
    });
});

describe('ReLU', () => {
  it('forward and backward by hand (the gradient at exactly 0 is 0)', () => {
    expect(reluForward([[[[-1, 0, 2]]]])).toEqual([[[[0, 0, 2]]]]);
    expect(reluBackward([[[[5, 6, 7]]]], [[[[-1, 0, 2]]]])).toEqual([[[[0, 0, 7]]]]);
  });

  it('backward agrees with finite differences away from 0', () => {
    const rng = seedrandom('relu');
    const x = awayFromZero(rng, [2, 3, 4, 5]);
    const dout = rand4(rng, [2, 3, 4, 5]);
    const got = reluBackward(dout, x);
    expect(maxAbsDiff(flat(got), numericGrad(reluForward, [x], 0, dout))).toBeLessThan(1e-8);
  });
});
