import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { Value } from '@sinclair/typebox/value';
import { gradcheck } from '../../grader/judge/gradcheck.js';
import * as reference from '../../solutions/conv-backward/conv_backward.js';
import {
  convBackward,
  convForward,
  type Tensor4,
} from '../../solutions/conv-backward/conv_backward.js';

type Nested = number | Nested[];
const shape = (t: Nested): number[] => (Array.isArray(t) ? [t.length, ...shape(t[0])] : []);
const build = (dims: number[], next: () => number): Nested =>
  dims.length === 0 ? next() : Array.from({ length: dims[0] }, () => build(dims.slice(1), next));
const rand4 = (rng: () => number, dims: number[]): Tensor4 =>
  build(dims, () => rng() * 2 - 1) as Tensor4;
const map4 = (t: Tensor4, f: (v: number) => number): Tensor4 =>
  t.map((a) => a.map((b) => b.map((r) => r.map(f))));
function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) Object.values(v).forEach(deepFreeze);
  return Object.freeze(v);
}

const CONV = { forward: 'convForward', wrt: { dx: 1, dw: 2, db: 3 } };

/** A conv case (args: dout, x, w, b, params) with random values. */
function convCase(
  seed: string,
  xd: number[],
  wd: number[],
  stride: number,
  pad: number,
): unknown[] {
  const rng = seedrandom(seed);
  const x = rand4(rng, xd);
  const w = rand4(rng, wd);
  const b = Array.from({ length: wd[0] }, () => rng() - 0.5);
  const dout = rand4(rng, shape(convForward(x, w, b, { stride, pad })));
  return [dout, x, w, b, { stride, pad }];
}

const judgeConv = (got: unknown, args: unknown[], options: Record<string, unknown> = CONV) =>
  gradcheck.judge({
    got,
    expected: undefined,
    args,
    options,
    reference,
    exportName: 'convBackward',
  });
const studentConv = (args: unknown[]) =>
  (convBackward as (...a: unknown[]) => ReturnType<typeof convBackward>)(...args);

const SHAPES: [string, number[], number[], number, number][] = [
  ['stride 1 pad 1', [2, 3, 5, 5], [2, 3, 3, 3], 1, 1],
  ['stride 2 pad 1', [2, 2, 5, 5], [2, 2, 3, 3], 2, 1],
  ['stride 2 uneven', [1, 2, 6, 7], [3, 2, 3, 3], 2, 0],
  ['stride 3 pad 2, 2×3 kernel', [2, 1, 8, 7], [2, 1, 2, 3], 3, 2],
];

