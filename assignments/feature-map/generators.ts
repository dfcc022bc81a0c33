import type { Generator } from 'seedgrade';

/** A ±1 image (the lecture's convention: −1 background, +1 stroke). */
export const signImage: Generator = (params, ctx) => {
  const rows = ctx.num(params.rows, 'rows');
  const cols = ctx.num(params.cols ?? params.rows, 'cols');
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => (ctx.rng.next() < 0.5 ? -1 : 1)),
  );
};
