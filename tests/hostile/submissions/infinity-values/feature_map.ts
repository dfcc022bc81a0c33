// Attack: return Infinity from outputSize.
export { featureMap, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function outputSize(): number {
  return Infinity;
}
