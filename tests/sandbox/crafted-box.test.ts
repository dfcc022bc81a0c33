import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createSession } from '../../grader/sandbox/session.js';

/**
 * Boxes written by hand, without the bundler, so that the code inside may import node:fs, node:net
 * and node:child_process. This tests the layers below the import allow-list (permission model,
 * namespaces, uid, empty environment) and the parent's side of the fd 3 protocol.
 */
const RUNNER = fileURLToPath(new URL('../../grader/sandbox/child/runner.mjs', import.meta.url));
const made: string[] = [];

function craftBox(moduleSource: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'seedgrade-crafted-'));
  chmodSync(dir, 0o755);
  copyFileSync(RUNNER, join(dir, 'runner.mjs'));
  writeFileSync(
    join(dir, 'submission.mjs'),
    `${moduleSource}\nexport const files = { 'f.js': { probe, ...(typeof extra === 'object' ? extra : {}) } };\n`,
  );
  made.push(dir);
  return dir;
}

const call = (box: string, exportName = 'probe', args: unknown[] = []) => {
  const session = createSession({ box });
  return { session, result: session.call({ file: 'f.js', exportName, args, timeoutMs: 3000 }) };
};

afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('layers below the bundler', () => {
  it('denies reads outside the box, writes, child processes; empties the environment; hides other pids', async () => {
    const target = fileURLToPath(
      new URL('../../solutions/feature-map/feature_map.ts', import.meta.url),
    );
    const written = join(tmpdir(), `seedgrade-crafted-write-${process.pid}`);
    const box = craftBox(`
      import fs from 'node:fs';
      import cp from 'node:child_process';
      const attempt = (f) => { try { f(); return 'allowed'; } catch (e) { return e.code ?? e.message; } };
      export function probe() {
        return {
          read: attempt(() => fs.readFileSync(${JSON.stringify(target)}, 'utf8')),
          write: attempt(() => fs.writeFileSync(${JSON.stringify(written)}, 'x')),
          spawn: attempt(() => cp.spawnSync('/bin/true')),
          env: Object.keys(process.env),
          pid: process.pid,
          uid: process.getuid(),
        };
      }`);
    const { session, result } = call(box);
    const outcome = await result;
    await session.close();
    expect(outcome.status).toBe('ok');
    const v = (outcome as { value: Record<string, unknown> }).value;
    expect(v.read).toBe('ERR_ACCESS_DENIED');
    expect(v.write).toBe('ERR_ACCESS_DENIED');
    expect(v.spawn).toBe('ERR_ACCESS_DENIED');
    expect(v.env).toEqual([]);
    expect(existsSync(written)).toBe(false);
    // A fresh pid namespace makes node its pid 1; nobody is uid 65534 (the grader runs as root in CI).
    expect(v.pid).toBe(1);
    expect(v.uid).toBe(65534);
  });

  it('cannot reach a server on the loopback of the host', async () => {
    let bytes = 0;
    const server = createServer((s) => s.on('data', (d) => (bytes += d.length)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const box = craftBox(`
      import net from 'node:net';
      export function probe() {
        return new Promise((resolve) => {
          const s = net.connect(${port}, '127.0.0.1', () => { s.write('LEAK'); s.end(); resolve('connected'); });
          s.on('error', (e) => resolve(e.code));
        });
      }`);
    const { session, result } = call(box);
    const outcome = await result;
    await session.close();
    server.close();
    expect(outcome.status).toBe('ok');
    expect((outcome as { value: unknown }).value).not.toBe('connected');
    expect(bytes).toBe(0);
  });
});

describe("the parent's side of fd 3", () => {
  // v8-serialized frames written straight to fd 3, bypassing the runner's own writer.
  const writer = `
    import fs from 'node:fs';
    import v8 from 'node:v8';
    const frame = (value) => { const p = v8.serialize(value); const h = Buffer.alloc(4); h.writeUInt32BE(p.length); return Buffer.concat([h, p]); };
    const extra = {
      forgeFuture: () => { for (let id = 1; id <= 50; id++) if (id !== 1) fs.writeSync(3, frame({ id, ok: true, value: 'forged' })); return 'honest'; },
      next: () => 'honest',
      garbage: () => { fs.writeSync(3, Buffer.from([0, 0, 0, 4, 1, 2, 3, 4])); return 'honest'; },
      huge: () => { fs.writeSync(3, Buffer.from([0xff, 0xff, 0xff, 0xff, 0])); return 'honest'; },
      flood: () => { const line = 'x'.repeat(65536); for (let i = 0; i < 100; i++) process.stdout.write(line); return 'honest'; },
      spin: () => { for (;;) {} },
    };
    export const probe = () => 'honest';`;

  it('ignores frames for ids not yet asked, and answers later cases from their own replies', async () => {
    const session = createSession({ box: craftBox(writer) });
    const first = await session.call({
      file: 'f.js',
      exportName: 'forgeFuture',
      args: [],
      timeoutMs: 3000,
    });
    const second = await session.call({
      file: 'f.js',
      exportName: 'next',
      args: [],
      timeoutMs: 3000,
    });
    const third = await session.call({
      file: 'f.js',
      exportName: 'next',
      args: [],
      timeoutMs: 3000,
    });
    await session.close();
    expect([first, second, third].map((o) => (o as { value?: unknown }).value)).toEqual([
      'honest',
      'honest',
      'honest',
    ]);
  });

  it.each([
    ['garbage', 'crash', /malformed/],
    ['huge', 'output-limit', /4294967295 bytes/],
    ['flood', 'output-limit', /printed more than/],
  ])(
    '%s: stops the child with status %s, and the next call gets a fresh one',
    async (exportName, status, says) => {
      const session = createSession({
        box: craftBox(writer),
        limits: { memoryMb: 256, maxProcesses: 32, outputBytes: 1024 * 1024 },
      });
      const bad = await session.call({ file: 'f.js', exportName, args: [], timeoutMs: 3000 });
      const after = await session.call({
        file: 'f.js',
        exportName: 'next',
        args: [],
        timeoutMs: 3000,
      });
      await session.close();
      expect(bad.status).toBe(status);
      expect((bad as { message: string }).message).toMatch(says);
      expect(after).toEqual({ status: 'ok', value: 'honest', events: [] });
    },
  );

  it('a stuck child cannot stall the grader: timeout, then close() returns promptly', async () => {
    const session = createSession({ box: craftBox(writer) });
    const stuck = await session.call({
      file: 'f.js',
      exportName: 'spin',
      args: [],
      timeoutMs: 500,
    });
    const t0 = Date.now();
    await session.close();
    expect(stuck.status).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});
