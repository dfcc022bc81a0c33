import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandGroup, type Case } from '../../grader/cases/expand.js';
import type { Report } from '../../grader/report/schema.js';
import { byName, grade, loaded } from '../helpers/grade.js';
import { makeSubmission, REPO } from '../helpers/project.js';

type T4 = number[][][][];
interface ConvParams {
  stride: number;
  pad: number;
}
interface PoolParams {
  size: number;
  stride: number;
}

const SECRET = 'conv-backward-test';
const shape4 = (t: T4): number[] => [t.length, t[0].length, t[0][0].length, t[0][0][0].length];
const flat = (t: T4): number[] => t.flat(3);
/** The lecture's output side, written out here rather than imported: floor((n + 2p − k) / s) + 1. */
const side = (n: number, k: number, p: number, s: number): number =>
  Math.floor((n + 2 * p - k) / s) + 1;
const isMultipleOf = (v: number, step: number): boolean => Number.isInteger(v / step);

/** Every case the grader runs for this student, by test name. */
async function casesFor(secret: string, student: string): Promise<Map<string, Case>> {
  const { assignment } = await loaded('conv-backward');
  const out = new Map<string, Case>();
  for (const ex of assignment.spec.exercises)
    if (ex.kind === 'function')
      for (const g of ex.groups)
        for (const c of expandGroup(assignment, ex, g, { secret, student })) out.set(c.name, c);
  return out;
}

/** Conv args as (dout?, x, w, b, params), whichever exercise they belong to. */
function convParts(c: Case): { dout?: T4; x: T4; w: T4; b: number[]; params: ConvParams } {
  const a = c.exercise === 'convBackward' ? c.args : [undefined, ...c.args];
  return {
    dout: a[0] as T4 | undefined,
    x: a[1] as T4,
    w: a[2] as T4,
    b: a[3] as number[],
    params: a[4] as ConvParams,
  };
}

describe('conv-backward: generated cases', () => {
  it('have consistent shapes, stay off the kinks, and cover the ranges the spec names', async () => {
    const seen = {
      n: new Set<number>(),
      c: new Set<number>(),
      f: new Set<number>(),
      stride: new Set<number>(),
      pad: new Set<number>(),
      k: new Set<number>(),
    };
    let uneven = 0;
    for (let s = 0; s < 10; s++) {
      for (const c of (await casesFor(`secret-${s}`, 'gen')).values()) {
        if (c.exercise.startsWith('conv')) {
          const { dout, x, w, b, params } = convParts(c);
          const [N, C, H, W] = shape4(x);
          const [F, C2, KH, KW] = shape4(w);
          expect(C2, c.name).toBe(C);
          expect(b.length, c.name).toBe(F);
          const out = [
            N,
            F,
            side(H, KH, params.pad, params.stride),
            side(W, KW, params.pad, params.stride),
          ];
          expect(Math.min(...out), c.name).toBeGreaterThan(0);
          if (dout) expect(shape4(dout), c.name).toEqual(out);
          // Multiples of 1/8 keep every sum of products exact (see generators.ts).
          if (c.group !== 'lecture')
            expect(
              [...flat(x), ...flat(w), ...b].every((v) => isMultipleOf(v, 1 / 8)),
              c.name,
            ).toBe(true);
          if (c.visibility === 'hidden') {
            seen.n.add(N);
            seen.c.add(C);
            seen.f.add(F);
            seen.stride.add(params.stride);
            seen.pad.add(params.pad);
            seen.k.add(KH);
          }
          if (c.group === 'hidden-uneven-stride') {
            expect((H + 2 * params.pad - KH) % params.stride, c.name).not.toBe(0);
            expect((W + 2 * params.pad - KW) % params.stride, c.name).not.toBe(0);
            uneven++;
          }
        } else if (c.exercise.startsWith('maxPool') && c.group !== 'examples') {
          const x = c.args[c.exercise === 'maxPoolBackward' ? 1 : 0] as T4;
          const p = c.args[c.exercise === 'maxPoolBackward' ? 2 : 1] as PoolParams;
          for (const plane of x.flat(1))
            expect(new Set(plane.flat()).size, `${c.name}: distinct values in a plane`).toBe(
              plane.flat().length,
            );
          if (c.exercise === 'maxPoolBackward')
            expect(shape4(c.args[0] as T4)).toEqual([
              x.length,
              x[0].length,
              side(x[0][0].length, p.size, 0, p.stride),
              side(x[0][0][0].length, p.size, 0, p.stride),
            ]);
        } else if (c.exercise === 'reluBackward' && c.group !== 'examples') {
          const [dout, x] = c.args as [T4, T4];
          expect(
            flat(x).every((v) => Math.abs(v) >= 1 / 8),
            `${c.name}: |x| ≥ 1/8`,
          ).toBe(true);
          expect(
            flat(dout).every((v) => v !== 0),
            c.name,
          ).toBe(true);
          expect(shape4(dout)).toEqual(shape4(x));
        }
      }
    }
    expect(uneven).toBeGreaterThan(0);
    expect(seen).toEqual({
      n: new Set([1, 2]),
      c: new Set([1, 2, 3]),
      f: new Set([1, 2, 3]),
      stride: new Set([1, 2, 3]),
      pad: new Set([0, 1, 2]),
      k: new Set([1, 2, 3]),
    });
  });

  it('hidden cases depend on the secret, visible ones do not', async () => {
    const [a, b] = [await casesFor('a', 's'), await casesFor('b', 's')];
    const same = (name: string) =>
      JSON.stringify(a.get(name)!.args) === JSON.stringify(b.get(name)!.args);
    expect(same('convBackward/random/1')).toBe(true);
    expect(same('convBackward/hidden/1') && same('convBackward/hidden/2')).toBe(false);
  });
});