describe('gradcheck on convBackward', () => {
  for (const [name, xd, wd, stride, pad] of SHAPES)
    it(`accepts the reference: ${name}`, () => {
      for (let seed = 0; seed < 5; seed++) {
        const args = convCase(`${name} ${seed}`, xd, wd, stride, pad);
        const v = judgeConv(studentConv(args), args);
        expect(v.message).toMatch(/^correct/);
        expect(v.passed).toBe(true);
      }
    });

  it('catches dw off by a factor of 2, naming dw, the index and both values', () => {
    const args = convCase('dw', [2, 3, 5, 5], [2, 3, 3, 3], 1, 1);
    const right = studentConv(args);
    const v = judgeConv({ ...right, dw: map4(right.dw, (g) => 2 * g) }, args);
    expect(v.passed).toBe(false);
    expect(v.failure).toBe('wrong-value');
    // 2g against g: |2g − g| / (|2g| + |g|) = 1/3 at every element
    expect(v.message).toMatch(
      /^dw\[\d\]\[\d\]\[\d\]\[\d\]: student value -?[\d.]+, numerical -?[\d.]+ \(relative error 0\.333333 > 1e-6\)$/,
    );
    expect(v.summary).toBe('dw: wrong values (relative error 0.333333 > 1e-6)');
  });

  it('catches a dx returned at padded size', () => {
    const args = convCase('pad', [1, 2, 5, 5], [2, 2, 3, 3], 2, 1);
    const [dout, x, w, b] = args as [Tensor4, Tensor4, Tensor4, number[]];
    const padded = x.map((c) =>
      c.map((p) => [new Array(7).fill(0), ...p.map((r) => [0, ...r, 0]), new Array(7).fill(0)]),
    );
    // the gradient w.r.t. the padded input: right values, but never cropped
    const dxPadded = convBackward(dout, padded, w, b, { stride: 2, pad: 0 }).dx;
    const v = judgeConv({ ...studentConv(args), dx: dxPadded }, args);
    expect(v.failure).toBe('wrong-shape');
    expect(v.message).toBe(
      'dx has shape 1 × 2 × 7 × 7, expected 1 × 2 × 5 × 5 (the shape of argument 1)',
    );
    expect(v.summary).toBe('dx: wrong shape');

    // [0:H] not [pad:pad+H]
    const wrongCrop = dxPadded.map((c) => c.map((p) => p.slice(0, 5).map((r) => r.slice(0, 5))));
    const cropped = judgeConv({ ...studentConv(args), dx: wrongCrop }, args);
    expect(cropped.passed).toBe(false);
    expect(cropped.failure).toBe('wrong-value');
    expect(cropped.message).toMatch(/^dx\[0\]/);
  });

  it('catches a wrong db (summed over the first sample only)', () => {
    const args = convCase('db', [2, 2, 4, 4], [3, 2, 3, 3], 1, 0);
    const dout = args[0] as Tensor4;
    const db = dout[0].map((plane) => plane.flat().reduce((s, g) => s + g, 0));
    const v = judgeConv({ ...studentConv(args), db }, args);
    expect(v.passed).toBe(false);
    expect(v.message).toMatch(/^db\[\d\]: student value/);
  });

  it('does not use the reference backward: a broken one cannot change the verdict', () => {
    const args = convCase('trust', [1, 2, 4, 4], [2, 2, 3, 3], 1, 1);
    const broken = { convForward, convBackward: () => ({ dx: [], dw: [], db: [] }) };
    const v = gradcheck.judge({
      got: studentConv(args),
      expected: { dx: [], dw: [], db: [] },
      args,
      options: CONV,
      reference: broken,
      exportName: 'convBackward',
    });
    expect(v.passed).toBe(true);
  });

  it('never mutates the case args (they are frozen here, so a write would throw)', () => {
    const args = deepFreeze(convCase('frozen', [1, 2, 4, 4], [2, 2, 3, 3], 2, 1));
    const before = JSON.stringify(args);
    expect(judgeConv(studentConv(args), args).passed).toBe(true);
    expect(JSON.stringify(args)).toBe(before);
  });

  it('fails on missing and extra keys and on a non-object', () => {
    const args = convCase('keys', [1, 1, 3, 3], [1, 1, 2, 2], 1, 0);
    const { dx, dw } = studentConv(args);
    expect(judgeConv({ dx, dw }, args).message).toContain('db is missing');
    expect(judgeConv({ ...studentConv(args), extra: 1 }, args).message).toContain(
      'unexpected key extra',
    );
    expect(judgeConv(dx, args).failure).toBe('wrong-type');
  });
});

