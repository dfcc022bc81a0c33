// Attack: return an object whose property is a getter that tries to reach the host when read.
export { outputSize, conv2d, maxPool, relu } from './honest.js';

export function featureMap(): unknown {
  const row = {};
  Object.defineProperty(row, 'x', {
    enumerable: true,
    get() {
      const g = globalThis as Record<string, unknown>;
      g.touched = typeof g.process === 'object' ? 'host reached' : 'nothing here';
      return 1;
    },
  });
  return [row];
}
