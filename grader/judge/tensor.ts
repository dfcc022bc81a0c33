/** Shape helpers for nested number arrays (matrices, NCHW tensors), used by the numeric judges. */

export type Shape = number[];

/** The shape of a rectangular nested array, or a string that says where it is ragged or not numeric. */
export function shapeOf(value: unknown, path = ''): Shape | string {
  if (typeof value === 'number') return [];
  if (!Array.isArray(value))
    return `${path || 'value'} is ${describeType(value)}, not a number or an array`;
  if (value.length === 0) return [0];
  const inner = shapeOf(value[0], `${path}[0]`);
  if (typeof inner === 'string') return inner;
  for (let i = 1; i < value.length; i++) {
    const s = shapeOf(value[i], `${path}[${i}]`);
    if (typeof s === 'string') return s;
    if (!sameShape(s, inner))
      return `ragged array: ${path}[${i}] has shape ${formatShape(s)} but ${path}[0] has ${formatShape(inner)}`;
  }
  return [value.length, ...inner];
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export const formatShape = (s: Shape): string => (s.length === 0 ? 'scalar' : s.join(' × '));

/** Row-major flattening; callers check the shape first. */
export function flatten(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else out.push(v as number);
  };
  walk(value);
  return out;
}

/** The multi-index of a flat row-major position, printed as [i][j]…. */
export function formatIndex(flat: number, shape: Shape): string {
  if (shape.length === 0) return '';
  const idx: number[] = new Array(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return idx.map((i) => `[${i}]`).join('');
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** Short text for a number that keeps NaN, -0 and Infinity visible. */
export function formatNumber(x: number): string {
  if (Object.is(x, -0)) return '-0';
  if (Number.isInteger(x)) return String(x);
  return Number.isFinite(x) ? String(Number(x.toPrecision(6))) : String(x);
}
