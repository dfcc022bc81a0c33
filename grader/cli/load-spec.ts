import { formatProblem } from '../spec/errors.js';
import { loadAssignment, type LoadedAssignment } from '../spec/load.js';
import { loadReference, type ReferenceModules } from '../spec/reference.js';
import { UserError } from './errors.js';

/** Loads a spec and its reference, or stops with the spec's problems (file:line:col each). */
export async function loadForGrading(root: string, id: string): Promise<{ assignment: LoadedAssignment; reference: ReferenceModules }> {
  const loaded = await loadAssignment(root, id);
  if (!loaded.ok) throw new UserError(loaded.problems.map(formatProblem).join('\n'), 'SPEC_INVALID');
  const reference = await loadReference(loaded.assignment);
  if (!reference.ok) throw new UserError(`reference solution missing: ${reference.missing.join(', ')} (run grade validate ${id})`, 'REFERENCE_MISSING');
  return { assignment: loaded.assignment, reference: reference.modules };
}
