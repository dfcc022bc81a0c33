import { formatProblem } from '../spec/errors.js';
import type { LoadedAssignment } from '../spec/load.js';
import { loadAssignmentWithReference } from '../course/load-assignment.js';
import type { ReferenceModules } from '../course/reference.js';
import { UserError } from './errors.js';

/** Loads a spec and its reference, or stops with the spec's problems (file:line:col each). */
export async function loadForGrading(
  root: string,
  id: string,
): Promise<{ assignment: LoadedAssignment; reference: ReferenceModules }> {
  const loaded = await loadAssignmentWithReference(root, id);
  if (!loaded.ok) throw new UserError(loaded.problems.map(formatProblem).join('\n'));
  return { assignment: loaded.assignment, reference: loaded.reference };
}
