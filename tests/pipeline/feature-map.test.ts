import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandGroup, type Case } from '../../grader/cases/expand.js';
import { reportJson, withoutTiming } from '../../grader/report/build.js';
import type { Report } from '../../grader/report/schema.js';
import { byName, grade, loaded } from '../helpers/grade.js';
import { REPO } from '../helpers/project.js';

const CLASS = join(REPO, 'examples', 'feature-map-class');
const SECRET = 'pipeline-test';

/** Every case the grader runs for this student, by test name (inputs only; no expected values). */
async function casesFor(student: string): Promise<Map<string, Case>> {
  const { assignment } = await loaded('feature-map');
  const out = new Map<string, Case>();
  for (const ex of assignment.spec.exercises)
    if (ex.kind === 'function')
      for (const g of ex.groups)
        for (const c of expandGroup(assignment, ex, g, { secret: SECRET, student }))
          out.set(c.name, c);
  return out;
}

const notPassed = (r: Report): string[] =>
  r.tests
    .filter((t) => t.status !== 'passed')
    .map((t) => t.name)
    .sort();

// Independent helpers, written from the definitions (not from the code under test).
function correlate(image: number[][], kernel: number[][], pad = 0, stride = 1): number[][] {
  const at = (r: number, c: number) =>
    r >= 0 && c >= 0 && r < image.length && c < image[0].length ? image[r][c] : 0;
  const out: number[][] = [];
  for (let r = -pad; r + kernel.length <= image.length + pad; r += stride) {
    const row: number[] = [];
    for (let c = -pad; c + kernel[0].length <= image[0].length + pad; c += stride) {
      row.push(
        kernel.reduce((s, kr, i) => s + kr.reduce((t, k, j) => t + k * at(r + i, c + j), 0), 0),
      );
    }
    out.push(row);
  }
  return out;
}
const symmetric = (m: number[][]) =>
  m.length === m[0]?.length &&
  m.every((row, i) => row.every((v, j) => Math.abs(v - m[j][i]) < 1e-9));
/** Windows in ceil mode: keep adding windows until one reaches the end, each starting inside. */
function ceilWindows(n: number, size: number, stride: number): number {
  let count = 1;
  for (let t = 0; t + size < n && t + stride < n; t += stride) count++;
  return count;
}
const floorWindows = (n: number, size: number, stride: number) =>
  Math.floor((n - size) / stride) + 1;

