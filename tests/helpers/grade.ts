import { gradeSubmission } from '../../grader/pipeline.js';
import type { Report } from '../../grader/report/schema.js';
import { type LoadedAssignment } from '../../grader/spec/load.js';
import { loadAssignment } from '../../grader/course/load-assignment.js';
import { loadReference, type ReferenceModules } from '../../grader/course/reference.js';
import { REPO } from './project.js';

const cache = new Map<string, { assignment: LoadedAssignment; reference: ReferenceModules }>();

export async function loaded(
  id: string,
  root = REPO,
): Promise<{ assignment: LoadedAssignment; reference: ReferenceModules }> {
  const key = `${root}\0${id}`;
  if (!cache.has(key)) {
    const a = await loadAssignment(root, id);
    if (!a.ok) throw new Error(JSON.stringify(a.problems));
    const r = await loadReference(a.assignment);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    cache.set(key, { assignment: a.assignment, reference: r.modules });
  }
  return cache.get(key)!;
}

/** Grades a folder exactly as `grade run` does. */
export async function grade(
  id: string,
  submissionDir: string,
  student = 'student-1',
  secret = 'test-secret',
  root = REPO,
): Promise<Report> {
  const { assignment, reference } = await loaded(id, root);
  return gradeSubmission({
    assignment,
    reference,
    submissionDir,
    student,
    secret: { value: secret, source: 'provided' },
  });
}

export const byName = (r: Report): Map<string, Report['tests'][number]> =>
  new Map(r.tests.map((t) => [t.name, t]));
