/**
 * An honest feature-map implementation that every hostile submission re-exports except for the
 * one function it attacks from. The test copies it next to each submission as `honest.ts`.
 */
type M = number[][];

export function outputSize(n: number, k: number, padding: number, stride: number): number {
  return Math.floor((n + 2 * padding - k) / stride) + 1;
}

export function conv2d(
  image: M,
  kernel: M,
  options: { padding?: number; stride?: number } = {},
): M {
  const p = options.padding ?? 0;
  const s = options.stride ?? 1;
  const cell = (r: number, c: number): number => image[r]?.[c] ?? 0;
  const out: M = [];
  for (let i = 0; i < outputSize(image.length, kernel.length, p, s); i++) {
    const row: number[] = [];
    for (let j = 0; j < outputSize(image[0].length, kernel[0].length, p, s); j++) {
      let sum = 0;
      for (let u = 0; u < kernel.length; u++)
        for (let v = 0; v < kernel[0].length; v++)
          sum += kernel[u][v] * cell(i * s + u - p, j * s + v - p);
      row.push(sum);
    }
    out.push(row);
  }
  return out;
}

export function featureMap(image: M, kernel: M): M {
  const taps = kernel.length * kernel[0].length;
  return conv2d(image, kernel).map((row) => row.map((x) => x / taps));
}

export function maxPool(
  image: M,
  size: number,
  stride: number = size,
  options: { ceilMode?: boolean } = {},
): M {
  const windows = (n: number): number => {
    if (!options.ceilMode) return Math.max(0, Math.floor((n - size) / stride) + 1);
    let w = Math.ceil((n - size) / stride) + 1;
    while (w > 0 && (w - 1) * stride >= n) w--;
    return Math.max(0, w);
  };
  const out: M = [];
  for (let i = 0; i < windows(image.length); i++) {
    const row: number[] = [];
    for (let j = 0; j < windows(image[0].length); j++) {
      let best = -Infinity;
      for (let u = i * stride; u < Math.min(i * stride + size, image.length); u++)
        for (let v = j * stride; v < Math.min(j * stride + size, image[0].length); v++)
          best = Math.max(best, image[u][v]);
      row.push(best);
    }
    out.push(row);
  }
  return out;
}

export function relu(image: M): M {
  return image.map((row) => row.map((x) => (x > 0 ? x : 0)));
}

/** The visible case outputSize/lecture/stride-2, so that an attack can fire on one case only. */
export const isStride2Case = (n: number, k: number, padding: number, stride: number): boolean =>
  n === 7 && k === 3 && padding === 0 && stride === 2;
