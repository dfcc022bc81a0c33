// Attack: loop forever while the module loads.
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

for (;;) { /* never loads */ }
export function featureMap(image: number[][], kernel: number[][]): number[][] {
  return honest.featureMap(image, kernel);
}
