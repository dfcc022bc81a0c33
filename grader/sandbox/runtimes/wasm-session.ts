import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten';
import type { SandboxLimits } from '../child.js';
import { MAX_FRAME_BYTES } from '../frames.js';
import { describeExit, type CallOutcome } from '../outcome.js';
import { DEFAULT_PLAIN_LIMITS } from '../plain-data.js';
import type { CallRequest, Session } from '../session.js';
import { dropQuickJS, loadQuickJS } from './wasm-engine.js';
import { WASM_PRELUDE } from './wasm-prelude.js';
import { decodeReply, encodeArgs, safeDump, stackOverflow } from './wasm-wire.js';

/**
 * QuickJS's own stack limit for student code (about 1,300 nested calls). The wasm frames also use
 * the host thread's native stack: a larger limit lets V8 overflow first, which would take the
 * whole QuickJS module down instead of throwing a catchable stack overflow inside it.
 */
const STACK_BYTES = 256 * 1024;
const KEEP_OUTPUT = 16 * 1024;
/** Jobs run between two deadline checks while a promise settles. */
const JOB_SLICE = 1000;

export interface WasmSessionOptions {
  /** The student bundle as a script that sets globalThis.__seedgrade_files. */
  code: string;
  limits: SandboxLimits;
  loadTimeoutMs?: number;
}

type Live = { rt: QuickJSRuntime; ctx: QuickJSContext; fns: QuickJSHandle[] };
type Fault = { kind: 'output-limit' | 'memory'; what: string };

/**
 * Calls into one submission in a QuickJS context of its own (never shared between students; a fresh
 * one after any fault). Time is bounded by the interrupt handler, memory by the runtime's limit,
 * recursion by its stack size; output is captured and capped in the host.
 */
