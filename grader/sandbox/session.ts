import {
  spawnSandboxChild,
  DEFAULT_LIMITS,
  type SandboxChild,
  type SandboxLimits,
  type ExitReason,
} from './child.js';
import { describeExit, interpretReply, type CallOutcome } from './outcome.js';

export type { CallOutcome } from './outcome.js';

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

type Live = {
  child: SandboxChild;
  ready: Promise<CallOutcome | null>;
  waiters: Map<number, (v: unknown) => void>;
};

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
      else if (f?.type === 'load-error')
        onReady({
          status: 'error',
          message: `your module failed to load: ${String(f.error?.message ?? 'unknown error')}`,
        });
      else if (typeof f?.id === 'number') {
        // Only the first well-formed reply for the case in flight counts.
        const waiter = waiters.get(f.id);
        waiters.delete(f.id);
        waiter?.(f);
      }
    });
    const timer = setTimeout(
      () =>
        onReady({
          status: 'timeout',
          message: `your module's top-level code did not finish loading within ${loadTimeoutMs} ms (an endless loop outside a function?)`,
        }),
      loadTimeoutMs,
    );
    void child.exited.then((r) => onReady(describeExit(r, 'while loading', limits)));
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
    const timeout = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), request.timeoutMs)),
    );
    current.child.send({
      id,
      file: request.file,
      exportName: request.exportName,
      args: request.args,
      callbacks: request.callbacks ?? [],
    });
    const first = await Promise.race([
      reply,
      timeout,
      current.child.exited.then((r) => ({ exited: r })),
    ]);
    clearTimeout(timer);
    current.waiters.delete(id);
    if (first === 'timeout') {
      discard();
      return {
        status: 'timeout',
        message: `${request.exportName} did not return within ${request.timeoutMs} ms`,
      };
    }
    if (first && typeof first === 'object' && 'exited' in first) {
      discard();
      return describeExit(
        (first as { exited: ExitReason }).exited,
        `during ${request.exportName}`,
        limits,
      );
    }
    // A reply that arrives after a limit was broken (e.g. output flooded, then a value) does not count.
    const fault = current.child.fault();
    if (fault) {
      discard();
      return describeExit(fault, `during ${request.exportName}`, limits);
    }
    return interpretReply(
      first as {
        ok?: unknown;
        value?: unknown;
        events?: unknown;
        error?: { name?: unknown; message?: unknown };
      },
      request.exportName,
      request.file,
    );
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
