import { describe, expect, it } from 'vitest';
import { heatmapSets, MAX_SLICES } from '../../../grader/report/html/heatmap.js';

/** RGB of a d3 colour string "rgb(r, g, b)". */
const rgb = (s: string): number[] => (s.match(/\d+/g) ?? []).map(Number);

describe('heatmap model', () => {
  // expected I2, the student put a 1 at [1][0]: the first (and only) difference is flat index 2.
  const detail = {
    kind: 'numeric' as const,
    expected: [
      [1, 0],
      [0, 1],
    ],
    got: [
      [1, 0],
      [1, 1],
    ],
    first: { key: '', index: 2 },
  };

  it('draws expected, yours and their difference, one cell per value, and outlines the first difference', () => {
    const [set] = heatmapSets(detail);
    expect(set.slices).toHaveLength(1);
    const grids = set.slices[0].grids;
    expect(grids.map((g) => g.label)).toEqual(['expected', 'yours', 'yours − expected']);
    for (const g of grids) expect(g.cells).toHaveLength(4);
    // The difference by hand: got − expected = [[0, 0], [1, 0]].
    expect(grids[2].table).toEqual([
      ['0', '0'],
      ['1', '0'],
    ]);
    // Row 1, column 0 is outlined in all three, at the cell's own place.
    const size = grids[0].cells[0].size;
    for (const g of grids) expect(g.outline).toEqual({ x: 0, y: size, size });
    expect(set.first).toBe('[1][0]');
  });

  it('uses one diverging scale: zero is the near-white middle of RdBu, +max red, −max blue', () => {
    const [set] = heatmapSets({ kind: 'numeric', expected: [[-2, 0, 2]], got: [[-2, 0, 2]] });
    const [neg, zero, pos] = set.slices[0].grids[0].cells.map((c) => rgb(c.fill));
    // ColorBrewer RdBu's middle class is #f7f7f7; d3 smooths the ramp, so zero is near-white grey.
    for (const ch of zero) expect(ch).toBeGreaterThan(230);
    expect(Math.max(...zero) - Math.min(...zero)).toBeLessThan(12);
    expect(pos[0]).toBeGreaterThan(pos[2] + 50); // dark red (103, 0, 31)
    expect(neg[2]).toBeGreaterThan(neg[0] + 50); // dark blue (5, 48, 97)
    // The legend's ticks span the same symmetric range.
    const labels = set.legend.ticks.map((t) => Number(t.label));
    expect(Math.min(...labels)).toBe(-2);
    expect(Math.max(...labels)).toBe(2);
  });

  it('a passing result is one picture (the student value)', () => {
    const [set] = heatmapSets({ kind: 'numeric', expected: [[1, 2]], got: [[1, 2]] }, true);
    expect(set.slices[0].grids.map((g) => g.label)).toEqual(['yours']);
  });

  it('different shapes: both drawn at their own size, no difference grid', () => {
    const [set] = heatmapSets({ kind: 'numeric', expected: [[1, 2, 3]], got: [[1], [2], [3]] });
    const grids = set.slices[0].grids;
    expect(grids.map((g) => [g.label, g.rows, g.cols])).toEqual([
      ['expected', 1, 3],
      ['yours', 3, 1],
    ]);
    expect(set.shapes).toBe('expected 1 × 3, yours 3 × 1');
  });

  it('a 4-D tensor gets one heatmap per (n, c) slice up to the cap, and says how many more', () => {
    const n = 3;
    const c = 3; // 9 slices of 2 × 2
    const t = Array.from({ length: n }, (_, a) =>
      Array.from({ length: c }, (_, b) => [
        [a, b],
        [b, a],
      ]),
    );
    const [set] = heatmapSets({ kind: 'numeric', expected: t, got: t });
    expect(set.slices).toHaveLength(MAX_SLICES);
    expect(set.more).toBe(9 - MAX_SLICES);
    expect(set.slices[3].label).toBe('[1][0]'); // slice 3 = (n 1, c 0)
    expect(set.slices[3].grids[0].table).toEqual([
      ['1', '0'],
      ['0', '1'],
    ]);
  });

  it('a first difference beyond the cap still gets its slice drawn', () => {
    const zeros = Array.from({ length: 9 }, () => [[0]]); // 9 × 1 × 1
    const got = zeros.map((m, i) => (i === 7 ? [[1]] : m));
    const [set] = heatmapSets({
      kind: 'numeric',
      expected: zeros,
      got,
      first: { key: '', index: 7 },
    });
    expect(set.slices.map((s) => s.label)).toEqual(['[0]', '[1]', '[2]', '[7]']);
    expect(set.slices[3].grids[0].outline).toBeDefined();
  });

  it('objects of tensors (gradients) get one set per key; the first difference is placed in its slice', () => {
    const dx = [
      [
        [
          [0, 0],
          [0, 0],
        ],
        [
          [0, 0],
          [0, 0],
        ],
      ],
    ]; // 1 × 2 × 2 × 2
    const gotDx = [
      [
        [
          [0, 0],
          [0, 0],
        ],
        [
          [0, 0],
          [0, 9],
        ],
      ],
    ];
    const sets = heatmapSets({
      kind: 'numeric',
      expected: { dx, db: [1, 2] },
      got: { dx: gotDx, db: [1, 2] },
      first: { key: 'dx', index: 7 },
    });
    expect(sets.map((s) => s.key)).toEqual(['dx', 'db']);
    const [dxSet, dbSet] = sets;
    expect(dxSet.slices[0].grids[0].outline).toBeUndefined();
    expect(dxSet.slices[1].grids[0].outline).toBeDefined(); // flat 7 = slice 1, cell [1][1]
    expect(dxSet.first).toBe('dx[0][1][1][1]');
    expect(dbSet.slices[0].grids[0].rows).toBe(1); // a vector is one row
    expect(dbSet.slices[0].grids[0].cols).toBe(2);
  });

  it('NaN is drawn grey and named in the cell title', () => {
    const [set] = heatmapSets({
      kind: 'numeric',
      expected: [[1, 1]],
      got: [[1, Number.NaN]],
      first: { key: '', index: 1 },
    });
    const yours = set.slices[0].grids[1].cells[1];
    expect(yours.fill).toBe('#8c8c8c');
    expect(yours.title).toContain('yours NaN');
  });
});
