// Attack: exit with code 0 while the module loads.
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

process.exit(0);
export function featureMap(image: number[][], kernel: number[][]): number[][] {
  return honest.featureMap(image, kernel);
}
