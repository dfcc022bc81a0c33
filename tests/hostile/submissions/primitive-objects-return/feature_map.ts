// Attack: return objects that pretend to be numbers (valueOf, Symbol.toPrimitive, toJSON) in place of numbers.
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function featureMap(image: number[][], kernel: number[][]): unknown {
  const pretend = (v: number): unknown => ({ valueOf: () => v, [Symbol.toPrimitive]: () => v, toJSON: () => v });
  return honest.featureMap(image, kernel).map((row) => row.map(pretend));
}
