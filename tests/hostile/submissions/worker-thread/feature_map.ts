// Attack: start a worker thread that could outlive the call.
import { Worker } from 'node:worker_threads';
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function featureMap(image: number[][], kernel: number[][]): number[][] {
  new Worker('for(;;){}', { eval: true });
  return honest.featureMap(image, kernel);
}
