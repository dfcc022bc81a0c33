// Attack: return a promise that never settles (on one case only).
export { featureMap, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function outputSize(n: number, k: number, padding: number, stride: number): number | Promise<number> {
  if (honest.isStride2Case(n, k, padding, stride)) return new Promise<number>(() => {});
  return honest.outputSize(n, k, padding, stride);
}
