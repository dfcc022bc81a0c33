// Attack: turn on trace_events, which writes a log file into the working folder.
import { createTracing } from 'node:trace_events';
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export function featureMap(image: number[][], kernel: number[][]): number[][] {
  createTracing({ categories: ['node.perf'] }).enable();
  return honest.featureMap(image, kernel);
}
