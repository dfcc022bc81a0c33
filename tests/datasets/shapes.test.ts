import { describe, expect, it, vi } from 'vitest';
import { makeShapesDataset, renderShape, type ShapeDrawing } from '../../grader/datasets/shapes.js';

const X = 0,
  O = 1,
  PLUS = 2,
  SQUARE = 3;

describe('makeShapesDataset: documented shape of the data', () => {
  const data = makeShapesDataset({ seed: 'shape-check', count: 400 });

  it('has count images of 12 × 12 numbers in [0, 1], and labels into classNames', () => {
    expect(data.classNames).toEqual(['X', 'O', 'plus', 'square']);
    expect(data.images).toHaveLength(400);
    expect(data.labels).toHaveLength(400);
    const badSides = data.images.filter(
      (im) => im.length !== 12 || im.some((row) => row.length !== 12),
    );
    expect(badSides).toEqual([]);
    const outOfRange = data.images.flat(2).filter((v) => !(Number.isFinite(v) && v >= 0 && v <= 1));
    expect(outOfRange).toEqual([]);
    for (const label of data.labels) expect([0, 1, 2, 3]).toContain(label);
  });

  it('honours the size option', () => {
    const big = makeShapesDataset({ seed: 'size', count: 8, size: 20 });
    expect(big.images.every((im) => im.length === 20 && im.every((row) => row.length === 20))).toBe(
      true,
    );
  });

  it('balances the classes exactly and shuffles their order', () => {
    const counts = [0, 0, 0, 0];
    for (const label of data.labels) counts[label]++;
    expect(counts).toEqual([100, 100, 100, 100]);
    // 400 / 4 = 100 each; a sorted or round-robin order would mean no shuffle.
    expect(data.labels).not.toEqual([...data.labels].sort((a, b) => a - b));
    expect(data.labels).not.toEqual(data.labels.map((_, i) => i % 4));
  });

  it('splits a count that is not a multiple of 4 as evenly as possible (10 → 3, 3, 2, 2)', () => {
    const counts = [0, 0, 0, 0];
    for (const label of makeShapesDataset({ seed: 'odd', count: 10 }).labels) counts[label]++;
    expect(counts).toEqual([3, 3, 2, 2]);
    expect(makeShapesDataset({ seed: 'none', count: 0 }).images).toEqual([]);
  });

  it('shifts the shapes: the centre of the bright pixels moves by several pixels', () => {
    // Centroid of pixels above 0.5 (background is at most 0.15, ink at least 0.6).
    const centroids = data.images.map((image) => {
      let sx = 0,
        n = 0;
      image.forEach((row) =>
        row.forEach((v, x) => {
          if (v > 0.5) {
            sx += x;
            n++;
          }
        }),
      );
      return n > 0 ? sx / n : 5.5;
    });
    expect(Math.max(...centroids) - Math.min(...centroids)).toBeGreaterThan(3);
  });
});

describe('makeShapesDataset: seeding', () => {
  it('gives the identical dataset for the same seed', () => {
    expect(makeShapesDataset({ seed: 'same', count: 40 })).toEqual(
      makeShapesDataset({ seed: 'same', count: 40 }),
    );
  });

  it('gives a different dataset for a different seed', () => {
    const a = makeShapesDataset({ seed: 'one', count: 40 });
    const b = makeShapesDataset({ seed: 'two', count: 40 });
    expect(a.images).not.toEqual(b.images);
  });

  it('never calls Math.random (so only the seed decides)', () => {
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    try {
      expect(makeShapesDataset({ seed: 'pure', count: 20 }).images).toHaveLength(20);
    } finally {
      spy.mockRestore();
    }
  });

  it('makes 2000 images in well under a second of CPU time', () => {
    const before = process.cpuUsage();
    makeShapesDataset({ seed: 'speed', count: 2000 });
    const used = process.cpuUsage(before);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
  });
});

