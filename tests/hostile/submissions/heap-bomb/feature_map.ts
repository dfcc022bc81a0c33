// Attack: grow the JavaScript heap without end (on one case only).
export { featureMap, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function outputSize(n: number, k: number, padding: number, stride: number): number {
  if (honest.isStride2Case(n, k, padding, stride)) {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array(50_000).fill(Math.random()));
  }
  return honest.outputSize(n, k, padding, stride);
}
