// Attack: busy-wait past the time limit and answer anyway (on one case only).
export { featureMap, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function outputSize(n: number, k: number, padding: number, stride: number): number {
  if (honest.isStride2Case(n, k, padding, stride)) {
    const until = Date.now() + 3500;
    while (Date.now() < until) { /* spin */ }
  }
  return honest.outputSize(n, k, padding, stride);
}
