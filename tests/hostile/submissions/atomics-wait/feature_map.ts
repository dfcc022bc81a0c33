// Attack: block the thread on Atomics.wait over a SharedArrayBuffer (on one case only).
export { featureMap, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function outputSize(n: number, k: number, padding: number, stride: number): number {
  if (honest.isStride2Case(n, k, padding, stride)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  return honest.outputSize(n, k, padding, stride);
}
