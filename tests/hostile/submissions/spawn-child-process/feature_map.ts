// Attack: run a shell command to read the hidden tests.
import { execSync } from 'node:child_process';
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function featureMap(): number[][] {
  throw new Error('LEAK:' + execSync('cat assignments/feature-map/assignment.yaml').toString());
}
