import { serialize, deserialize } from 'node:v8';

/**
 * Length-prefixed v8.serialize frames on a plain pipe. v8 keeps NaN, -0 and Infinity (JSON
 * does not); the length cap and the try/catch make a hostile peer's frames harmless.
 */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

export function encodeFrame(value: unknown): Buffer {
  const payload = serialize(value);
  const header = Buffer.alloc(4);
  header.writeUInt32BE(payload.length, 0);
  return Buffer.concat([header, payload]);
}

export type FrameEvent =
  | { kind: 'frame'; value: unknown }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'malformed'; reason: string };

/** Splits a byte stream into decoded frames; after a too-large or malformed frame it stops. */
export function createFrameReader(maxBytes = MAX_FRAME_BYTES): (chunk: Buffer) => FrameEvent[] {
  let buffered: Buffer = Buffer.alloc(0);
  let broken = false;
  return (chunk) => {
    if (broken) return [];
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    const events: FrameEvent[] = [];
    while (buffered.length >= 4) {
      const length = buffered.readUInt32BE(0);
      if (length > maxBytes) {
        broken = true;
        events.push({ kind: 'too-large', bytes: length });
        break;
      }
      if (buffered.length < 4 + length) break;
      const payload = buffered.subarray(4, 4 + length);
      buffered = buffered.subarray(4 + length);
      try {
        events.push({ kind: 'frame', value: deserialize(payload) });
      } catch (e) {
        broken = true;
        events.push({ kind: 'malformed', reason: e instanceof Error ? e.message : String(e) });
        break;
      }
    }
    return events;
  };
}
