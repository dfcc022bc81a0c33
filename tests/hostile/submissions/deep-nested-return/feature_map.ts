// Attack: return an array nested 1000 levels deep (the grader takes 64).
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function featureMap(): unknown {
  let v: unknown = [0];
  for (let i = 0; i < 1000; i++) v = [v];
  return v;
}