/**
 * A student who pads x, runs the right backward on the padded input and never crops dx; doubles dw;
 * passes every gradient through ReLU.
 */
const BUGGY = `
import * as ref from './layers.js';
export const { convForward, maxPoolForward, maxPoolBackward, reluForward } = ref;
type T4 = number[][][][];
const padded = (x: T4, p: number): T4 =>
  x.map((n) => n.map((plane) => {
    const w = plane[0].length + 2 * p;
    const zero = () => new Array(w).fill(0);
    return [...Array.from({ length: p }, zero), ...plane.map((row) => [...new Array(p).fill(0), ...row, ...new Array(p).fill(0)]), ...Array.from({ length: p }, zero)];
  }));
export function convBackward(dout: T4, x: T4, w: T4, b: number[], params: { stride: number; pad: number }) {
  const g = ref.convBackward(dout, padded(x, params.pad), w, b, { stride: params.stride, pad: 0 });
  return { dx: g.dx, dw: g.dw.map((f) => f.map((c) => c.map((r) => r.map((v) => 2 * v)))), db: g.db };
}
export const reluBackward = (dout: T4, _x: T4): T4 => dout;
`;

const withoutErrorNumbers = (s: string): string => s.replace(/\(relative error [^)]*\)/g, '');

describe('conv-backward: graded end to end', () => {
  it('the reference solution earns full marks, visible and hidden', async () => {
    const report = await grade(
      'conv-backward',
      join(REPO, 'solutions', 'conv-backward'),
      'ref',
      SECRET,
    );
    expect(
      report.tests.filter((t) => t.status !== 'passed').map((t) => `${t.name}: ${t.output}`),
    ).toEqual([]);
    expect(report.score).toBe(report.max_score);
    expect(report.max_score).toBe(15);
    expect(report.tests.filter((t) => t.visibility === 'hidden').length).toBeGreaterThan(20);
  });

  it('a doubled dw, an uncropped dx and a leaky ReLU backward fail exactly where they should', async () => {
    const dir = makeSubmission('conv_backward.ts', BUGGY);
    copyFileSync(
      join(REPO, 'solutions', 'conv-backward', 'conv_backward.ts'),
      join(dir, 'layers.ts'),
    );
    const cases = await casesFor(SECRET, 'bug');
    const report: Report = await grade('conv-backward', dir, 'bug', SECRET);
    const tests = byName(report);
    for (const [name, c] of cases) {
      const t = tests.get(name)!;
      if (c.exercise === 'convBackward') {
        expect(t.status, name).toBe('failed');
        const pad = convParts(c).params.pad;
        // dw is wrong everywhere; dx only has the wrong shape when there is padding to crop.
        expect(t.output, name).toMatch(/\bdw\b/);
        expect(/\bdx\b/.test(t.output), name).toBe(pad > 0);
        expect(t.output, name).not.toMatch(/\bdb\b/);
      } else if (c.exercise === 'reluBackward') {
        const x = flat(c.args[1] as T4);
        expect(t.status, name).toBe(x.some((v) => v < 0) ? 'failed' : 'passed');
      } else {
        expect(t.status, name).toBe('passed');
      }
      if (c.visibility === 'hidden' && t.status === 'failed') {
        expect(t.output, name).toMatch(/^hidden test: /);
        expect(withoutErrorNumbers(t.output), `${name} shows no values or indices`).not.toMatch(
          /\d|inputs|numerical|student value/,
        );
        expect(t.ta_output, name).toMatch(/student value .*, numerical .*\ninputs: /s);
      }
    }
    // A visible gradcheck failure shows the worst index and both values: the student's is twice the numerical one.
    const visible = tests.get('convBackward/random/1')!.output;
    const m = /dw(\[\d+\]){4}: student value (-?[\d.e+-]+), numerical (-?[\d.e+-]+)/.exec(visible);
    expect(m, visible).not.toBeNull();
    expect(Number(m![2])).toBeCloseTo(2 * Number(m![3]), 4);
    const hiddenRelu = report.tests.find(
      (t) => t.exercise === 'reluBackward' && t.visibility === 'hidden' && t.status === 'failed',
    );
    expect(hiddenRelu?.output).toMatch(/gradient: wrong values/);
    const points = (ex: string) =>
      report.tests.filter((t) => t.exercise === ex).reduce((sum, t) => sum + t.score, 0);
    expect(points('convBackward')).toBe(0);
    expect(points('reluBackward')).toBeLessThan(2);
    // Untouched exercises keep their points (3, 2, 2 and 1 in the spec; per-test scores are rounded).
    [
      ['convForward', 3],
      ['maxPoolForward', 2],
      ['maxPoolBackward', 2],
      ['reluForward', 1],
    ].forEach(([ex, p]) => expect(points(ex as string), ex as string).toBeCloseTo(p as number, 3));
  });
});
