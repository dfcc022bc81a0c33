// Attack: an async export that never stops awaiting (on one case only).
export { featureMap, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export async function outputSize(n: number, k: number, padding: number, stride: number): Promise<number> {
  if (honest.isStride2Case(n, k, padding, stride)) for (;;) await null;
  return honest.outputSize(n, k, padding, stride);
}
