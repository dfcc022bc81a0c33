// Honest but buggy: outputSize forgets the "+ 1" of floor((n + 2p − k) / s) + 1. Everything else is
// right (conv2d uses its own, correct, size), so this submission must score 14 − 2 = 12.
type M = number[][];

export function outputSize(n: number, k: number, padding: number, stride: number): number {
  return Math.floor((n + 2 * padding - k) / stride);
}

const size = (n: number, k: number, p: number, s: number): number => Math.floor((n + 2 * p - k) / s) + 1;

export function conv2d(image: M, kernel: M, options: { padding?: number; stride?: number } = {}): M {
  const { padding: p = 0, stride: s = 1 } = options;
  const at = (r: number, c: number): number => (r >= 0 && c >= 0 && r < image.length && c < image[0].length ? image[r][c] : 0);
  return Array.from({ length: size(image.length, kernel.length, p, s) }, (_, i) =>
    Array.from({ length: size(image[0].length, kernel[0].length, p, s) }, (_, j) =>
      kernel.reduce((sum, row, u) => sum + row.reduce((acc, w, v) => acc + w * at(i * s + u - p, j * s + v - p), 0), 0),
    ),
  );
}

export function featureMap(image: M, kernel: M): M {
  const taps = kernel.length * kernel[0].length;
  return conv2d(image, kernel).map((row) => row.map((x) => x / taps));
}

export function maxPool(image: M, k: number, stride: number = k, options: { ceilMode?: boolean } = {}): M {
  const count = (n: number): number => {
    if (!options.ceilMode) return Math.max(0, Math.floor((n - k) / stride) + 1);
    const w = Math.ceil((n - k) / stride) + 1;
    return Math.max(0, (w - 1) * stride >= n ? w - 1 : w);
  };
  return Array.from({ length: count(image.length) }, (_, i) =>
    Array.from({ length: count(image[0].length) }, (_, j) => Math.max(...image.slice(i * stride, i * stride + k).flatMap((row) => row.slice(j * stride, j * stride + k)))),
  );
}

export function relu(image: M): M {
  return image.map((row) => row.map((x) => Math.max(0, x)));
}
