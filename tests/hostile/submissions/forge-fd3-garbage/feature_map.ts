// Attack: write a garbage frame on the grader channel (fd 3).
export { featureMap, outputSize, conv2d, maxPool } from './honest.js';
import * as honest from './honest.js';

type Pipe = { write(b: Uint8Array): boolean };
/** fd 3 is the grader's channel; the constructor of process.stdout (net.Socket) can open it. */
function channel(): Pipe {
  const SocketClass = process.stdout.constructor as unknown as new (o: object) => Pipe;
  return new SocketClass({ fd: 3, readable: false, writable: true });
}
export function relu(image: number[][]): number[][] {
  channel().write(new Uint8Array([0, 0, 0, 4, 1, 2, 3, 4]));
  return honest.relu(image);
}
