/**
 * Reference solution of `conv-backward`: convolution, max pooling and ReLU, forward and backward,
 * on nested arrays in NCHW order. Plain loops, no imports: it is bundled and run like student code.
 */

export type Tensor4 = number[][][][];
export interface ConvParams {
  stride: number;
  pad: number;
}
export interface PoolParams {
  size: number;
  stride: number;
}

/** Output side for input n, kernel k, padding p, stride s (the lecture's formula; the remainder is dropped). */
function outSide(n: number, k: number, pad: number, stride: number): number {
  return Math.max(0, Math.floor((n + 2 * pad - k) / stride) + 1);
}

function zeros4(a: number, b: number, c: number, d: number): Tensor4 {
  return Array.from({ length: a }, () =>
    Array.from({ length: b }, () => Array.from({ length: c }, () => new Array<number>(d).fill(0))),
  );
}

function dims(t: Tensor4): [number, number, number, number] {
  const n = t.length;
  const c = n > 0 ? t[0].length : 0;
  const h = c > 0 ? t[0][0].length : 0;
  const w = h > 0 ? t[0][0][0].length : 0;
  return [n, c, h, w];
}

/**
 * Cross-correlation with zero padding: out[n][f][i][j] = b[f] + Σ_c,kh,kw
 * w[f][c][kh][kw]·xpad[n][c][i·s+kh][j·s+kw].
 */
export function convForward(x: Tensor4, w: Tensor4, b: number[], params: ConvParams): Tensor4 {
  const [N, C, H, W] = dims(x);
  const [F, , HH, WW] = dims(w);
  const { stride, pad } = params;
  const Ho = outSide(H, HH, pad, stride);
  const Wo = outSide(W, WW, pad, stride);
  const out = zeros4(N, F, Ho, Wo);
  for (let n = 0; n < N; n++)
    for (let f = 0; f < F; f++)
      for (let i = 0; i < Ho; i++)
        for (let j = 0; j < Wo; j++) {
          let sum = b[f];
          for (let c = 0; c < C; c++)
            for (let kh = 0; kh < HH; kh++) {
              const r = i * stride + kh - pad; // row in the unpadded input
              if (r < 0 || r >= H) continue; // padding is zero
              for (let kw = 0; kw < WW; kw++) {
                const q = j * stride + kw - pad;
                if (q >= 0 && q < W) sum += w[f][c][kh][kw] * x[n][c][r][q];
              }
            }
          out[n][f][i][j] = sum;
        }
  return out;
}

/**
 * Gradients of the convolution. Each output position spreads dout back along the same taps the
 * forward pass read; taps that fell on padding have no input to receive them, so dx comes out
 * with x's (unpadded) shape directly.
 */
export function convBackward(
  dout: Tensor4,
  x: Tensor4,
  w: Tensor4,
  b: number[],
  params: ConvParams,
): { dx: Tensor4; dw: Tensor4; db: number[] } {
  const [N, C, H, W] = dims(x);
  const [F, , HH, WW] = dims(w);
  const { stride, pad } = params;
  const Ho = outSide(H, HH, pad, stride);
  const Wo = outSide(W, WW, pad, stride);
  const dx = zeros4(N, C, H, W);
  const dw = zeros4(F, C, HH, WW);
  const db = new Array<number>(b.length).fill(0);
  for (let n = 0; n < N; n++)
    for (let f = 0; f < F; f++)
      for (let i = 0; i < Ho; i++)
        for (let j = 0; j < Wo; j++) {
          const g = dout[n][f][i][j];
          db[f] += g;
          for (let c = 0; c < C; c++)
            for (let kh = 0; kh < HH; kh++) {
              const r = i * stride + kh - pad;
              if (r < 0 || r >= H) continue;
              for (let kw = 0; kw < WW; kw++) {
                const q = j * stride + kw - pad;
                if (q < 0 || q >= W) continue;
                dw[f][c][kh][kw] += g * x[n][c][r][q];
                dx[n][c][r][q] += g * w[f][c][kh][kw];
              }
            }
        }
  return { dx, dw, db };
}

/** The position of the first maximum of a window (row-major), so ties go to the first one. */
function argmaxWindow(
  plane: number[][],
  top: number,
  left: number,
  size: number,
): [number, number] {
  let best: [number, number] = [top, left];
  for (let r = top; r < top + size; r++)
    for (let q = left; q < left + size; q++)
      if (plane[r][q] > plane[best[0]][best[1]]) best = [r, q];
  return best;
}

/** Max pooling without padding; windows that would run past the edge are dropped. */
export function maxPoolForward(x: Tensor4, params: PoolParams): Tensor4 {
  const [N, C, H, W] = dims(x);
  const { size, stride } = params;
  const Ho = outSide(H, size, 0, stride);
  const Wo = outSide(W, size, 0, stride);
  const out = zeros4(N, C, Ho, Wo);
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++)
      for (let i = 0; i < Ho; i++)
        for (let j = 0; j < Wo; j++) {
          const [r, q] = argmaxWindow(x[n][c], i * stride, j * stride, size);
          out[n][c][i][j] = x[n][c][r][q];
        }
  return out;
}

/** Each window's upstream gradient goes to its (first) maximum; overlapping windows add up. */
export function maxPoolBackward(dout: Tensor4, x: Tensor4, params: PoolParams): Tensor4 {
  const [N, C, H, W] = dims(x);
  const { size, stride } = params;
  const Ho = outSide(H, size, 0, stride);
  const Wo = outSide(W, size, 0, stride);
  const dx = zeros4(N, C, H, W);
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++)
      for (let i = 0; i < Ho; i++)
        for (let j = 0; j < Wo; j++) {
          const [r, q] = argmaxWindow(x[n][c], i * stride, j * stride, size);
          dx[n][c][r][q] += dout[n][c][i][j];
        }
  return dx;
}

const map4 = (
  t: Tensor4,
  fn: (v: number, n: number, c: number, h: number, w: number) => number,
): Tensor4 =>
  t.map((a, n) => a.map((b, c) => b.map((row, h) => row.map((v, w) => fn(v, n, c, h, w)))));

export function reluForward(x: Tensor4): Tensor4 {
  return map4(x, (v) => (v > 0 ? v : 0));
}

/** The gradient passes where the input was positive; at exactly 0 it is taken as 0. */
export function reluBackward(dout: Tensor4, x: Tensor4): Tensor4 {
  return map4(dout, (g, n, c, h, w) => (x[n][c][h][w] > 0 ? g : 0));
}
