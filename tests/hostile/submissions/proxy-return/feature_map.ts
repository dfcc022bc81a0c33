// Attack: return a Proxy whose traps could answer differently each time the grader looks.
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function featureMap(image: number[][], kernel: number[][]): number[][] {
  let reads = 0;
  return new Proxy(honest.featureMap(image, kernel), { get: (t, k) => (reads++ > 3 ? 42 : Reflect.get(t, k)) });
}
