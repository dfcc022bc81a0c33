/**
 * JSON for bundles: keys sorted (so a re-release is byte-identical) and non-finite numbers kept
 * (plain JSON would turn an expected NaN or Infinity into null and change what is judged).
 */

const NON_FINITE = '$number';

function encode(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { [NON_FINITE]: String(value) };
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .filter((k) => obj[k] !== undefined)
        .map((k) => [k, encode(obj[k])]),
    );
  }
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1 && keys[0] === NON_FINITE && typeof obj[NON_FINITE] === 'string')
      return Number(obj[NON_FINITE]);
    return Object.fromEntries(keys.map((k) => [k, decode(obj[k])]));
  }
  return value;
}

/** Sorted keys, two-space indent, trailing newline. */
export const stableJson = (value: unknown): string => JSON.stringify(encode(value), null, 2) + '\n';

export const parseStableJson = (text: string): unknown => decode(JSON.parse(text));
