/**
 * Points as shown: six decimals, enough for any sane split (4 points over 7 cases) while hiding
 * the floating-point noise of summing shares. Sums are rounded once, at the end, never per term.
 */
export const roundPoints = (x: number): number => roundTo(x, 6);

/** The one rounding helper: `decimals` places (points, shares, chart coordinates). */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/** Per-test shares keep more digits, so that summing them (gradebook columns) gives back round totals. */
export const roundShare = (x: number): number => roundTo(x, 12);

export const sumPoints = (xs: readonly number[]): number =>
  roundPoints(xs.reduce((s, x) => s + x, 0));

/**
 * Rounds each value to `decimals` so that the rounded values add up to the rounded total exactly
 * (largest remainder): 7 shares of 4/7 become four 0.571429 and three 0.571428, which sum to 4.
 * Works in integer units of 10^-decimals, so the sum is exact in binary too once scaled back.
 */
export function apportion(values: readonly number[], decimals = 6): number[] {
  const unit = 10 ** decimals;
  const target = Math.round(values.reduce((s, x) => s + x, 0) * unit);
  const floors = values.map((v) => Math.floor(v * unit + 1e-6));
  let missing = target - floors.reduce((s, x) => s + x, 0);
  const order = values
    .map((v, i) => ({ i, rest: v * unit - floors[i]! }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  const units = [...floors];
  for (let k = 0; missing !== 0 && order.length > 0; k = (k + 1) % order.length) {
    const step = missing > 0 ? 1 : -1;
    units[order[missing > 0 ? k : order.length - 1 - k]!.i]! += step;
    missing -= step;
  }
  return units.map((u) => u / unit);
}
