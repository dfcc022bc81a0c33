// The only grader code inside the box. It loads the bundled submission, answers call frames on
// fd 3 and nothing else. Everything it needs is captured before student code runs, so a student
// who patches globals can at worst break their own replies.
import { serialize, deserialize } from 'node:v8';
import { Socket } from 'node:net';

const { Buffer } = globalThis;
const alloc = Buffer.alloc.bind(Buffer);
const concat = Buffer.concat.bind(Buffer);
const MAX_REQUEST = 64 * 1024 * 1024;
const MAX_EVENTS = 10000;
const channel = new Socket({ fd: 3, readable: true, writable: true });
const write = channel.write.bind(channel);
const onData = channel.on.bind(channel, 'data');
const realKill = process.kill.bind(process);
const ownPid = process.pid;

const stdoutStream = process.stdout;
const stderrStream = process.stderr;
const once = (stream, event, listener) => stream.once(event, listener);

// Without a pid namespace (fallback mode) a child of the same user could signal the grader.
// This is a seat belt, not a wall: see the README's security model.
process.kill = (pid, signal) => {
  if (pid !== ownPid) throw new Error('process.kill is not allowed in the grading sandbox');
  return realKill(pid, signal);
};
// Doors around the import allow-list and the kill guard. The permission model already blocks
// binding/dlopen; getBuiltinModule and _kill it does not. fetch: fallback mode has a network.
for (const name of [
  '_kill',
  'getBuiltinModule',
  'binding',
  '_linkedBinding',
  'dlopen',
  'openStdin',
]) {
  try {
    Object.defineProperty(process, name, {
      value: undefined,
      writable: false,
      configurable: false,
    });
  } catch {
    /* absent */
  }
}
for (const name of ['fetch', 'WebSocket', 'EventSource']) {
  try {
    Object.defineProperty(globalThis, name, {
      value: undefined,
      writable: false,
      configurable: false,
    });
  } catch {
    /* absent */
  }
}

/** Resolves once what the student printed has left this process, so the grader counts it before the reply. */
function flushed(stream) {
  return new Promise((resolve) => {
    try {
      if (!stream.writableLength) return resolve();
      once(stream, 'drain', resolve);
    } catch {
      resolve();
    }
  });
}

function frame(message) {
  let payload;
  try {
    payload = serialize(message);
  } catch (e) {
    payload = serialize({
      id: message.id,
      ok: false,
      error: {
        name: 'UnsendableValue',
        message: `the value cannot be sent back to the grader: ${String(e && e.message)}`,
      },
    });
  }
  const header = alloc(4);
  header.writeUInt32BE(payload.length, 0);
  write(concat([header, payload]));
}

function describeError(e) {
  if (e instanceof Error) {
    let name = 'Error';
    let message = '';
    let stack = '';
    try {
      name = String(e.name);
      message = String(e.message);
      stack = String(e.stack ?? '');
    } catch {
      /* hostile getters */
    }
    return { name, message, stack: stack.slice(0, 4000) };
  }
  let text = '';
  try {
    text = typeof e === 'string' ? e : (JSON.stringify(e) ?? String(e));
  } catch {
    text = Object.prototype.toString.call(e);
  }
  return {
    name: 'NonErrorThrow',
    message: `threw a non-Error value: ${String(text).slice(0, 500)}`,
  };
}

// A stray rejection or exception belongs to the student's code; it must not end the runner.
process.on('unhandledRejection', () => {});
process.on('uncaughtException', (e) => {
  if (current) frame({ id: current, ok: false, error: describeError(e) });
});

let current = null;
let files = null;

async function handle(request) {
  const { id, file, exportName, args, callbacks } = request;
  current = id;
  const events = [];
  for (const cb of callbacks ?? []) {
    const target = args[cb.arg];
    if (target && typeof target === 'object') {
      target[cb.key] = (event) => {
        if (events.length < MAX_EVENTS) {
          try {
            events.push(deserialize(serialize(event)));
          } catch {
            /* not plain data: dropped */
          }
        }
      };
    }
  }
  const mod = files[file];
  const fn = mod ? mod[exportName] : undefined;
  if (typeof fn !== 'function') {
    frame({
      id,
      ok: false,
      error: {
        name: 'MissingExport',
        message: mod
          ? `${file} does not export a function named ${exportName}`
          : `${file} was not found in the submission`,
      },
    });
    return;
  }
  let reply;
  try {
    const value = await fn(...args);
    reply = { id, ok: true, value, events };
  } catch (e) {
    reply = { id, ok: false, error: describeError(e) };
  }
  await flushed(stdoutStream);
  await flushed(stderrStream);
  frame(reply);
}

function listen() {
  let buffered = alloc(0);
  onData((chunk) => {
    buffered = concat([buffered, chunk]);
    while (buffered.length >= 4) {
      const length = buffered.readUInt32BE(0);
      if (length > MAX_REQUEST || buffered.length < 4 + length) break;
      const request = deserialize(buffered.subarray(4, 4 + length));
      buffered = buffered.subarray(4 + length);
      void handle(request);
    }
  });
}

try {
  const loaded = await import('./submission.mjs');
  files = loaded.files;
  const exportsByFile = {};
  for (const [name, mod] of Object.entries(files)) exportsByFile[name] = Object.keys(mod);
  frame({ type: 'ready', exports: exportsByFile });
  listen();
} catch (e) {
  frame({ type: 'load-error', error: describeError(e) });
}
