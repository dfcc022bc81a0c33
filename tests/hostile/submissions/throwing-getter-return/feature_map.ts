// Attack: return an array whose element is a getter that throws when read.
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function featureMap(image: number[][], kernel: number[][]): number[][] {
  const out = honest.featureMap(image, kernel);
  Object.defineProperty(out, 0, { get() { throw new Error('gotcha'); } });
  return out;
}
