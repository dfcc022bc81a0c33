/**
 * A bulk-grading worker thread (an entry file of its own, compiled to dist/grade-worker.js): loads
 * the assignment and its reference once, then grades one submission at a time with the trusted
 * pipeline. Student code never runs in this thread's JS realm: only inside QuickJS (wasm) or a
 * sandboxed child (process).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadAssignmentWithReference } from '../course/load-assignment.js';
import { gradeSubmissionWithDetails } from '../pipeline.js';
import { formatProblem } from '../spec/errors.js';
import type { LoadedAssignment, ReferenceModules } from '../spec/load.js';
import type { PoolJob, PoolReply } from './pool.js';

const { root, assignmentId } = workerData as { root: string; assignmentId: string };
let loaded: Promise<{ assignment: LoadedAssignment; reference: ReferenceModules }> | undefined;

async function load(): Promise<{ assignment: LoadedAssignment; reference: ReferenceModules }> {
  const a = await loadAssignmentWithReference(root, assignmentId);
  if (!a.ok)
    throw new Error(
      `the spec of ${assignmentId} no longer loads in the worker: ${a.problems.map(formatProblem).join('; ')}`,
    );
  return { assignment: a.assignment, reference: a.reference };
}

parentPort!.on('message', (job: PoolJob) => {
  void (async (): Promise<PoolReply> => {
    try {
      loaded ??= load();
      const { assignment, reference } = await loaded;
      const { report, details } = await gradeSubmissionWithDetails({
        ...job.options,
        assignment,
        reference,
      });
      return { id: job.id, ok: true, report, details };
    } catch (e) {
      return {
        id: job.id,
        ok: false,
        message: e instanceof Error ? (e.stack ?? e.message) : String(e),
      };
    }
  })().then((reply) => parentPort!.postMessage(reply));
});
