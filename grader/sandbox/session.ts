import { spawnSandboxChild, DEFAULT_LIMITS, type SandboxChild, type SandboxLimits, type ExitReason } from './child.js';
import { toPlainData } from './plain-data.js';

/** What one call into student code came to. Statuses other than ok are failures of this case only. */
export type CallOutcome =
  | { status: 'ok'; value: unknown; events: unknown[] }
  | { status: 'error'; message: string }
  | { status: 'timeout' | 'memory' | 'output-limit' | 'crash'; message: string };

export interface CallRequest {
  file: string;
  exportName: string;
  args: unknown[];
  /** Argument objects that get a recording callback under `key` (e.g. options.onEpoch). */
  callbacks?: { arg: number; key: string }[];
  timeoutMs: number;
}

export interface Session {
  call(request: CallRequest): Promise<CallOutcome>;
  close(): Promise<void>;
  output(): { stdout: string; stderr: string };
}

export interface SessionOptions {
  box: string;
  limits?: SandboxLimits;
  /** Time for the module's top-level code to load. */
  loadTimeoutMs?: number;
}

type Live = { child: SandboxChild; ready: Promise<CallOutcome | null>; waiters: Map<number, (v: unknown) => void> };

function describeExit(reason: ExitReason, during: string): CallOutcome {
  switch (reason.kind) {
    case 'memory':
      return { status: 'memory', message: `your code used more memory than allowed ${during} and was stopped` };
    case 'output-limit':
      return { status: 'output-limit', message: `your code ${reason.what} ${during} and was stopped` };
    case 'protocol':
      return { status: 'crash', message: `the sandboxed process ${reason.what} ${during}` };
    case 'exit':
      return { status: 'crash', message: `your code ended the process ${during} (${reason.signal ? `signal ${reason.signal}` : `exit code ${reason.code}`}); do not call process.exit` };
  }
}

/**
 * Calls into one submission's code, one case at a time, in a sandboxed child. A child that
 * faults (timeout, memory, crash) is discarded and the next call starts a fresh one; a module
 * that cannot load at all fails every call the same way without retrying.
 */
export function createSession(options: SessionOptions): Session {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const loadTimeoutMs = options.loadTimeoutMs ?? 5000;
  let live: Live | undefined;
  let fatal: CallOutcome | undefined;
  let nextId = 1;
  let lastOutput = { stdout: '', stderr: '' };

  const discard = (): void => {
    if (!live) return;
    lastOutput = live.child.output();
    live.child.kill();
    live = undefined;
  };

  const start = (): Live => {
    const child = spawnSandboxChild(options.box, limits);
    const waiters = new Map<number, (v: unknown) => void>();
    let onReady: (v: CallOutcome | null) => void = () => {};
    const ready = new Promise<CallOutcome | null>((resolve) => (onReady = resolve));
    child.onFrame((frame) => {
      const f = frame as { type?: unknown; id?: unknown; error?: { message?: unknown } } | null;
      if (f?.type === 'ready') onReady(null);
      else if (f?.type === 'load-error') onReady({ status: 'error', message: `your module failed to load: ${String(f.error?.message ?? 'unknown error')}` });
      else if (typeof f?.id === 'number') {
        // Only the first well-formed reply for the case in flight counts.
        const waiter = waiters.get(f.id);
        waiters.delete(f.id);
        waiter?.(f);
      }
    });
    const timer = setTimeout(() => onReady({ status: 'timeout', message: `your module's top-level code did not finish loading within ${loadTimeoutMs} ms (an endless loop outside a function?)` }), loadTimeoutMs);
    void child.exited.then((r) => onReady(describeExit(r, 'while loading')));
    void ready.then(() => clearTimeout(timer));
    return { child, ready, waiters };
  };

  async function call(request: CallRequest): Promise<CallOutcome> {
    if (fatal) return fatal;
    live ??= start();
    const current = live;
    const loadProblem = await current.ready;
    if (loadProblem) {
      // Loading is deterministic: the same module would fail the same way again.
      fatal = loadProblem;
      discard();
      return fatal;
    }
    const id = nextId++;
    let timer: NodeJS.Timeout | undefined;
    const reply = new Promise<unknown>((resolve) => current.waiters.set(id, resolve));
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), request.timeoutMs)));
    current.child.send({ id, file: request.file, exportName: request.exportName, args: request.args, callbacks: request.callbacks ?? [] });
    const first = await Promise.race([reply, timeout, current.child.exited.then((r) => ({ exited: r }))]);
    clearTimeout(timer);
    current.waiters.delete(id);
    if (first === 'timeout') {
      discard();
      return { status: 'timeout', message: `${request.exportName} did not return within ${request.timeoutMs} ms` };
    }
    if (first && typeof first === 'object' && 'exited' in first) {
      discard();
      return describeExit((first as { exited: ExitReason }).exited, `during ${request.exportName}`);
    }
    return interpretReply(first as { ok?: unknown; value?: unknown; events?: unknown; error?: { name?: unknown; message?: unknown } }, request.exportName);
  }

  return {
    call,
    async close() {
      const child = live?.child;
      discard();
      if (child) await child.exited;
    },
    output: () => (live ? live.child.output() : lastOutput),
  };
}

function interpretReply(reply: { ok?: unknown; value?: unknown; events?: unknown; error?: { name?: unknown; message?: unknown } }, exportName: string): CallOutcome {
  if (reply.ok === true) {
    const value = toPlainData(reply.value);
    if (!value.ok) return { status: 'error', message: `${exportName} returned a value the grader cannot accept: ${value.reason}` };
    const events = toPlainData(Array.isArray(reply.events) ? reply.events : []);
    return { status: 'ok', value: value.value, events: events.ok ? (events.value as unknown[]) : [] };
  }
  const name = String(reply.error?.name ?? 'Error').slice(0, 100);
  const message = String(reply.error?.message ?? '').slice(0, 2000);
  if (name === 'MissingExport') return { status: 'error', message };
  if (name === 'NonErrorThrow' || name === 'UnsendableValue') return { status: 'error', message: `${exportName} ${message}` };
  return { status: 'error', message: `${exportName} threw ${name}: ${message}` };
}
