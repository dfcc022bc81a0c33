import { GeneratorError, type Generator, type GeneratorContext } from 'seedgrade';

/**
 * Whole cases for conv-backward, so that every tensor of a case has a consistent shape (dout has
 * the forward output's shape). Pick one field with `{ gen: part, of: <let name>, key: x }`.
 *
 * Values are multiples of 1/8 (1/16 for pooling): sums of their products are exact in doubles, so
 * the gradcheck judge (run with h = 2⁻¹⁰, also exact) sees no rounding noise, even where a gradient
 * is tiny or cancels to 0. ReLU inputs stay ≥ 1/8 from 0 and pool values are distinct within each
 * plane (hence within each window), far from the kinks compared with h.
 */

type Tensor4 = number[][][][];

/** A size parameter: a number, a let name, or a [min, max] range of those. */
function size(ctx: GeneratorContext, value: unknown, param: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new GeneratorError(`parameter "${param}" is required`);
    return fallback;
  }
  if (Array.isArray(value)) {
    if (value.length !== 2)
      throw new GeneratorError(`parameter "${param}" must be a number or a [min, max] pair`);
    return ctx.rng.int(ctx.num(value[0], `${param}[0]`), ctx.num(value[1], `${param}[1]`));
  }
  return ctx.num(value, param);
}

/** A multiple of `step` in [lo, hi]; `nonzero` redraws 0. */
function grid(
  ctx: GeneratorContext,
  lo: number,
  hi: number,
  step: number,
  nonzero = false,
): number {
  for (;;) {
    const v = ctx.rng.int(Math.ceil(lo / step), Math.floor(hi / step)) * step;
    if (!nonzero || v !== 0) return v;
  }
}

function tensor4(dims: number[], fill: () => number): Tensor4 {
  return Array.from({ length: dims[0] }, () =>
    Array.from({ length: dims[1] }, () =>
      Array.from({ length: dims[2] }, () => Array.from({ length: dims[3] }, fill)),
    ),
  );
}

/** The lecture's output side (not exported: every function export becomes a generator): floor((n + 2p − k) / s) + 1. */
const outputSide = (n: number, k: number, pad: number, stride: number): number =>
  Math.floor((n + 2 * pad - k) / stride) + 1;

/** True when the last window stops short of the (padded) edge: the stride does not divide evenly. */
const uneven = (n: number, k: number, pad: number, stride: number): boolean =>
  (n + 2 * pad - k) % stride !== 0;

const MAX_TRIES = 1000;

/** Redraws `draw` until `ok` holds (deterministic: the case's own stream). */
function until<T>(draw: () => T, ok: (t: T) => boolean, what: string): T {
  for (let i = 0; i < MAX_TRIES; i++) {
    const t = draw();
    if (ok(t)) return t;
  }
  throw new GeneratorError(`no ${what} found in ${MAX_TRIES} draws: widen the size ranges`);
}

interface ConvDims {
  n: number;
  c: number;
  f: number;
  h: number;
  w: number;
  kh: number;
  kw: number;
  stride: number;
  pad: number;
}

/**
 * Multiply-adds gradcheck spends on a case: two forward passes per element of x, w and b. It is
 * ~10⁷ for the largest shapes the spec allows (≈ 200 ms on a busy 2-core machine); `maxWork`
 * keeps a case under a budget (2·10⁶ ≈ 40 ms) at the cost of redrawing a few rare big shapes.
 */
function gradcheckWork(d: ConvDims): number {
  const outputs =
    d.n * d.f * outputSide(d.h, d.kh, d.pad, d.stride) * outputSide(d.w, d.kw, d.pad, d.stride);
  return 2 * (d.n * d.c * d.h * d.w + d.f * d.c * d.kh * d.kw + d.f) * outputs * d.c * d.kh * d.kw;
}

function drawConvDims(p: Record<string, unknown>, ctx: GeneratorContext): ConvDims {
  const h = size(ctx, p.h, 'h');
  const kh = size(ctx, p.kh, 'kh');
  return {
    n: size(ctx, p.n, 'n', 1),
    c: size(ctx, p.c, 'c', 1),
    f: size(ctx, p.f, 'f', 1),
    h,
    w: size(ctx, p.w, 'w', h),
    kh,
    kw: size(ctx, p.kw, 'kw', kh),
    stride: size(ctx, p.stride, 'stride', 1),
    pad: size(ctx, p.pad, 'pad', 0),
  };
}

/**
 * A convolution case { x, w, b, dout, params }. Parameters (number, let name or [min, max]):
 * n, c, f, h, w (default h), kh, kw (default kh), stride, pad; `uneven: true` demands a stride
 * that leaves a remainder along both axes; `maxWork` bounds gradcheckWork.
 */
