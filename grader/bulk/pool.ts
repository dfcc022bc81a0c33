import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { graderHome } from '../home.js';
import type { Details } from '../report/details.js';
import type { GradeOptions } from '../pipeline.js';
import type { Report } from '../report/schema.js';

/** What a worker needs to grade one submission; the spec and reference it loads itself, once. */
export type PoolOptions = Omit<GradeOptions, 'assignment' | 'reference' | 'expectedByCase'>;
export type PoolJob = { id: number; options: PoolOptions };
export type PoolReply =
  | { id: number; ok: true; report: Report; details: Details }
  | { id: number; ok: false; message: string };
export type Graded = { report: Report; details: Details };

export interface GradingPool {
  grade(options: PoolOptions): Promise<Graded>;
  close(): Promise<void>;
}

/**
 * The worker entry: grade-worker.js of the compiled build, beside this module's chunk in dist/.
 * Running from the TypeScript sources (tests), the same compiled file (vitest builds dist/ first):
 * a worker thread cannot load .ts without a loader hook, and the build is what ships.
 */
function workerEntry(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./grade-worker.js', import.meta.url);
  return pathToFileURL(join(graderHome(), 'dist', 'grade-worker.js'));
}

/** `size` worker threads, each grading one submission at a time. */
export async function createGradingPool(
  size: number,
  root: string,
  assignmentId: string,
): Promise<GradingPool> {
  const entry = workerEntry();
  type Slot = { worker: Worker; busy: boolean };
  const waiting: { job: PoolJob; resolve: (r: Graded) => void; reject: (e: Error) => void }[] = [];
  const inFlight = new Map<
    number,
    { slot: Slot; resolve: (r: Graded) => void; reject: (e: Error) => void }
  >();
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
    const worker = new Worker(entry, {
      workerData: { root, assignmentId },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, busy: false };
    worker.on('message', (reply: PoolReply) => {
      const job = inFlight.get(reply.id);
      if (!job) return;
      inFlight.delete(reply.id);
      slot.busy = false;
      if (reply.ok) job.resolve({ report: reply.report, details: reply.details });
      else job.reject(new Error(`grading worker failed: ${reply.message}`));
      pump();
    });
    worker.on('error', (e) => {
      // A worker that died (it never ran student code, so this is a grader bug): fail its job, replace it.
      for (const [id, job] of inFlight) {
        if (job.slot !== slot) continue;
        inFlight.delete(id);
        job.reject(e);
      }
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1, spawn());
      pump();
    });
    return slot;
  };
  for (let i = 0; i < Math.max(1, size); i++) slots.push(spawn());

  return {
    grade: (options) =>
      new Promise<Graded>((resolve, reject) => {
        waiting.push({ job: { id: nextId++, options }, resolve, reject });
        pump();
      }),
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
