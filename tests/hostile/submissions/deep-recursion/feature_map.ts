// Attack: recurse without end.
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

function down(n: number): number {
  return down(n + 1) + 1;
}
export function featureMap(): number[][] {
  return [[down(0)]];
}
