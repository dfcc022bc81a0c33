// Incomplete: no relu export, and maxPool is misspelled.
export function outputSize(n: number, k: number, padding: number, stride: number): number {
  return Math.floor((n + 2 * padding - k) / stride) + 1;
}

export function conv2d(image: number[][], kernel: number[][], options: { padding?: number; stride?: number } = {}): number[][] {
  const { padding = 0, stride = 1 } = options;
  const padded: number[][] = [];
  for (let r = -padding; r < image.length + padding; r++) {
    padded.push([]);
    for (let c = -padding; c < image[0].length + padding; c++) padded[padded.length - 1].push(image[r]?.[c] ?? 0);
  }
  const out: number[][] = [];
  for (let r = 0; r + kernel.length <= padded.length; r += stride) {
    const row: number[] = [];
    for (let c = 0; c + kernel[0].length <= padded[0].length; c += stride) {
      let s = 0;
      kernel.forEach((kr, i) => kr.forEach((kv, j) => (s += kv * padded[r + i][c + j])));
      row.push(s);
    }
    out.push(row);
  }
  return out;
}

export function featureMap(image: number[][], kernel: number[][]): number[][] {
  const n = kernel.length * kernel[0].length;
  return conv2d(image, kernel).map((row) => row.map((v) => v / n));
}

export function maxPooling(image: number[][], size: number, stride = size, options: { ceilMode?: boolean } = {}): number[][] {
  const starts = (n: number): number[] => {
    const s: number[] = [];
    for (let t = 0; t + size <= n; t += stride) s.push(t);
    const last = s.length ? s[s.length - 1] : -stride;
    if (options.ceilMode && last + size < n && last + stride < n) s.push(last + stride);
    return s;
  };
  return starts(image.length).map((r) =>
    starts(image[0].length).map((c) => Math.max(...image.slice(r, r + size).flatMap((row) => row.slice(c, c + size)))),
  );
}

function relu(image: number[][]): number[][] {
  return image.map((row) => row.map((v) => Math.max(0, v)));
}
