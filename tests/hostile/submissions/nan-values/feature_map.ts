// Attack: return NaN everywhere (a judge testing `!(|a - b| > tol)` would pass it).
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function featureMap(image: number[][], kernel: number[][]): number[][] {
  return honest.featureMap(image, kernel).map((row) => row.map(() => NaN));
}
