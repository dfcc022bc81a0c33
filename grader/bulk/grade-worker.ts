/**
 * A bulk-grading worker thread (an entry file of its own): loads the spec, the reference and the
 * QuickJS module once, then grades one submission at a time with the trusted pipeline. Student code
 * never runs in this thread's JS realm: only inside QuickJS (wasm) or a sandboxed child (process).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { gradeSubmission } from '../pipeline.js';
import { loadAssignment, type LoadedAssignment } from '../spec/load.js';
import { loadReference, type ReferenceModules } from '../spec/reference.js';
import type { PoolJob, PoolReply } from './pool.js';

const { root, assignmentId } = workerData as { root: string; assignmentId: string };
let loaded: Promise<{ assignment: LoadedAssignment; reference: ReferenceModules }> | undefined;

async function load(): Promise<{ assignment: LoadedAssignment; reference: ReferenceModules }> {
  const a = await loadAssignment(root, assignmentId);
  if (!a.ok) throw new Error(`the spec of ${assignmentId} no longer loads in the worker`);
  const reference = await loadReference(a.assignment);
  if (!reference.ok) throw new Error(`reference solution missing: ${reference.missing.join(', ')}`);
  return { assignment: a.assignment, reference: reference.modules };
}

parentPort!.on('message', (job: PoolJob) => {
  void (async (): Promise<PoolReply> => {
    try {
      loaded ??= load();
      const { assignment, reference } = await loaded;
      const report = await gradeSubmission({ ...job.options, assignment, reference });
      return { id: job.id, ok: true, report };
    } catch (e) {
      return { id: job.id, ok: false, message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
  })().then((reply) => parentPort!.postMessage(reply));
});
