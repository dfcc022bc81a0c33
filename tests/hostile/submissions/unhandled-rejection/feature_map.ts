// Attack: leave a rejected promise unhandled, then answer correctly.
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function featureMap(image: number[][], kernel: number[][]): number[][] {
  void Promise.reject(new Error('nobody catches me'));
  return honest.featureMap(image, kernel);
}
