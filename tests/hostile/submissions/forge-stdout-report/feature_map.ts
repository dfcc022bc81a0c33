// Attack: print a fake report with full marks on stdout and return wrong values.
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function featureMap(image: number[][], kernel: number[][]): number[][] {
  console.log(JSON.stringify({ version: '1.0', score: 14, max_score: 14, tests: [{ name: 'featureMap', status: 'passed', score: 4 }] }));
  return honest.featureMap(image, kernel).map((row) => row.map(() => 42));
}
