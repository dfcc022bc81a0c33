import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleSubmission } from '../../grader/sandbox/bundle.js';
import type { SandboxLimits } from '../../grader/sandbox/child.js';
import { createWasmSession } from '../../grader/sandbox/runtimes/wasm-session.js';
import type { CallOutcome, Session } from '../../grader/sandbox/session.js';

const LIMITS: SandboxLimits = { memoryMb: 64, maxProcesses: 1, outputBytes: 64 * 1024 };

/** A bundle for QuickJS from the given student files (TypeScript allowed, as students write). */
async function sessionFor(files: Record<string, string>, limits = LIMITS): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), 'seedgrade-wasm-test-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const bundle = await bundleSubmission(dir, Object.keys(files), 'wasm');
  if (!bundle.ok) throw new Error(JSON.stringify(bundle.errors));
  return createWasmSession({ code: bundle.code, limits, loadTimeoutMs: 1000 });
}

const call = (
  s: Session,
  exportName: string,
  args: unknown[] = [],
  timeoutMs = 500,
): Promise<CallOutcome> => s.call({ file: 'm.ts', exportName, args, timeoutMs });
const valueOf = (o: CallOutcome): unknown => (o.status === 'ok' ? o.value : o);

describe('the wasm runtime', () => {
  it('carries NaN, -0, Infinity and strings starting with a NUL both ways', async () => {
    const s = await sessionFor({
      'm.ts':
        'export const echo = (x: unknown) => x;\nexport const make = () => [NaN, -0, Infinity, -Infinity, "\\u0000a"];',
    });
    const back = valueOf(
      await call(s, 'echo', [[NaN, -0, -Infinity, '\u0000b', { k: 1 }]]),
    ) as unknown[];
    expect(Object.is(back[0], NaN)).toBe(true);
    expect(Object.is(back[1], -0)).toBe(true);
    expect(back.slice(2)).toEqual([-Infinity, '\u0000b', { k: 1 }]);
    const made = valueOf(await call(s, 'make')) as unknown[];
    expect(Object.is(made[1], -0)).toBe(true);
    expect(made).toEqual([NaN, -0, Infinity, -Infinity, '\u0000a']);
    await s.close();
  });

  it('refuses functions, cycles, class instances and getters; keeps a __proto__ key as data', async () => {
    const s = await sessionFor({
      'm.ts': [
        'export const fn = () => [() => 1];',
        'export const cycle = () => { const a: unknown[] = []; a.push(a); return a; };',
        'class Point { x = 1 }',
        'export const instance = () => ({ p: new Point() });',
        "export const getter = () => Object.defineProperty({}, 'x', { enumerable: true, get: () => 1 });",
        'export const proto = () => JSON.parse(\'{"__proto__": {"polluted": true}}\');',
      ].join('\n'),
    });
    expect(await call(s, 'fn')).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/\[0\] is a function/),
    });
    expect(await call(s, 'cycle')).toMatchObject({
      status: 'error',
      summary: expect.stringMatching(/a cycle/),
    });
    expect(await call(s, 'instance')).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/\.p is a Point/),
    });
    expect(await call(s, 'getter')).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/\.x is a getter/),
    });
    const proto = valueOf(await call(s, 'proto')) as Record<string, unknown>;
    expect(Object.getOwnPropertyNames(proto)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await s.close();
  });

  it('awaits async exports; a promise that can never settle is a timeout', async () => {
    const s = await sessionFor({
      'm.ts':
        'export async function later(x: number) { await null; return x * 2; }\nexport const never = () => new Promise(() => {});',
    });
    expect(valueOf(await call(s, 'later', [21]))).toBe(42);
    expect(await call(s, 'never')).toMatchObject({
      status: 'timeout',
      message: 'never did not return within 500 ms',
    });
    expect(valueOf(await call(s, 'later', [2]))).toBe(4);
    await s.close();
  });

  it('stops loops, promise floods and catastrophic regexes by time, and starts a fresh context after', async () => {
    const s = await sessionFor({
      'm.ts': [
        'let calls = 0;',
        'export const count = () => ++calls;',
        'export const spin = () => { try { for (;;) {} } finally { for (;;) {} } };',
        'export async function flood() { for (;;) await null; }',
        "export const regex = () => /^(a+)+$/.test('a'.repeat(40) + '!');",
      ].join('\n'),
    });
    expect(valueOf(await call(s, 'count'))).toBe(1);
    expect(valueOf(await call(s, 'count'))).toBe(2);
    for (const name of ['spin', 'flood', 'regex']) {
      expect((await call(s, name, [], 300)).status, name).toBe('timeout');
      // Module state starts over: the context that faulted is gone.
      expect(valueOf(await call(s, 'count')), name).toBe(1);
    }
    await s.close();
  });

  it('enforces the memory limit, the stack limit and the output cap with their statuses', async () => {
    const s = await sessionFor({
      'm.ts': [
        'export const hoard = () => { const a: ArrayBuffer[] = []; for (;;) a.push(new ArrayBuffer(8 << 20)); };',
        'const down = (n: number): number => down(n + 1) + 1;',
        'export const recurse = () => down(0);',
        "export const flood = () => { for (;;) console.log('x'.repeat(1000)); };",
        "export const say = (n: number) => { console.log('hello', n, [1, 2]); console.error('oops'); return n; };",
      ].join('\n'),
    });
    expect(await call(s, 'hoard', [], 5000)).toMatchObject({
      status: 'memory',
      message: expect.stringMatching(/64 MB/),
    });
    expect(await call(s, 'recurse', [], 5000)).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/stack overflow/),
    });
    expect(await call(s, 'flood', [], 5000)).toMatchObject({
      status: 'output-limit',
      message: expect.stringMatching(/printed more than 65536 bytes/),
    });
    await s.close();
    const t = await sessionFor({
      'm.ts':
        "export const say = (n: number) => { console.log('hello', n, [1, 2]); console.error('oops'); return n; };",
    });
    expect(valueOf(await call(t, 'say', [3]))).toBe(3);
    expect(t.output()).toEqual({ stdout: 'hello 3 [1,2]\n', stderr: 'oops\n' });
    await t.close();
  });

  it('has no node, no host objects, no Atomics: names node provides are simply missing', async () => {
    const s = await sessionFor({
      'm.ts':
        'export const look = () => [typeof process, typeof (globalThis as Record<string, unknown>).require, typeof fetch, typeof Atomics, typeof SharedArrayBuffer, typeof setTimeout];',
    });
    expect(valueOf(await call(s, 'look'))).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'undefined',
    ]);
    await s.close();
  });

  it('reports a missing export and a module that fails to load', async () => {
    const s = await sessionFor({ 'm.ts': 'export const a = 1;' });
    expect(await call(s, 'f')).toMatchObject({
      status: 'error',
      summary: 'm.ts does not export a function named f',
    });
    const broken = await sessionFor({
      'm.ts': "throw new Error('nope at load');\nexport const f = () => 1;",
    });
    expect(await call(broken, 'f')).toMatchObject({
      status: 'error',
      message: 'your module failed to load: nope at load',
    });
    const looping = await sessionFor({ 'm.ts': 'for (;;) {}\nexport const f = () => 1;' });
    expect(await call(looping, 'f')).toMatchObject({
      status: 'timeout',
      message: expect.stringMatching(/did not finish loading/),
    });
  });

  it('refuses node built-ins at build time, naming the module and the wasm sandbox', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seedgrade-wasm-test-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(
      join(dir, 'm.ts'),
      "import { format } from 'node:util';\nexport const f = () => format('%d', 1);",
    );
    const bundle = await bundleSubmission(dir, ['m.ts'], 'wasm');
    expect(bundle.ok).toBe(false);
    const message = bundle.ok
      ? ''
      : bundle.errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('\n');
    expect(message).toMatch(
      /^m\.ts:1: import of "node:util" is not allowed: this assignment runs in the wasm sandbox/,
    );
    // The process runtime still allows it (node:util is on its allow-list).
    expect((await bundleSubmission(dir, ['m.ts'], 'process')).ok).toBe(true);
  });
});
