/**
 * Values from the child are accepted only as plain data, rebuilt into fresh objects of the
 * parent's own: numbers, strings, booleans, null, arrays (typed arrays become arrays) and objects
 * whose keys are copied as data (a "__proto__" key stays an ordinary own property).
 */
export interface PlainLimits {
  maxDepth: number;
  maxNodes: number;
}

export const DEFAULT_PLAIN_LIMITS: PlainLimits = { maxDepth: 64, maxNodes: 2_000_000 };

/** Why a value was refused, in words that carry nothing the student's code chose (safe for hidden cases). */
export type PlainProblem =
  | 'too many parts'
  | 'a value that is not plain data'
  | 'nesting too deep'
  | 'a cycle'
  | 'an object of a class';

export type PlainResult =
  | { ok: true; value: unknown }
  | { ok: false; reason: string; problem: PlainProblem };

export function toPlainData(
  value: unknown,
  limits: PlainLimits = DEFAULT_PLAIN_LIMITS,
): PlainResult {
  let nodes = 0;
  const seen = new Set<object>();
  const copy = (v: unknown, depth: number, path: string): unknown => {
    if (++nodes > limits.maxNodes)
      throw new PlainError('too many parts', `the value has more than ${limits.maxNodes} parts`);
    if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')
      return v;
    if (v === undefined) return null;
    if (typeof v !== 'object')
      throw new PlainError(
        'a value that is not plain data',
        `${path} is a ${typeof v}; only numbers, strings, booleans, arrays and plain objects can be returned`,
      );
    if (depth >= limits.maxDepth)
      throw new PlainError(
        'nesting too deep',
        `the value is nested deeper than ${limits.maxDepth} levels`,
      );
    if (seen.has(v))
      throw new PlainError('a cycle', `${path} refers back to itself (a cycle); return plain data`);
    seen.add(v);
    try {
      if (ArrayBuffer.isView(v) && !(v instanceof DataView))
        return Array.from(v as unknown as ArrayLike<number>, Number);
      if (Array.isArray(v)) return v.map((x, i) => copy(x, depth + 1, `${path}[${i}]`));
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        throw new PlainError(
          'an object of a class',
          `${path} is a ${(v as object).constructor?.name ?? 'special object'}; return arrays and plain objects`,
        );
      }
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        Object.defineProperty(out, key, {
          value: copy((v as Record<string, unknown>)[key], depth + 1, `${path}.${key}`),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    } finally {
      seen.delete(v);
    }
  };
  try {
    return { ok: true, value: copy(value, 0, 'the returned value') };
  } catch (e) {
    if (e instanceof PlainError) return { ok: false, reason: e.message, problem: e.problem };
    return {
      ok: false,
      reason: `the value could not be read: ${e instanceof Error ? e.message : String(e)}`,
      problem: 'a value that is not plain data',
    };
  }
}

class PlainError extends Error {
  constructor(
    readonly problem: PlainProblem,
    message: string,
  ) {
    super(message);
  }
}
