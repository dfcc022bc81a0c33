import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLAIN_LIMITS,
  toPlainData,
  type PlainResult,
} from '../../grader/sandbox/plain-data.js';

const accepted = (r: PlainResult): unknown => {
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.value;
};
const refused = (r: PlainResult): { reason: string; problem: string } => {
  if (r.ok) throw new Error(`accepted: ${JSON.stringify(r.value)}`);
  return r;
};

/** An array nested n levels deep: nest(1) = [0], nest(2) = [[0]], … */
const nest = (n: number): unknown => (n === 0 ? 0 : [nest(n - 1)]);

describe('toPlainData: accepted', () => {
  it('keeps numbers exactly, NaN, -0 and ±Infinity included', () => {
    expect(Number.isNaN(accepted(toPlainData(NaN)))).toBe(true);
    expect(Object.is(accepted(toPlainData(-0)), -0)).toBe(true);
    expect(accepted(toPlainData([Infinity, -Infinity, 0.1, -3]))).toEqual([
      Infinity,
      -Infinity,
      0.1,
      -3,
    ]);
  });

  it('keeps strings, booleans, null, arrays and plain objects, as fresh copies', () => {
    const input = {
      s: 'x',
      t: true,
      f: false,
      n: null,
      m: [
        [1, 2],
        [3, 4],
      ],
      o: { deep: { er: ['a'] } },
    };
    const out = accepted(toPlainData(input)) as typeof input;
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
    expect(out.m).not.toBe(input.m);
    expect(out.o.deep).not.toBe(input.o.deep);
  });

  it('turns undefined into null and typed arrays into plain arrays', () => {
    expect(accepted(toPlainData(undefined))).toBeNull();
    expect(accepted(toPlainData({ a: undefined, b: [undefined] }))).toEqual({ a: null, b: [null] });
    const out = accepted(toPlainData(new Float64Array([1.5, NaN, -0])));
    expect(Array.isArray(out)).toBe(true);
    expect(out).toEqual([1.5, NaN, -0]);
    expect(Object.is((out as number[])[2], -0)).toBe(true);
  });

  it('accepts an object without a prototype and gives back an ordinary one', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    const out = accepted(toPlainData(bare)) as object;
    expect(out).toEqual({ a: 1 });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it('accepts the same object reached twice (shared, not a cycle)', () => {
    const shared = [1, 2];
    expect(accepted(toPlainData({ a: shared, b: shared, c: [shared] }))).toEqual({
      a: [1, 2],
      b: [1, 2],
      c: [[1, 2]],
    });
  });
});

describe('toPlainData: refused', () => {
  it('refuses functions, symbols and bigints, naming where they are', () => {
    for (const bad of [() => 1, Symbol('s'), 10n]) {
      const r = refused(toPlainData({ out: [0, bad] }));
      expect(r.problem).toBe('a value that is not plain data');
      expect(r.reason).toContain('the returned value.out[1]');
      expect(r.reason).toContain(typeof bad);
    }
  });

  it('refuses a cycle', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expect(refused(toPlainData(a)).problem).toBe('a cycle');
    const arr: unknown[] = [1];
    arr.push([arr]);
    expect(refused(toPlainData(arr)).problem).toBe('a cycle');
  });

  it('refuses class instances, Maps, Sets and Dates, naming the class', () => {
    class Tensor {
      data = [1];
    }
    for (const [bad, name] of [
      [new Tensor(), 'Tensor'],
      [new Map(), 'Map'],
      [new Set(), 'Set'],
      [new Date(0), 'Date'],
    ] as const) {
      const r = refused(toPlainData({ v: bad }));
      expect(r.problem).toBe('an object of a class');
      expect(r.reason).toContain(name);
    }
  });

  it('refuses an object whose getter throws, as unreadable, without throwing itself', () => {
    const trap = Object.defineProperty({}, 'x', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    const r = refused(toPlainData(trap));
    expect(r.problem).toBe('a value that is not plain data');
    expect(r.reason).toContain('could not be read');
  });

  it('reads a getter once, as data, and keeps no accessor', () => {
    let reads = 0;
    const withGetter = Object.defineProperty({}, 'x', { enumerable: true, get: () => ++reads * 5 });
    const out = accepted(toPlainData(withGetter)) as { x: number };
    expect(reads).toBe(1);
    expect(Object.getOwnPropertyDescriptor(out, 'x')).toMatchObject({ value: 5, writable: true });
  });
});

describe('toPlainData: limits', () => {
  it('allows nesting of exactly maxDepth containers and refuses one more', () => {
    // depth counts containers: nest(3) = [[[0]]] holds three arrays
    const limits = { maxDepth: 3, maxNodes: 100 };
    expect(accepted(toPlainData(nest(3), limits))).toEqual([[[0]]]);
    expect(refused(toPlainData(nest(4), limits)).problem).toBe('nesting too deep');
  });

  it('has a default depth of 64', () => {
    expect(DEFAULT_PLAIN_LIMITS.maxDepth).toBe(64);
    expect(toPlainData(nest(64)).ok).toBe(true);
    expect(refused(toPlainData(nest(65))).problem).toBe('nesting too deep');
  });

  it('allows exactly maxNodes parts and refuses one more', () => {
    // [1, 2, 3] is 4 parts: the array and its three numbers
    expect(accepted(toPlainData([1, 2, 3], { maxDepth: 10, maxNodes: 4 }))).toEqual([1, 2, 3]);
    const r = refused(toPlainData([1, 2, 3, 4], { maxDepth: 10, maxNodes: 4 }));
    expect(r.problem).toBe('too many parts');
    expect(r.reason).toContain('4');
  });

  it('counts every part of shared objects (no blow-up through aliasing)', () => {
    // each level refers twice to the level below: 2^20 leaves from 21 small arrays
    let v: unknown = 0;
    for (let i = 0; i < 20; i++) v = [v, v];
    expect(refused(toPlainData(v, { maxDepth: 64, maxNodes: 10_000 })).problem).toBe(
      'too many parts',
    );
  });
});

describe('toPlainData: __proto__ and prototype pollution', () => {
  it('keeps an own "__proto__" key as data and changes no prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<
      string,
      unknown
    >;
    const out = accepted(toPlainData(input)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: true });
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('keeps "constructor" and "prototype" keys as plain data too', () => {
    const input = JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}') as Record<
      string,
      unknown
    >;
    const out = accepted(toPlainData(input)) as Record<string, unknown>;
    expect(out).toEqual({ constructor: { prototype: { polluted: 1 } } });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
