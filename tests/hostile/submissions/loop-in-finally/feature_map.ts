// Attack: an endless loop whose escape lands in another endless loop (on one case only).
export { featureMap, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function outputSize(n: number, k: number, padding: number, stride: number): number {
  if (honest.isStride2Case(n, k, padding, stride)) {
    for (;;) {
      try {
        while (true) { /* spin */ }
      } catch {
        /* swallow whatever stopped us */
      } finally {
        while (true) { /* spin again */ }
      }
    }
  }
  return honest.outputSize(n, k, padding, stride);
}