describe('renderShape: the classes differ in structure (noise-free drawings)', () => {
  // Shape centred on pixel (5, 5), radius 4, upright, stroke 1 px wide, ink 1 on background 0.
  const clean = (label: number): number[][] =>
    renderShape({
      label,
      size: 12,
      centerX: 5,
      centerY: 5,
      radiusX: 4,
      radiusY: 4,
      cos: 1,
      sin: 0,
      halfWidth: 0.5,
      background: 0,
      ink: 1,
      noise: 0,
    } satisfies ShapeDrawing);
  const at = (image: number[][], x: number, y: number): number => image[y][x];
  const offsets = [-3, -2, -1, 1, 2, 3];

  it('X: ink on both diagonals through the centre, none on the middle row and column', () => {
    const x = clean(X);
    for (const t of offsets) {
      expect(at(x, 5 + t, 5 + t)).toBeGreaterThan(0.9); // "\" diagonal
      expect(at(x, 5 + t, 5 - t)).toBeGreaterThan(0.9); // "/" diagonal
    }
    // (5 ± 3, 5) is 3 / √2 ≈ 2.1 px from both diagonals: more than half the width + 0.5.
    for (const t of [-3, 3]) {
      expect(at(x, 5 + t, 5)).toBeLessThan(0.1);
      expect(at(x, 5, 5 + t)).toBeLessThan(0.1);
    }
  });

  it('O: ink at distance 4 from the centre, an empty centre', () => {
    const o = clean(O);
    for (const [dx, dy] of [
      [4, 0],
      [-4, 0],
      [0, 4],
      [0, -4],
    ])
      expect(at(o, 5 + dx, 5 + dy)).toBeGreaterThan(0.9);
    for (let dy = -2; dy <= 2; dy++)
      for (let dx = -2; dx <= 2; dx++) {
        if (dx * dx + dy * dy <= 4) expect(at(o, 5 + dx, 5 + dy)).toBeLessThan(0.1); // ≥ 2 px inside the ring
      }
  });

  it('plus: ink on the middle row and column, none on the diagonals', () => {
    const p = clean(PLUS);
    for (const t of offsets) {
      expect(at(p, 5 + t, 5)).toBeGreaterThan(0.9);
      expect(at(p, 5, 5 + t)).toBeGreaterThan(0.9);
    }
    for (const t of [-3, -2, 2, 3]) {
      expect(at(p, 5 + t, 5 + t)).toBeLessThan(0.1);
      expect(at(p, 5 + t, 5 - t)).toBeLessThan(0.1);
    }
  });

  it('long straight strokes: none in X or O, one each way in plus, two each way in square', () => {
    // A line of ≥ 6 inked pixels in one row or column is a straight side: the square's sides
    // are about 6 px long, the plus's bars 8 px; a ring of radius 4 has at most 5 inked pixels
    // per row or column, and an X at most 2 (one per diagonal).
    const longLines = (image: number[][]) => {
      const inked = (v: number) => (v > 0.5 ? 1 : 0);
      const rows = image.filter((row) => row.reduce((n, v) => n + inked(v), 0) >= 6).length;
      const cols = image[0].filter(
        (_, x) => image.reduce((n, row) => n + inked(row[x]), 0) >= 6,
      ).length;
      return [rows, cols];
    };
    expect(longLines(clean(X))).toEqual([0, 0]);
    expect(longLines(clean(O))).toEqual([0, 0]);
    expect(longLines(clean(PLUS))).toEqual([1, 1]);
    expect(longLines(clean(SQUARE))).toEqual([2, 2]);
  });

  it('square: an empty centre (unlike X and plus)', () => {
    const s = clean(SQUARE);
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) expect(at(s, 5 + dx, 5 + dy)).toBeLessThan(0.1);
    expect(at(clean(X), 5, 5)).toBeGreaterThan(0.9);
    expect(at(clean(PLUS), 5, 5)).toBeGreaterThan(0.9);
  });
});
