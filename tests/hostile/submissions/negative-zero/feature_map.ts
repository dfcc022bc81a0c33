// Attack: return -0 where 0 is expected (correct: -0 equals 0); must not crash the judge.
export { featureMap, outputSize, conv2d, maxPool } from './honest.js';
import * as honest from './honest.js';

export function relu(image: number[][]): number[][] {
  return image.map((row) => row.map((x) => (x > 0 ? x : -0)));
}
