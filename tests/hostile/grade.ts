import { loadForGrading } from '../../grader/cli/load-spec.js';
import { gradeSubmission } from '../../grader/pipeline.js';
import { withoutTiming } from '../../grader/report/build.js';
import type { Report } from '../../grader/report/schema.js';
import type { SandboxLimits } from '../../grader/sandbox/child.js';
import type { RuntimeName } from '../../grader/sandbox/runtimes/types.js';
import { ROOT } from './setup.js';

export const SECRET = { value: 'hostile-course-secret-91c2', source: 'provided' as const };

/**
 * Smaller than the default limits so that memory bombs reach the wall well inside the 2 s case
 * time limit even on a slow machine (fresh pages fault in at ~150 MB/s on some VMs).
 */
export const LIMITS: SandboxLimits = {
  memoryMb: 128,
  maxProcesses: 32,
  outputBytes: 4 * 1024 * 1024,
};

type Loaded = Awaited<ReturnType<typeof loadForGrading>>;
let loaded: Promise<Loaded> | undefined;

export async function grade(
  submissionDir: string,
  student: string,
  runtime: RuntimeName,
): Promise<Report> {
  loaded ??= loadForGrading(ROOT, 'feature-map');
  const { assignment, reference } = await loaded;
  return gradeSubmission({
    assignment,
    reference,
    submissionDir,
    student,
    secret: SECRET,
    limits: LIMITS,
    runtime,
  });
}

/** Runs jobs with at most `width` at a time; results in input order. */
export async function pool<T, R>(
  items: T[],
  width: number,
  job: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

export const comparable = (r: Report): Report => withoutTiming(r);
