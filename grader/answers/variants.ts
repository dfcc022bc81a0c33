/**
 * Per-student variants of an exercise (e.g. n and k of conv-gradients). Public and deterministic:
 * each parameter is drawn from sha256(`${assignment}\0${student}\0${param}`), so any machine, the
 * student's included, computes the same variant, and parameters do not depend on each other.
 */
import { createHash } from 'node:crypto';

export type VariantParam = { min: number; max: number } | { choices: (number | string)[] };

export function variantFor(
  assignment: string,
  student: string,
  params: Record<string, VariantParam>,
): Record<string, number | string> {
  const variant: Record<string, number | string> = {};
  for (const name of Object.keys(params).sort()) {
    const param = params[name];
    const draw = hashToInteger(`${assignment}\0${student}\0${name}`);
    if ('choices' in param) {
      if (param.choices.length === 0)
        throw new RangeError(`variant parameter "${name}" has no choices`);
      variant[name] = param.choices[Number(draw % BigInt(param.choices.length))];
    } else {
      const { min, max } = param;
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
        throw new RangeError(
          `variant parameter "${name}" needs integers min <= max, got min=${min}, max=${max}`,
        );
      }
      const span = BigInt(max - min + 1);
      variant[name] = min + Number(draw % span);
    }
  }
  return variant;
}

/** The first 8 bytes of the digest as an unsigned integer; modulo bias is < span / 2^64, negligible. */
function hashToInteger(text: string): bigint {
  return createHash('sha256').update(text, 'utf8').digest().readBigUInt64BE(0);
}
