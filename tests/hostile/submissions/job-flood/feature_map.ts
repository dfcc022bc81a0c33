// Attack: a chain of promise jobs that never ends, and a result that never settles (on one case only).
export { featureMap, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function outputSize(n: number, k: number, padding: number, stride: number): number | Promise<number> {
  if (honest.isStride2Case(n, k, padding, stride)) {
    const again = (): Promise<void> => Promise.resolve().then(again);
    void again();
    return new Promise<number>(() => {});
  }
  return honest.outputSize(n, k, padding, stride);
}
