// Attack: end the process with exit code 0 in the middle of a call, hoping for a silent pass.
export { featureMap, outputSize, conv2d, relu } from './honest.js';
import * as honest from './honest.js';

export function maxPool(): number[][] {
  process.exit(0);
}