export const convCase: Generator = (p, ctx) => {
  const maxWork = p.maxWork === undefined ? Infinity : ctx.num(p.maxWork, 'maxWork');
  const dims = until(
    () => drawConvDims(p, ctx),
    (d) =>
      d.kh <= d.h + 2 * d.pad &&
      d.kw <= d.w + 2 * d.pad &&
      gradcheckWork(d) <= maxWork &&
      (p.uneven !== true ||
        (uneven(d.h, d.kh, d.pad, d.stride) && uneven(d.w, d.kw, d.pad, d.stride))),
    'convolution shape (kernel no larger than the padded input, within maxWork)',
  );
  const ho = outputSide(dims.h, dims.kh, dims.pad, dims.stride);
  const wo = outputSide(dims.w, dims.kw, dims.pad, dims.stride);
  return {
    x: tensor4([dims.n, dims.c, dims.h, dims.w], () => grid(ctx, -2, 2, 1 / 8)),
    w: tensor4([dims.f, dims.c, dims.kh, dims.kw], () => grid(ctx, -1, 1, 1 / 8)),
    b: Array.from({ length: dims.f }, () => grid(ctx, -1, 1, 1 / 8)),
    dout: tensor4([dims.n, dims.f, ho, wo], () => grid(ctx, -2, 2, 1 / 8)),
    params: { stride: dims.stride, pad: dims.pad },
  };
};

/** `count` distinct multiples of 1/16 from [-4, 4], in random order (a partial Fisher–Yates). */
function distinctValues(ctx: GeneratorContext, count: number): number[] {
  const pool = Array.from({ length: 129 }, (_, i) => (i - 64) / 16);
  if (count > pool.length)
    throw new GeneratorError(
      `a pool plane of ${count} values is too large (at most ${pool.length})`,
    );
  for (let i = 0; i < count; i++) {
    const j = ctx.rng.int(i, pool.length - 1);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

/**
 * A max-pool case { x, dout, params }: every plane of x holds distinct values, so no window has a
 * tie. Parameters: n, c, h, w (default h), size, stride (default size); `uneven: true` as above.
 */
export const poolCase: Generator = (p, ctx) => {
  const d = until(
    () => {
      const h = size(ctx, p.h, 'h');
      const k = size(ctx, p.size, 'size');
      return {
        n: size(ctx, p.n, 'n', 1),
        c: size(ctx, p.c, 'c', 1),
        h,
        w: size(ctx, p.w, 'w', h),
        size: k,
        stride: size(ctx, p.stride, 'stride', k),
      };
    },
    (d) =>
      d.size <= d.h &&
      d.size <= d.w &&
      (p.uneven !== true || (uneven(d.h, d.size, 0, d.stride) && uneven(d.w, d.size, 0, d.stride))),
    'pooling shape (window no larger than the input)',
  );
  const x = Array.from({ length: d.n }, () =>
    Array.from({ length: d.c }, () => {
      const values = distinctValues(ctx, d.h * d.w);
      return Array.from({ length: d.h }, (_, r) => values.slice(r * d.w, (r + 1) * d.w));
    }),
  );
  const ho = outputSide(d.h, d.size, 0, d.stride);
  const wo = outputSide(d.w, d.size, 0, d.stride);
  return {
    x,
    dout: tensor4([d.n, d.c, ho, wo], () => grid(ctx, -2, 2, 1 / 8, true)),
    params: { size: d.size, stride: d.stride },
  };
};

/** A ReLU case { x, dout }: |x| ≥ 1/8 everywhere, both signs, dout never 0. Parameters: n, c, h, w. */
export const reluCase: Generator = (p, ctx) => {
  const h = size(ctx, p.h, 'h');
  const dims = [size(ctx, p.n, 'n', 1), size(ctx, p.c, 'c', 1), h, size(ctx, p.w, 'w', h)];
  return {
    x: tensor4(dims, () => (ctx.rng.next() < 0.5 ? -1 : 1) * grid(ctx, 1 / 8, 2, 1 / 8)),
    dout: tensor4(dims, () => grid(ctx, -2, 2, 1 / 8, true)),
  };
};

/** One field of a case bound in let: `{ gen: part, of: conv, key: dout }`. */
export const part: Generator = (p, ctx) => {
  const name = String(p.of);
  const whole = ctx.bound[name];
  if (typeof whole !== 'object' || whole === null)
    throw new GeneratorError(`part: "${name}" is not a case bound in let`);
  const key = String(p.key);
  if (!(key in whole))
    throw new GeneratorError(
      `part: the case "${name}" has no field "${key}" (fields: ${Object.keys(whole).join(', ')})`,
    );
  return structuredClone((whole as Record<string, unknown>)[key]);
};
