// Attack: return an array of 1.2 million numbers (about 11 MB on the channel, which takes 8 MB).
export { outputSize, conv2d, maxPool, relu } from './honest.js';

export function featureMap(): number[][] {
  return [Array.from({ length: 1_200_000 }, () => 1.5)];
}
