// Attack: return a 10 MB string (the channel takes 8 MB).
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function featureMap(): string {
  return 'x'.repeat(10_000_000);
}
