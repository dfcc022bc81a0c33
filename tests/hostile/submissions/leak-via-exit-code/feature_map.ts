// Attack: leak a hidden case's input through the exit code.
export { featureMap, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function outputSize(n: number): number {
  process.exit(n % 256);
}
