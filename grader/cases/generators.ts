import type { Rng } from './seed.js';
import type { GeneratorCall } from '../spec/schema.js';
import { GeneratorError, type Generator, type GeneratorContext } from '../spec/generator-api.js';

export { GeneratorError, type Generator, type GeneratorContext };

const DEFAULT_VALUES: GeneratorCall = { gen: 'float', min: -1, max: 1 };

const roundTo = (x: number, decimals: unknown): number => {
  if (typeof decimals !== 'number') return x;
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

/** A whole-number parameter (a literal or a bound name). */
function integer(c: GeneratorContext, value: unknown, param: string): number {
  const n = c.num(value, param);
  if (!Number.isInteger(n))
    throw new GeneratorError(`parameter "${param}" must be a whole number, got ${n}`);
  return n;
}

/** A size: a whole number ≥ 0. */
function size(c: GeneratorContext, value: unknown, param: string): number {
  const n = integer(c, value, param);
  if (n < 0) throw new GeneratorError(`parameter "${param}" is a size and must be ≥ 0, got ${n}`);
  return n;
}

function matrixOf(rows: number, cols: number, fill: () => unknown): unknown[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, fill));
}

function tensorOf(shape: number[], fill: () => unknown): unknown {
  if (shape.length === 0) return fill();
  return Array.from({ length: shape[0] }, () => tensorOf(shape.slice(1), fill));
}

/** Built-in generators. An assignment adds its own as exports of assignments/<id>/generators.ts. */
export const builtinGenerators: Record<string, Generator> = {
  int: (p, c) => {
    const [min, max] = [integer(c, p.min, 'min'), integer(c, p.max, 'max')];
    if (min > max)
      throw new GeneratorError(`int needs "min" ≤ "max", got min ${min} and max ${max}`);
    return c.rng.int(min, max);
  },
  float: (p, c) =>
    roundTo(c.rng.float(c.num(p.min ?? 0, 'min'), c.num(p.max ?? 1, 'max')), p.decimals),
  choice: (p, c) => {
    if (!Array.isArray(p.values) || p.values.length === 0)
      throw new GeneratorError('choice needs a non-empty "values" list');
    return structuredClone(p.values[c.rng.int(0, p.values.length - 1)]);
  },
  const: (p) => structuredClone(p.value),
  /** A value bound in let, or with `key`, one property of it (a generator that returns a whole case). */
  ref: (p, c) => {
    const name = String(p.name);
    if (!(name in c.bound)) throw new GeneratorError(`"${name}" is not bound in let`);
    const value = c.bound[name];
    if (p.key === undefined) return structuredClone(value);
    if (typeof value !== 'object' || value === null || !(String(p.key) in value))
      throw new GeneratorError(`"${name}" has no key "${String(p.key)}"`);
    return structuredClone((value as Record<string, unknown>)[String(p.key)]);
  },
  object: (p, c) => {
    if (typeof p.fields !== 'object' || p.fields === null)
      throw new GeneratorError('object needs "fields": a map of generator calls');
    return Object.fromEntries(
      Object.entries(p.fields as Record<string, GeneratorCall>).map(([k, call]) => [
        k,
        c.draw(call),
      ]),
    );
  },
  matrix: (p, c) => {
    const values = (p.values as GeneratorCall | undefined) ?? DEFAULT_VALUES;
    return matrixOf(size(c, p.rows, 'rows'), size(c, p.cols ?? p.rows, 'cols'), () =>
      c.draw(values),
    );
  },
  tensor: (p, c) => {
    if (!Array.isArray(p.shape))
      throw new GeneratorError('tensor needs "shape": a list of sizes or let names');
    const values = (p.values as GeneratorCall | undefined) ?? DEFAULT_VALUES;
    return tensorOf(
      p.shape.map((d, i) => size(c, d, `shape[${i}]`)),
      () => c.draw(values),
    );
  },
};

/** A generator that threw while drawing a case: which generator (the innermost), and why. */
export class DrawError extends Error {
  constructor(
    readonly generator: string,
    readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'DrawError';
  }
}

/** Draws one value; number parameters may name values bound earlier in `let`. */
export function drawValue(
  call: GeneratorCall,
  rng: Rng,
  bound: Record<string, unknown>,
  registry: Record<string, Generator>,
): unknown {
  const gen = registry[call.gen];
  if (!gen) throw new DrawError(call.gen, new GeneratorError(`unknown generator "${call.gen}"`));
  const ctx: GeneratorContext = {
    rng,
    bound,
    num(value, param) {
      const v = typeof value === 'string' ? bound[value] : value;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new GeneratorError(
          `parameter "${param}" of ${call.gen} must be a number or the name of a bound number, got ${JSON.stringify(value)}`,
        );
      }
      return v;
    },
    draw: (inner) => drawValue(inner, rng, bound, registry),
  };
  const { gen: _name, ...params } = call;
  try {
    return gen(params, ctx);
  } catch (e) {
    throw e instanceof DrawError ? e : new DrawError(call.gen, e);
  }
}
