import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten';
import type { SandboxLimits } from '../child.js';
import { MAX_FRAME_BYTES } from '../frames.js';
import { describeExit, interpretReply, type CallOutcome } from '../outcome.js';
import type { PlainProblem } from '../plain-data.js';
import type { CallRequest } from '../session.js';

const PLAIN_PROBLEMS: PlainProblem[] = [
  'too many parts',
  'a value that is not plain data',
  'nesting too deep',
  'a cycle',
  'an object of a class',
];

export const stackOverflow = (during: string): CallOutcome => ({
  status: 'error',
  message: `your code ran out of stack ${during} (stack overflow: recursion too deep?)`,
  summary: `your code ran out of stack ${during} (recursion too deep?)`,
});

const unreadable = (during: string): CallOutcome => ({
  status: 'crash',
  message: `the wasm sandbox sent an unreadable reply ${during}`,
  summary: `the sandbox broke the grader's protocol ${during}`,
});

/**
 * What the prelude's reply string comes to (see wasm-prelude.ts for its format). `drop` discards the
 * context, for replies that mean a limit was met.
 */
export function decodeReply(
  reply: string,
  request: CallRequest,
  limits: SandboxLimits,
  drop: () => void,
): CallOutcome {
  const during = `during ${request.exportName}`;
  const body = reply.slice(1);
  const [head, ...rest] = body.split('\n');
  switch (reply[0]) {
    case 'J': {
      const parsed = JSON.parse(body, reviveTagged) as [unknown, unknown[]];
      return interpretReply(
        { ok: true, value: parsed[0], events: parsed[1] },
        request.exportName,
        request.file,
      );
    }
    case 'E':
      if (!PLAIN_PROBLEMS.includes(head as PlainProblem)) return unreadable(during);
      return {
        status: 'error',
        message: `${request.exportName} returned a value the grader cannot accept: ${rest.join('\n')}`,
        summary: `${request.exportName} returned a value the grader cannot accept: it holds ${head} (return plain numbers, arrays and objects)`,
      };
    case 'O': {
      drop();
      const what = `sent a value of ${head} bytes (the limit is ${MAX_FRAME_BYTES / 1024 / 1024} MB)`;
      return describeExit({ kind: 'output-limit', what }, during, limits);
    }
    case 'M':
      return interpretReply(
        { ok: false, error: { name: 'MissingExport', message: body } },
        request.exportName,
        request.file,
      );
    case 'X': {
      const message = rest.join('\n');
      if (head === 'InternalError' && /out of memory/i.test(message)) {
        drop();
        return describeExit({ kind: 'memory' }, during, limits);
      }
      if (head === 'InternalError' && /stack overflow/i.test(message)) {
        drop();
        return stackOverflow(during);
      }
      return interpretReply(
        { ok: false, error: { name: head, message } },
        request.exportName,
        request.file,
      );
    }
    default:
      drop();
      return unreadable(during);
  }
}

/** Arguments as JSON whose special numbers are tagged (the prelude revives them). */
export function encodeArgs(args: unknown[]): string {
  return JSON.stringify(args, (_k, v: unknown) => {
    if (typeof v === 'number') {
      if (Number.isNaN(v)) return '\u0000NaN';
      if (v === Infinity) return '\u0000Infinity';
      if (v === -Infinity) return '\u0000-Infinity';
      if (Object.is(v, -0)) return '\u0000-0';
    }
    if (typeof v === 'string' && v.charCodeAt(0) === 0) return '\u0000' + v;
    return v;
  });
}

export function reviveTagged(_k: string, v: unknown): unknown {
  if (typeof v !== 'string' || v.charCodeAt(0) !== 0) return v;
  const rest = v.slice(1);
  if (rest === 'NaN') return NaN;
  if (rest === '-0') return -0;
  if (rest === 'Infinity') return Infinity;
  if (rest === '-Infinity') return -Infinity;
  return rest;
}

/** Name and message of an engine error: read as strings from an error object QuickJS made itself. */
export function safeDump(
  ctx: QuickJSContext,
  error: QuickJSHandle,
): { name: string; message: string } {
  const read = (key: string): string => {
    try {
      const h = ctx.getProp(error, key);
      const s = ctx.typeof(h) === 'string' ? ctx.getString(h) : '';
      h.dispose();
      return s.slice(0, 2000);
    } catch {
      return '';
    }
  };
  if (ctx.typeof(error) !== 'object')
    return { name: 'NonErrorThrow', message: 'threw a non-Error value' };
  return { name: read('name') || 'Error', message: read('message') };
}
