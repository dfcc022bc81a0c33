// Attack: print 6 MB, then answer correctly.
export { featureMap, outputSize, conv2d, maxPool } from './honest.js';
import * as honest from './honest.js';

export function relu(image: number[][]): number[][] {
  const line = 'flood '.repeat(10_000);
  for (let i = 0; i < 100; i++) console.log(line);
  return honest.relu(image);
}
