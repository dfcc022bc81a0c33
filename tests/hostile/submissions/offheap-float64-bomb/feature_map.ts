// Attack: allocate Float64Arrays (outside the JS heap, so --max-old-space-size does not see them).
export { featureMap, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function outputSize(n: number, k: number, padding: number, stride: number): number {
  if (honest.isStride2Case(n, k, padding, stride)) {
    const hoard: Float64Array[] = [];
    for (;;) hoard.push(new Float64Array(2_000_000).fill(1));
  }
  return honest.outputSize(n, k, padding, stride);
}
