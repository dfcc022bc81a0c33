/** Reference solution for `feature-map` (the lecture's X-detector, padding, stride, pooling). */

export type Matrix = number[][];

/** Output side for input n, kernel k, padding p, stride s: floor((n + 2p − k) / s) + 1. */
export function outputSize(n: number, k: number, padding: number, stride: number): number {
  return Math.floor((n + 2 * padding - k) / stride) + 1;
}

/** Cross-correlation with zero padding; a plain sum of products (no kernel flip). */
export function conv2d(
  image: Matrix,
  kernel: Matrix,
  options: { padding?: number; stride?: number } = {},
): Matrix {
  const p = options.padding ?? 0;
  const s = options.stride ?? 1;
  const kh = kernel.length;
  const kw = kernel[0].length;
  const rows = outputSize(image.length, kh, p, s);
  const cols = outputSize(image[0].length, kw, p, s);
  const at = (r: number, c: number): number =>
    r < 0 || c < 0 || r >= image.length || c >= image[0].length ? 0 : image[r][c];
  const out: Matrix = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let u = 0; u < kh; u++)
        for (let v = 0; v < kw; v++) sum += kernel[u][v] * at(i * s + u - p, j * s + v - p);
      row.push(sum);
    }
    out.push(row);
  }
  return out;
}

/** The X-detector: at every valid position, the mean of the element-wise products. */
export function featureMap(image: Matrix, kernel: Matrix): Matrix {
  const taps = kernel.length * kernel[0].length;
  return conv2d(image, kernel).map((row) => row.map((x) => x / taps));
}

/**
 * Max pooling. Floor mode keeps only windows that fit; ceil mode adds a last window that hangs
 * over the edge, as long as it starts inside the image.
 */
export function maxPool(
  image: Matrix,
  size: number,
  stride: number = size,
  options: { ceilMode?: boolean } = {},
): Matrix {
  const count = (n: number): number => {
    if (!options.ceilMode) return Math.max(0, Math.floor((n - size) / stride) + 1);
    let windows = Math.ceil((n - size) / stride) + 1;
    if ((windows - 1) * stride >= n) windows--; // the last window must start inside the image
    return Math.max(0, windows);
  };
  const rows = count(image.length);
  const cols = count(image[0].length);
  const out: Matrix = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < cols; j++) {
      let best = -Infinity;
      for (let u = i * stride; u < Math.min(i * stride + size, image.length); u++) {
        for (let v = j * stride; v < Math.min(j * stride + size, image[0].length); v++)
          best = Math.max(best, image[u][v]);
      }
      row.push(best);
    }
    out.push(row);
  }
  return out;
}

export function relu(image: Matrix): Matrix {
  return image.map((row) => row.map((x) => (x > 0 ? x : 0)));
}
