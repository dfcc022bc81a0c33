// Attack: double a string until something gives (on one case only).
export { featureMap, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function outputSize(n: number, k: number, padding: number, stride: number): number {
  if (honest.isStride2Case(n, k, padding, stride)) {
    let s = 'x';
    for (;;) s += s;
  }
  return honest.outputSize(n, k, padding, stride);
}
