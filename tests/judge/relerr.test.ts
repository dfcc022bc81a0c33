import { describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { relerr } from '../../grader/judge/relerr.js';

const judge = (got: unknown, expected: unknown, options: Record<string, unknown> = {}) =>
  relerr.judge({ got, expected, args: [], options, exportName: 'convBackward' });

describe('relerr: values', () => {
  it('passes identical values of any rank', () => {
    expect(judge(3, 3).passed).toBe(true);
    expect(judge([1, 2], [1, 2]).passed).toBe(true);
    expect(
      judge(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 2],
          [3, 4],
        ],
      ).passed,
    ).toBe(true);
    expect(judge([[[[[0.5]]]]], [[[[[0.5]]]]]).passed).toBe(true);
  });

  it('applies the default bound 1e-6 to |a−b| / (|a|+|b|)', () => {
    // 1 vs 1 + 1e-6: error 1e-6 / (2 + 1e-6) ≈ 5e-7 ≤ 1e-6 → pass; 1 vs 1.00001: ≈ 5e-6 → fail
    expect(judge([1, 2], [1 + 1e-6, 2]).passed).toBe(true);
    const v = judge([1, 2], [1.00001, 2]);
    expect(v.passed).toBe(false);
    expect(v.failure).toBe('wrong-value');
  });

  it('honours the max option', () => {
    expect(judge(1, 1.00001, { max: 1e-4 }).passed).toBe(true);
    expect(judge(1, 1.00001, { max: 1e-6 }).passed).toBe(false);
  });

  it('puts a floor of 1e-8 under the denominator', () => {
    // 0 vs 1e-15: 1e-15 / max(1e-8, 1e-15) = 1e-7 → pass; 0 vs 1e-9: 1e-9 / 1e-8 = 0.1 → fail
    expect(judge(0, 1e-15).passed).toBe(true);
    expect(judge(0, 1e-9).passed).toBe(false);
  });

  it('names the worst index, both values and the relative error', () => {
    // worst element: [1][0], 1 vs 1.5 → 0.5 / 2.5 = 0.2 (the other one, 2 vs 2.1: 0.1/4.1 ≈ 0.024)
    const v = judge(
      [
        [2, 0],
        [1, 7],
      ],
      [
        [2.1, 0],
        [1.5, 7],
      ],
    );
    expect(v.message).toBe('result[1][0] is 1, expected 1.5 (relative error 0.2 > 1e-6)');
  });

  it('reports NaN and Infinity as not finite', () => {
    expect(judge([1, NaN], [1, 2]).failure).toBe('not-finite');
    expect(judge([Infinity], [2]).failure).toBe('not-finite');
    expect(judge([1], [NaN]).passed).toBe(false);
  });

  it('reports shape mismatches and non-numbers', () => {
    const v = judge([1, 2, 3], [1, 2]);
    expect(v.failure).toBe('wrong-shape');
    expect(v.message).toBe('result has shape 3, expected 2');
    expect(
      judge(
        [[1, 2], [3]],
        [
          [1, 2],
          [3, 4],
        ],
      ).failure,
    ).toBe('wrong-type');
    expect(judge('1', 1).failure).toBe('wrong-type');
  });
});

describe('relerr: objects of tensors', () => {
  const zeros = (...d: number[]): unknown =>
    d.length === 0 ? 0 : Array.from({ length: d[0] }, () => zeros(...d.slice(1)));
  const expected = { dx: [[1, 2]], dw: zeros(2, 3, 5, 5), db: [0.5, -0.5] };

  it('passes when every key matches', () => {
    expect(judge(structuredClone(expected), expected).passed).toBe(true);
  });

  it('names the tensor whose shape is wrong', () => {
    const v = judge({ ...expected, dw: zeros(2, 3, 3, 3) }, expected);
    expect(v.passed).toBe(false);
    expect(v.failure).toBe('wrong-shape');
    expect(v.message).toBe('dw has shape 2 × 3 × 3 × 3, expected 2 × 3 × 5 × 5');
    expect(v.summary).toBe('dw: wrong shape');
  });

  it('names the tensor and worst index whose values are wrong', () => {
    const dw = structuredClone(expected.dw) as number[][][][];
    dw[1][2][0][4] = 0.25;
    const v = judge({ ...expected, dw }, expected);
    expect(v.message).toBe('dw[1][2][0][4] is 0.25, expected 0 (relative error 1 > 1e-6)');
    expect(v.summary).toBe('dw: wrong values (relative error 1 > 1e-6)');
  });

  it('fails on missing and extra keys, and on a non-object', () => {
    const missing = judge({ dx: expected.dx, dw: expected.dw }, expected);
    expect(missing.passed).toBe(false);
    expect(missing.message).toContain('db is missing');
    const extra = judge({ ...expected, dz: [1] }, expected);
    expect(extra.passed).toBe(false);
    expect(extra.message).toContain('unexpected key dz');
    expect(judge([1, 2], expected).failure).toBe('wrong-type');
  });

  it('compares nested objects key by key', () => {
    const exp = { grads: { dx: [1], db: [2] } };
    expect(judge({ grads: { dx: [1], db: [2] } }, exp).passed).toBe(true);
    expect(judge({ grads: { dx: [1], db: [3] } }, exp).message).toContain(
      'grads.db[0] is 3, expected 2',
    );
  });
});

describe('relerr: hidden-case summaries', () => {
  it('never contain the expected or submitted values', () => {
    const expected = { dx: [[123.456, 2]], db: [789.012] };
    const cases = [
      judge({ dx: [[654.321, 2]], db: [789.012] }, expected),
      judge({ dx: [[123.456, 2]], db: [987.654] }, expected),
      judge({ dx: [[NaN, 2]], db: [789.012] }, expected),
      judge({ dx: [[123.456, 2, 5]], db: [789.012] }, expected),
      judge({ dx: [[123.456, 2]] }, expected),
    ];
    for (const v of cases) {
      expect(v.passed).toBe(false);
      for (const secret of ['123.456', '654.321', '789.012', '987.654', '1 × 2', '1 × 3'])
        expect(v.summary).not.toContain(secret);
      expect(v.summary).toMatch(/^(dx|db)/);
    }
    expect(cases[0].message).toContain('123.456'); // the full message does have them, for TAs
  });
});

describe('relerr: options schema', () => {
  it('accepts no options or a positive max, rejects max ≤ 0 and unknown keys', () => {
    expect(Value.Check(relerr.options, {})).toBe(true);
    expect(Value.Check(relerr.options, { max: 1e-4 })).toBe(true);
    expect(Value.Check(relerr.options, { max: 0 })).toBe(false);
    expect(Value.Check(relerr.options, { tolerance: 1 })).toBe(false);
    expect(relerr.name).toBe('relerr');
  });
});
