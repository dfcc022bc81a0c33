/**
 * Reference solution for conv-gradients (one channel, stride 1, no padding). With the forward pass
 * O[i][j] = Σ_ab F[a][b]·X[i+a][j+b] and an upstream gradient dO = ∂L/∂O:
 *   ∂L/∂F[a][b] = Σ_ij X[i+a][j+b]·dO[i][j]   (valid correlation of X with dO)
 *   ∂L/∂X[r][c] = Σ_ij dO[i][j]·F[r−i][c−j]     (full convolution of dO with F rotated 180°)
 */

const zeros = (rows: number, cols: number): number[][] =>
  Array.from({ length: rows }, () => new Array<number>(cols).fill(0));

export function filterGradient(x: number[][], dout: number[][]): number[][] {
  const kh = x.length - dout.length + 1;
  const kw = (x[0]?.length ?? 0) - (dout[0]?.length ?? 0) + 1;
  if (kh < 1 || kw < 1) throw new Error('dout must not be larger than x');
  const grad = zeros(kh, kw);
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      let sum = 0;
      for (let i = 0; i < dout.length; i++) {
        for (let j = 0; j < dout[i].length; j++) sum += x[i + a][j + b] * dout[i][j];
      }
      grad[a][b] = sum;
    }
  }
  return grad;
}

export function inputGradient(kernel: number[][], dout: number[][]): number[][] {
  const kh = kernel.length;
  const kw = kernel[0]?.length ?? 0;
  const grad = zeros(dout.length + kh - 1, (dout[0]?.length ?? 0) + kw - 1);
  // Each output position (i, j) spread its upstream gradient over the input window it read.
  for (let i = 0; i < dout.length; i++) {
    for (let j = 0; j < dout[i].length; j++) {
      for (let a = 0; a < kh; a++) {
        for (let b = 0; b < kw; b++) grad[i + a][j + b] += dout[i][j] * kernel[a][b];
      }
    }
  }
  return grad;
}
