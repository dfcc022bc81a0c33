import { createRequire } from 'node:module';
import { accessSync, constants, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId, Worker } from 'node:worker_threads';
import type { GradeOptions } from '../pipeline.js';
import type { Report } from '../report/schema.js';

/** What a worker needs to grade one submission; the spec and reference it loads itself, once. */
export type PoolOptions = Omit<GradeOptions, 'assignment' | 'reference' | 'expectedByCase'>;
export type PoolJob = { id: number; options: PoolOptions };
export type PoolReply = { id: number; ok: true; report: Report } | { id: number; ok: false; message: string };

export interface GradingPool {
  grade(options: PoolOptions): Promise<Report>;
  close(): Promise<void>;
}

let built: Promise<URL> | undefined;

/**
 * The worker entry: grade-worker.js beside this module in a compiled build. From sources, the
 * worker's modules are bundled into one file first (loading hundreds of .ts and package files
 * through tsx in every worker takes seconds); tsx is still registered for the course's own .ts
 * files (reference solutions, generators). The bundle sits beside sandbox/box.ts so that the paths
 * it resolves from its own location (the process runtime's child runner) stay right.
 */
function workerEntry(): Promise<URL> {
  // Built once per process: later pools (a demo after a bulk run, tests) reuse it.
  built ??= buildWorkerEntry();
  return built;
}

async function buildWorkerEntry(): Promise<URL> {
  if (!import.meta.url.endsWith('.ts')) return new URL('./grade-worker.js', import.meta.url);
  // The ESM build of tsx's API (require.resolve finds the CommonJS one beside it).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = (entry: URL): URL => new URL(`data:text/javascript,${encodeURIComponent(`import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry.href)});`)}`);
  const sandboxDir = fileURLToPath(new URL('../sandbox/', import.meta.url));
  if (!writable(sandboxDir)) return boot(new URL('./grade-worker.ts', import.meta.url));
  const { build } = await import('esbuild');
  sweepStaleBundles(sandboxDir);
  const bundle = join(sandboxDir, `.grade-worker-${process.pid}-${threadId}.mjs`);
  await build({
    entryPoints: [fileURLToPath(new URL('./grade-worker.ts', import.meta.url))],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // esbuild has a native binary; QuickJS loads its .wasm from its package folder.
    external: ['esbuild', 'quickjs-emscripten', 'tsx'],
    banner: { js: "import { createRequire as __seedgradeRequire } from 'node:module'; const require = __seedgradeRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  // Removed when this process exits (pools come and go; the file stays for the next one).
  process.once('exit', () => rmSync(bundle, { force: true }));
  return boot(pathToFileURL(bundle));
}

/** Bundles left by graders that are gone (killed before their exit handler ran). */
function sweepStaleBundles(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = Number(/^\.grade-worker-(\d+)-\d+\.mjs$/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(join(dir, name), { force: true });
    }
  }
}

/** A grader running from a checkout it may not write to (another user's) loads the sources as they are. */
function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** `size` worker threads, each grading one submission at a time. */
export async function createGradingPool(size: number, root: string, assignmentId: string): Promise<GradingPool> {
  const entry = await workerEntry();
  type Slot = { worker: Worker; busy: boolean };
  const waiting: { job: PoolJob; resolve: (r: Report) => void; reject: (e: Error) => void }[] = [];
  const inFlight = new Map<number, { slot: Slot; resolve: (r: Report) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const slots: Slot[] = [];

  const pump = (): void => {
    for (const slot of slots) {
      if (slot.busy || !waiting.length) continue;
      const next = waiting.shift()!;
      slot.busy = true;
      inFlight.set(next.job.id, { slot, resolve: next.resolve, reject: next.reject });
      slot.worker.postMessage(next.job);
    }
  };
  const spawn = (): Slot => {
    const worker = new Worker(entry, { workerData: { root, assignmentId }, stdout: false, stderr: false });
    const slot: Slot = { worker, busy: false };
    worker.on('message', (reply: PoolReply) => {
      const job = inFlight.get(reply.id);
      if (!job) return;
      inFlight.delete(reply.id);
      slot.busy = false;
      if (reply.ok) job.resolve(reply.report);
      else job.reject(new Error(`grading worker failed: ${reply.message}`));
      pump();
    });
    worker.on('error', (e) => {
      // A worker that died (it never ran student code, so this is a grader bug): fail its job, replace it.
      for (const [id, job] of inFlight) if (job.slot === slot) (inFlight.delete(id), job.reject(e));
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1, spawn());
      pump();
    });
    return slot;
  };
  for (let i = 0; i < Math.max(1, size); i++) slots.push(spawn());

  return {
    grade: (options) =>
      new Promise<Report>((resolve, reject) => {
        waiting.push({ job: { id: nextId++, options }, resolve, reject });
        pump();
      }),
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