export function createWasmSession(options: WasmSessionOptions): Session {
  const { limits } = options;
  const loadTimeoutMs = options.loadTimeoutMs ?? 5000;
  let live: Live | undefined;
  let fatal: CallOutcome | undefined;
  let deadline = 0;
  /** Set when the interrupt handler stopped code: whatever the call said after that does not count. */
  let interrupted = false;
  let fault: Fault | undefined;
  let stdout = '';
  let stderr = '';
  let outputTotal = 0;

  /** The engine itself failed (a host exception out of the wasm): never touch this module again. */
  const abandon = (): void => {
    live = undefined;
    dropQuickJS();
  };

  const discard = (): void => {
    if (!live) return;
    const { rt, ctx, fns } = live;
    live = undefined;
    try {
      // Jobs left in the queue (a promise flood) must be run out, interrupted, before the runtime is
      // freed: QuickJS asserts that nothing is alive then. Each interrupted job ends its own chain.
      deadline = 0;
      for (let i = 0; i < 1000 && rt.hasPendingJob(); i++) {
        const r = rt.executePendingJobs(1000);
        if (r.error) r.error.dispose();
      }
      for (const f of fns) f.dispose();
      ctx.dispose();
      rt.dispose();
    } catch {
      // A runtime that broke inside the engine: drop the whole module, the next session loads a fresh one.
      dropQuickJS();
    }
  };

  const print = (stream: number, text: string): void => {
    outputTotal += Buffer.byteLength(text);
    if (stream === 1 && stdout.length < KEEP_OUTPUT)
      stdout += text.slice(0, KEEP_OUTPUT - stdout.length);
    if (stream === 2 && stderr.length < KEEP_OUTPUT)
      stderr += text.slice(0, KEEP_OUTPUT - stderr.length);
    if (outputTotal > limits.outputBytes)
      fault ??= { kind: 'output-limit', what: `printed more than ${limits.outputBytes} bytes` };
  };

  const start = async (): Promise<Live | CallOutcome> => {
    const module = await loadQuickJS();
    const rt = module.newRuntime();
    rt.setMemoryLimit(limits.memoryMb * 1024 * 1024);
    rt.setMaxStackSize(STACK_BYTES);
    rt.setInterruptHandler(() => {
      if (fault === undefined && Date.now() <= deadline) return false;
      interrupted = true;
      return true;
    });
    const ctx = rt.newContext();
    const fns: QuickJSHandle[] = [];
    const l: Live = { rt, ctx, fns };
    live = l;
    deadline = Date.now() + loadTimeoutMs;
    const printFn = ctx.newFunction('print', (s, t) => {
      if (ctx.typeof(t) === 'string') print(ctx.getNumber(s), ctx.getString(t));
    });
    const caps = {
      ...DEFAULT_PLAIN_LIMITS,
      maxBytes: MAX_FRAME_BYTES,
      outputBytes: limits.outputBytes,
    };
    const lim = ctx.evalCode(`(${JSON.stringify(caps)})`).unwrap();
    const make = ctx.evalCode(WASM_PRELUDE, 'seedgrade-prelude.js').unwrap();
    const list = ctx.callFunction(make, ctx.undefined, printFn, lim).unwrap();
    for (let i = 0; i < 3; i++) fns.push(ctx.getProp(list, i));
    for (const h of [printFn, lim, make, list]) h.dispose();
    // Student code runs from here on.
    const loaded = ctx.evalCode(options.code, 'submission.js');
    if (loaded.error) {
      const problem = failure(ctx, loaded.error, 'while loading');
      loaded.error.dispose();
      return problem ?? { status: 'error', message: 'your module failed to load' };
    }
    loaded.value.dispose();
    ctx.callFunction(fns[0], ctx.undefined).unwrap().dispose();
    return l;
  };

  /** A QuickJS exception that escaped our own code: only the engine's limits do that. */
  function failure(ctx: QuickJSContext, error: QuickJSHandle, during: string): CallOutcome {
    if (fault) return describeExit(fault, during, limits);
    if (Date.now() > deadline) {
      const what = `your module's top-level code did not finish loading within ${loadTimeoutMs} ms (an endless loop outside a function?)`;
      return { status: 'timeout', message: during === 'while loading' ? what : 'timeout' };
    }
    const e = safeDump(ctx, error);
    if (/out of memory/i.test(e.message)) return describeExit({ kind: 'memory' }, during, limits);
    if (/stack overflow/i.test(e.message)) return stackOverflow(during);
    return { status: 'error', message: `your module failed to load: ${e.message || e.name}` };
  }

  async function call(request: CallRequest): Promise<CallOutcome> {
    try {
      const outcome = await callInside(request);
      // WebAssembly memory never shrinks: after a memory bomb, let the whole module go (a fresh one
      // is instantiated from the compiled code in milliseconds) rather than keep its grown heap.
      if (outcome.status === 'memory') dropQuickJS();
      return outcome;
    } catch (e) {
      abandon();
      const during = `during ${request.exportName}`;
      if (e instanceof RangeError) return stackOverflow(during);
      const message = `the wasm sandbox failed ${during}: ${e instanceof Error ? e.message : String(e)}`;
      return { status: 'crash', message, summary: `the wasm sandbox failed ${during}` };
    }
  }

  async function callInside(request: CallRequest): Promise<CallOutcome> {
    if (fatal) return fatal;
    if (!live) {
      fault = undefined;
      const started = await start();
      if (!('rt' in started)) {
        // Loading is deterministic: the same module would fail the same way again.
        fatal = started;
        discard();
        return fatal;
      }
    }
    const { rt, ctx, fns } = live!;
    const timeout = (): CallOutcome => ({
      status: 'timeout',
      message: `${request.exportName} did not return within ${request.timeoutMs} ms`,
    });
    const args = [
      request.file,
      request.exportName,
      encodeArgs(request.args),
      JSON.stringify(request.callbacks ?? []),
    ];
    const during = `during ${request.exportName}`;
    deadline = Date.now() + request.timeoutMs;
    interrupted = false;
    const argv = args.map((a) => ctx.newString(a));
    const res = ctx.callFunction(fns[1], ctx.undefined, ...argv);
    argv.forEach((h) => h.dispose());
    if (res.error) {
      const outcome = failure(ctx, res.error, during);
      res.error.dispose();
      discard();
      return outcome.status === 'timeout' ? timeout() : outcome;
    }
    res.value.dispose();
    let reply = pollState(ctx, fns[2]);
    while (reply === 'P' && !fault && Date.now() <= deadline) {
      if (!rt.hasPendingJob()) break; // nothing left that could settle it: it never will
      const jobs = rt.executePendingJobs(JOB_SLICE);
      if (jobs.error) jobs.error.dispose();
      reply = pollState(ctx, fns[2]);
    }
    if (fault) {
      const f = fault;
      discard();
      return describeExit(f, during, limits);
    }
    if (reply === 'P' || reply === undefined || interrupted) {
      // Never settled, or settled only because the interrupt threw into it: a timeout either way.
      discard();
      return timeout();
    }
    return decodeReply(reply, request, limits, () => discard());
  }

  function pollState(ctx: QuickJSContext, poll: QuickJSHandle): string | undefined {
    const r = ctx.callFunction(poll, ctx.undefined);
    if (r.error) {
      r.error.dispose();
      return undefined;
    }
    const s = ctx.typeof(r.value) === 'string' ? ctx.getString(r.value) : undefined;
    r.value.dispose();
    return s;
  }

  return {
    call,
    async close() {
      try {
        discard();
      } catch {
        abandon();
      }
    },
    output: () => ({ stdout, stderr }),
  };
}