describe('feature-map, graded end to end', () => {
  it('the reference solution earns full marks, visible and hidden', async () => {
    const report = await grade(
      'feature-map',
      join(REPO, 'solutions', 'feature-map'),
      'ref',
      SECRET,
    );
    expect(report.tests.every((t) => t.status === 'passed')).toBe(true);
    expect(report.score).toBe(report.max_score);
    expect(report.max_score).toBe(14);
    expect(report.tests.some((t) => t.visibility === 'hidden')).toBe(true);
  });

  it('an independent correct submission earns full marks too', async () => {
    const report = await grade('feature-map', join(CLASS, 'alice'), 'alice', SECRET);
    expect(notPassed(report)).toEqual([]);
  });

  it('sum instead of mean, and floor instead of ceil, fail exactly the cases they should', async () => {
    const cases = await casesFor('bob');
    const expected: string[] = [];
    for (const [name, c] of cases) {
      if (c.exercise === 'featureMap') {
        const [image, kernel] = c.args as number[][][];
        const taps = kernel.length * kernel[0].length;
        const sums = correlate(image, kernel).flat();
        if (taps > 1 && sums.some((s) => Math.abs(s - s / taps) > 0.01)) expected.push(name);
      }
      if (c.exercise === 'maxPool') {
        const [image, size, stride = size, opts] = c.args as [
          number[][],
          number,
          number?,
          { ceilMode?: boolean }?,
        ];
        const differs = (n: number) =>
          ceilWindows(n, size, stride) !== floorWindows(n, size, stride);
        if (opts?.ceilMode && (differs(image.length) || differs(image[0].length)))
          expected.push(name);
      }
    }
    const report = await grade('feature-map', join(CLASS, 'bob'), 'bob', SECRET);
    expect(expected.length).toBeGreaterThan(3);
    expect(notPassed(report)).toEqual(expected.sort());
  });

  it('a transposed output fails exactly where the true output is not symmetric', async () => {
    const cases = await casesFor('carol');
    const expected: string[] = [];
    for (const [name, c] of cases) {
      if (c.exercise !== 'conv2d' && c.exercise !== 'featureMap') continue;
      const [image, kernel, opts] = c.args as [
        number[][],
        number[][],
        { padding?: number; stride?: number }?,
      ];
      if (!symmetric(correlate(image, kernel, opts?.padding ?? 0, opts?.stride ?? 1)))
        expected.push(name);
    }
    const report = await grade('feature-map', join(CLASS, 'carol'), 'carol', SECRET);
    expect(notPassed(report)).toEqual(expected.sort());
    // The lecture's X feature map is symmetric, so even a transposed one matches the table.
    expect(byName(report).get('featureMap/lecture-x/x-detector')?.status).toBe('passed');
  });

  it('throwing, looping and export-less submissions get their status while other cases are graded', async () => {
    const cases = await casesFor('x');
    const [dave, erin, frank] = await Promise.all([
      grade('feature-map', join(CLASS, 'dave'), 'x', SECRET),
      grade('feature-map', join(CLASS, 'erin'), 'x', SECRET),
      grade('feature-map', join(CLASS, 'frank'), 'x', SECRET),
    ]);
    for (const t of dave.tests) {
      const c = cases.get(t.name)!;
      const padded =
        c.exercise === 'conv2d' &&
        ((c.args[2] as { padding?: number } | undefined)?.padding ?? 0) > 0;
      expect(t.status, t.name).toBe(c.exercise === 'relu' || padded ? 'error' : 'passed');
    }
    expect(byName(dave).get('relu/examples/1')?.output).toMatch(
      /relu threw RangeError: relu is not finished/,
    );
    expect(byName(dave).get('conv2d/examples/padding-1')?.output).toMatch(
      /non-Error value: padding not supported/,
    );
    for (const t of erin.tests) {
      const c = cases.get(t.name)!;
      expect(t.status, t.name).toBe(
        c.exercise === 'outputSize' && (c.args[3] as number) > 1 ? 'timeout' : 'passed',
      );
    }
    for (const t of frank.tests) {
      const c = cases.get(t.name)!;
      expect(t.status, t.name).toBe(
        c.exercise === 'relu' || c.exercise === 'maxPool' ? 'error' : 'passed',
      );
      if (t.status === 'error')
        expect(t.output).toMatch(/does not export a function named (relu|maxPool)/);
    }
  });

  it('hidden failures say what kind of failure, but not inputs or expected values; TAs get both', async () => {
    const report = await grade('feature-map', join(CLASS, 'bob'), 'bob', SECRET);
    const hiddenFailures = report.tests.filter(
      (t) => t.visibility === 'hidden' && t.status === 'failed',
    );
    expect(hiddenFailures.length).toBeGreaterThan(0);
    for (const t of hiddenFailures) {
      expect(t.output).toMatch(/^hidden test: (wrong value|wrong shape)/);
      expect(t.output).not.toMatch(/inputs|expected|\d\.\d/);
      expect(t.ta_output).toMatch(/expected/);
      expect(t.ta_output).toMatch(/inputs: \[\[/);
    }
    const visibleFailure = byName(report).get('featureMap/lecture-x/x-detector')!;
    expect(visibleFailure.output).toMatch(
      /wrong value at \[0\]\[0\]: expected 0.77, got 7 \(49 of 49 values differ\)/,
    );
  });

  it('two gradings of one submission give byte-identical JSON (timing aside)', async () => {
    const a = await grade('feature-map', join(CLASS, 'carol'), 'carol', SECRET);
    const b = await grade('feature-map', join(CLASS, 'carol'), 'carol', SECRET);
    expect(reportJson(withoutTiming(a))).toBe(reportJson(withoutTiming(b)));
    expect(a.timing).toBeDefined();
  });
});
