// Attack: throw a plain object that looks like a passing result.
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function featureMap(): number[][] {
  throw { status: 'passed', score: 4 };
}
