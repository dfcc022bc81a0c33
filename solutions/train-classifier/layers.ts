/**
 * Forward and backward passes of the layers on one sample, on flat Float64Arrays.
 * Tensors are channel-major: index (c, y, x) is c * h * w + y * w + x.
 */

export interface Shape3 {
  c: number;
  h: number;
  w: number;
}

/** Convolution weights are (outC, inC, k, k); `pad` zeros on each side, stride 1. */
export interface ConvParams {
  inC: number;
  outC: number;
  k: number;
  pad: number;
  w: Float64Array;
  b: Float64Array;
}

export const convOutShape = (p: Pick<ConvParams, 'outC' | 'k' | 'pad'>, s: Shape3): Shape3 => ({
  c: p.outC,
  h: s.h + 2 * p.pad - p.k + 1,
  w: s.w + 2 * p.pad - p.k + 1,
});

/**
 * Loops run tap by tap (filter f, channel c, offset ky, kx) over the output positions whose
 * input falls inside the image: the innermost loop is then branch-free and contiguous.
 */
const first = (pad: number, offset: number): number => Math.max(0, pad - offset);
const end = (pad: number, offset: number, outSide: number, inSide: number): number =>
  Math.min(outSide, inSide + pad - offset);

export function convForward(p: ConvParams, s: Shape3, x: Float64Array, out: Float64Array): void {
  const o = convOutShape(p, s);
  const { k, pad } = p;
  for (let f = 0; f < p.outC; f++) out.fill(p.b[f], f * o.h * o.w, (f + 1) * o.h * o.w);
  for (let f = 0; f < p.outC; f++) {
    for (let c = 0; c < p.inC; c++) {
      for (let ky = 0; ky < k; ky++) {
        const y0 = first(pad, ky),
          y1 = end(pad, ky, o.h, s.h);
        for (let kx = 0; kx < k; kx++) {
          const x0 = first(pad, kx),
            x1 = end(pad, kx, o.w, s.w);
          const weight = p.w[((f * p.inC + c) * k + ky) * k + kx];
          for (let oy = y0; oy < y1; oy++) {
            const outRow = (f * o.h + oy) * o.w;
            const inRow = (c * s.h + oy + ky - pad) * s.w + kx - pad;
            for (let ox = x0; ox < x1; ox++) out[outRow + ox] += weight * x[inRow + ox];
          }
        }
      }
    }
  }
}

/** Adds ∂L/∂W and ∂L/∂b into gw, gb; writes ∂L/∂x into dx unless dx is null (first layer). */
export function convBackward(
  p: ConvParams,
  s: Shape3,
  x: Float64Array,
  dOut: Float64Array,
  gw: Float64Array,
  gb: Float64Array,
  dx: Float64Array | null,
): void {
  const o = convOutShape(p, s);
  const { k, pad } = p;
  if (dx) dx.fill(0);
  for (let f = 0; f < p.outC; f++) {
    for (let i = f * o.h * o.w; i < (f + 1) * o.h * o.w; i++) gb[f] += dOut[i];
    for (let c = 0; c < p.inC; c++) {
      for (let ky = 0; ky < k; ky++) {
        const y0 = first(pad, ky),
          y1 = end(pad, ky, o.h, s.h);
        for (let kx = 0; kx < k; kx++) {
          const x0 = first(pad, kx),
            x1 = end(pad, kx, o.w, s.w);
          const w = ((f * p.inC + c) * k + ky) * k + kx;
          const weight = p.w[w];
          let sum = 0;
          for (let oy = y0; oy < y1; oy++) {
            const outRow = (f * o.h + oy) * o.w;
            const inRow = (c * s.h + oy + ky - pad) * s.w + kx - pad;
            for (let ox = x0; ox < x1; ox++) sum += dOut[outRow + ox] * x[inRow + ox];
            if (dx) for (let ox = x0; ox < x1; ox++) dx[inRow + ox] += dOut[outRow + ox] * weight;
          }
          gw[w] += sum;
        }
      }
    }
  }
}

export function reluForward(x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) out[i] = x[i] > 0 ? x[i] : 0;
}

/** Uses the ReLU's output: the gradient passes where the output is positive. */
export function reluBackward(out: Float64Array, dOut: Float64Array, dx: Float64Array): void {
  for (let i = 0; i < out.length; i++) dx[i] = out[i] > 0 ? dOut[i] : 0;
}

export const poolOutShape = (s: Shape3): Shape3 => ({
  c: s.c,
  h: Math.floor(s.h / 2),
  w: Math.floor(s.w / 2),
});

/** 2 × 2 max pooling, stride 2; `argmax` records which input won, for the backward pass. */
export function poolForward(
  s: Shape3,
  x: Float64Array,
  out: Float64Array,
  argmax: Int32Array,
): void {
  const o = poolOutShape(s);
  for (let c = 0; c < s.c; c++) {
    for (let oy = 0; oy < o.h; oy++) {
      for (let ox = 0; ox < o.w; ox++) {
        let best = -Infinity;
        let bestIndex = 0;
        for (let dy = 0; dy < 2; dy++) {
          for (let dx = 0; dx < 2; dx++) {
            const i = (c * s.h + 2 * oy + dy) * s.w + 2 * ox + dx;
            if (x[i] > best) {
              best = x[i];
              bestIndex = i;
            }
          }
        }
        const j = (c * o.h + oy) * o.w + ox;
        out[j] = best;
        argmax[j] = bestIndex;
      }
    }
  }
}

export function poolBackward(argmax: Int32Array, dOut: Float64Array, dx: Float64Array): void {
  dx.fill(0);
  for (let j = 0; j < dOut.length; j++) dx[argmax[j]] += dOut[j];
}

/** Dense weights are (outSize, inSize). */
export interface DenseParams {
  inSize: number;
  outSize: number;
  w: Float64Array;
  b: Float64Array;
}

export function denseForward(p: DenseParams, x: Float64Array, out: Float64Array): void {
  for (let o = 0; o < p.outSize; o++) {
    let sum = p.b[o];
    const base = o * p.inSize;
    for (let i = 0; i < p.inSize; i++) sum += p.w[base + i] * x[i];
    out[o] = sum;
  }
}

export function denseBackward(
  p: DenseParams,
  x: Float64Array,
  dOut: Float64Array,
  gw: Float64Array,
  gb: Float64Array,
  dx: Float64Array,
): void {
  dx.fill(0);
  for (let o = 0; o < p.outSize; o++) {
    const g = dOut[o];
    gb[o] += g;
    const base = o * p.inSize;
    for (let i = 0; i < p.inSize; i++) {
      gw[base + i] += g * x[i];
      dx[i] += g * p.w[base + i];
    }
  }
}

/** Softmax cross-entropy: writes ∂L/∂logits into dLogits and returns the loss. */
export function softmaxCrossEntropy(
  logits: Float64Array,
  label: number,
  dLogits: Float64Array,
): number {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    dLogits[i] = Math.exp(logits[i] - max);
    total += dLogits[i];
  }
  for (let i = 0; i < logits.length; i++) dLogits[i] = dLogits[i] / total - (i === label ? 1 : 0);
  return Math.log(total) - (logits[label] - max);
}