describe('gradcheck on ReLU and max pooling', () => {
  const rng = seedrandom('pool-relu');
  // values distinct by ≥ 0.05 and ≥ 0.05 away from 0: no ties, no kinks
  const x = build([1, 2, 4, 4], () => 0) as Tensor4;
  let k = 0;
  const order = Array.from({ length: 32 }, (_, i) => i).sort(() => rng() - 0.5);
  for (const c of [0, 1])
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) x[0][c][i][j] = (order[k++] - 15.5) / 10;
  const pool = { size: 2, stride: 2 };
  const poolDout = rand4(rng, [1, 2, 2, 2]);
  const reluDout = rand4(rng, [1, 2, 4, 4]);
  const opts = (forward: string) => ({ forward, wrt: 1 });
  const judge = (got: unknown, args: unknown[], forward: string) =>
    gradcheck.judge({
      got,
      expected: undefined,
      args,
      options: opts(forward),
      reference,
      exportName: 'x',
    });

  it('accepts the reference maxPoolBackward and rejects average pooling', () => {
    expect(
      judge(reference.maxPoolBackward(poolDout, x, pool), [poolDout, x, pool], 'maxPoolForward')
        .passed,
    ).toBe(true);
    const avg = x.map((a, n) =>
      a.map((p, c) => p.map((r, i) => r.map((_, j) => poolDout[n][c][i >> 1][j >> 1] / 4))),
    );
    const v = judge(avg, [poolDout, x, pool], 'maxPoolForward');
    expect(v.passed).toBe(false);
    expect(v.message).toMatch(/^gradient\[0\]/);
  });

  it('accepts the reference reluBackward and rejects one that passes every gradient', () => {
    expect(judge(reference.reluBackward(reluDout, x), [reluDout, x], 'reluForward').passed).toBe(
      true,
    );
    expect(judge(reluDout, [reluDout, x], 'reluForward').passed).toBe(false);
  });

  it('at a kink (ReLU input exactly 0) accepts either one-sided derivative, nothing outside them', () => {
    const xk = [[[[0, 1, -1]]]];
    const d = [[[[3, 4, 5]]]];
    expect(judge([[[[0, 4, 0]]]], [d, xk], 'reluForward').passed).toBe(true); // relu'(0) = 0
    expect(judge([[[[3, 4, 0]]]], [d, xk], 'reluForward').passed).toBe(true); // relu'(0) = 1
    expect(judge([[[[6, 4, 0]]]], [d, xk], 'reluForward').passed).toBe(false);
    expect(judge([[[[-1, 4, 0]]]], [d, xk], 'reluForward').passed).toBe(false);
  });
});

describe('gradcheck options', () => {
  const square = (x: number[]) => x.map((v) => v * v);
  it('honours upstream and forwardArgs (args: x, dout) on a smooth function', () => {
    const x = [0.3, -1.2, 2];
    const dout = [1, 2, -1];
    const options = { forward: 'square', upstream: 1, forwardArgs: [0], wrt: 0 };
    const run = (got: unknown) =>
      gradcheck.judge({
        got,
        expected: undefined,
        args: [x, dout],
        options,
        reference: { square },
        exportName: 'sq',
      });
    expect(run([0.6, -4.8, -4]).passed).toBe(true); // d/dx Σ x²·dout = 2x·dout
    expect(run([0.6, -4.8, 4]).passed).toBe(false);
  });

  it('reports spec mistakes as misconfiguration, not as a student error', () => {
    const args = convCase('config', [1, 1, 3, 3], [1, 1, 2, 2], 1, 0);
    const got = studentConv(args);
    const noForward = judgeConv(got, args, { ...CONV, forward: 'convFoward' });
    expect(noForward.failure).toBe('rejected');
    expect(noForward.message).toContain("no function 'convFoward'");
    expect(noForward.summary).not.toContain('convFoward');
    expect(
      judgeConv(got, args, { ...CONV, wrt: { dx: 1, dp: 4 }, forwardArgs: [1, 2, 3] }).message,
    ).toContain('not among forwardArgs');
    expect(judgeConv(got, args, { ...CONV, upstream: 1 }).failure).toBe('rejected');
  });

  it('schema: requires forward and wrt, rejects a non-positive bound or h', () => {
    expect(Value.Check(gradcheck.options, CONV)).toBe(true);
    expect(
      Value.Check(gradcheck.options, {
        ...CONV,
        upstream: 0,
        forwardArgs: [1, 2, 3, 4],
        bound: 1e-5,
        h: 1e-4,
      }),
    ).toBe(true);
    expect(Value.Check(gradcheck.options, { wrt: 1 })).toBe(false);
    expect(Value.Check(gradcheck.options, { ...CONV, bound: 0 })).toBe(false);
    expect(Value.Check(gradcheck.options, { ...CONV, h: -1 })).toBe(false);
    expect(gradcheck.name).toBe('gradcheck');
  });
});
