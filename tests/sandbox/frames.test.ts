import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  createFrameReader,
  encodeFrame,
  MAX_FRAME_BYTES,
  type FrameEvent,
} from '../../grader/sandbox/frames.js';

/** A frame with a hand-written header: 4 bytes big-endian length, then the payload bytes. */
const rawFrame = (length: number, payload: Buffer | number[] = []): Buffer => {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(length, 0);
  return Buffer.concat([header, Buffer.from(payload)]);
};

const values = (events: FrameEvent[]): unknown[] =>
  events.map((e) => {
    if (e.kind !== 'frame') throw new Error(`expected a frame, got ${e.kind}`);
    return e.value;
  });

const roundTrip = (value: unknown): unknown => {
  const events = createFrameReader()(encodeFrame(value));
  expect(events).toHaveLength(1);
  return values(events)[0];
};

describe('encodeFrame', () => {
  it('writes a 4-byte big-endian payload length before the v8 payload', () => {
    const value = { a: [1, 2, 3], s: 'héllo' };
    const payload = serialize(value);
    const frame = encodeFrame(value);
    expect(frame.length).toBe(4 + payload.length);
    expect(frame.readUInt32BE(0)).toBe(payload.length);
    // big-endian: a payload under 256 bytes has its length in the last header byte only
    expect([...frame.subarray(0, 3)]).toEqual([0, 0, 0]);
    expect(frame.subarray(4).equals(payload)).toBe(true);
  });
});

describe('round trips', () => {
  it('keeps NaN, -0 and ±Infinity, which JSON would lose', () => {
    expect(Number.isNaN(roundTrip(NaN))).toBe(true);
    expect(Object.is(roundTrip(-0), -0)).toBe(true);
    expect(roundTrip(Infinity)).toBe(Infinity);
    expect(roundTrip(-Infinity)).toBe(-Infinity);
    const back = roundTrip([NaN, -0, Infinity]) as number[];
    expect(Number.isNaN(back[0])).toBe(true);
    expect(Object.is(back[1], -0)).toBe(true);
    expect(back[2]).toBe(Infinity);
  });

  it('keeps nested data, strings, booleans, null and undefined', () => {
    const nested = {
      image: [
        [1, -0.5],
        [2.25, 3],
      ],
      meta: { ok: true, none: null, gone: undefined, name: 'x∗y' },
      deep: [[[[[7]]]]],
    };
    const back = roundTrip(nested) as typeof nested;
    expect(back).toEqual(nested);
    expect('gone' in back.meta).toBe(true);
    expect(back.meta.gone).toBeUndefined();
  });
});

describe('createFrameReader: chunking', () => {
  const first = { kind: 'result', value: [1, NaN] };
  const second = 'second';
  const stream = Buffer.concat([encodeFrame(first), encodeFrame(second)]);

  it('decodes several frames in one chunk, in order', () => {
    const third = [[0]];
    const out = values(createFrameReader()(Buffer.concat([stream, encodeFrame(third)])));
    expect(out).toEqual([first, second, third]);
  });

  it('decodes the same frames when the stream is split at every byte boundary', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const read = createFrameReader();
      const out = [...read(stream.subarray(0, cut)), ...read(stream.subarray(cut))];
      expect(values(out), `cut at ${cut}`).toEqual([first, second]);
    }
  });

  it('decodes frames fed one byte at a time, each as soon as its last byte arrives', () => {
    const read = createFrameReader();
    const firstLength = encodeFrame(first).length;
    const seen: Array<[number, unknown]> = [];
    for (let i = 0; i < stream.length; i++) {
      for (const v of values(read(stream.subarray(i, i + 1)))) seen.push([i, v]);
    }
    expect(seen).toEqual([
      [firstLength - 1, first],
      [stream.length - 1, second],
    ]);
  });

  it('waits on a partial header or payload without emitting anything', () => {
    const read = createFrameReader();
    expect(read(Buffer.alloc(0))).toEqual([]);
    expect(read(stream.subarray(0, 3))).toEqual([]);
    expect(read(stream.subarray(3, 6))).toEqual([]);
  });
});

describe('createFrameReader: hostile peers', () => {
  it('reports a length over the cap as soon as the header arrives, without waiting for the payload', () => {
    const read = createFrameReader();
    expect(read(rawFrame(0xffffffff))).toEqual([{ kind: 'too-large', bytes: 0xffffffff }]);
  });

  it('accepts a frame of exactly the cap and refuses one byte more', () => {
    const payload = serialize('abcdefgh');
    const atCap = createFrameReader(payload.length)(rawFrame(payload.length, payload));
    expect(values(atCap)).toEqual(['abcdefgh']);
    const overCap = createFrameReader(payload.length - 1)(rawFrame(payload.length, payload));
    expect(overCap).toEqual([{ kind: 'too-large', bytes: payload.length }]);
  });

  it('uses an 8 MiB cap by default', () => {
    expect(MAX_FRAME_BYTES).toBe(8 * 1024 * 1024);
    expect(createFrameReader()(rawFrame(8 * 1024 * 1024 + 1))).toEqual([
      { kind: 'too-large', bytes: 8 * 1024 * 1024 + 1 },
    ]);
    // exactly the cap: no verdict yet, it waits for the payload
    expect(createFrameReader()(rawFrame(8 * 1024 * 1024))).toEqual([]);
  });

  it('reports a payload v8 cannot read as malformed, with a reason', () => {
    for (const payload of [[1, 2, 3], [0xff, 0x0f, 0x6f], []]) {
      const events = createFrameReader()(rawFrame(payload.length, payload));
      expect(events).toHaveLength(1);
      expect(events[0].kind).toBe('malformed');
      expect((events[0] as { reason: string }).reason.length).toBeGreaterThan(0);
    }
  });

  it('reports a truncated v8 payload (length header shortened) as malformed', () => {
    const payload = serialize({ a: [1, 2, 3], s: 'hello' });
    const cut = payload.subarray(0, payload.length - 3);
    expect(createFrameReader()(rawFrame(cut.length, cut))[0].kind).toBe('malformed');
  });

  it('delivers the good frames before a bad one, then stops for good', () => {
    const read = createFrameReader(64);
    const events = read(Buffer.concat([encodeFrame(1), rawFrame(3, [1, 2, 3]), encodeFrame(2)]));
    expect(events.map((e) => e.kind)).toEqual(['frame', 'malformed']);
    expect(values(events.slice(0, 1))).toEqual([1]);
    expect(read(encodeFrame(3))).toEqual([]);

    const big = createFrameReader(64);
    expect(big(Buffer.concat([encodeFrame('ok'), rawFrame(65)])).map((e) => e.kind)).toEqual([
      'frame',
      'too-large',
    ]);
    expect(big(encodeFrame('after'))).toEqual([]);
  });
});
