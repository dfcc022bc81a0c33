import { kindOf } from '../exercise/registry.js';
import type { ProblemAt } from '../exercise/types.js';
import type { SpecProblem } from '../spec/errors.js';
import type { LoadedAssignment } from '../spec/load.js';
import { loadReference } from './reference.js';
import { positionOf } from '../spec/yaml-source.js';

/** Checks beyond the schema: what the spec refers to exists and makes sense. Each kind checks its own. */
export async function checkMeaning(a: LoadedAssignment): Promise<SpecProblem[]> {
  const problems: SpecProblem[] = [];
  const at: ProblemAt = (path, message, fix, key = false) => {
    problems.push({ file: a.specFile, ...positionOf(a.source, path, key), message, fix });
  };
  const reference = await loadReference(a);
  if (!reference.ok) problems.push(...reference.problems);
  const exerciseIds = new Set<string>();
  const validators = await Promise.all(a.spec.exercises.map((ex) => kindOf(ex).validator()));
  a.spec.exercises.forEach((ex, e) => {
    const path = ['exercises', e];
    if (exerciseIds.has(ex.id))
      at([...path, 'id'], `exercise id "${ex.id}" is used twice`, 'give each exercise its own id');
    exerciseIds.add(ex.id);
    if (!a.spec.files.includes(ex.file))
      at(
        [...path, 'file'],
        `file "${ex.file}" is not listed in files`,
        'add it to files: or fix the name',
      );
    validators[e](ex, {
      assignment: a,
      reference: reference.ok ? reference.modules : undefined,
      path,
      at,
    });
  });
  if (a.spec.late && !a.spec.due) {
    at(
      ['late'],
      'late: needs a due date',
      'add due: (ISO 8601 with offset, e.g. 2026-03-01T23:59:00-05:00) or remove late:',
      true,
    );
  }
  if (a.spec.due && Number.isNaN(Date.parse(a.spec.due))) {
    at(
      ['due'],
      `due "${a.spec.due}" is not a real date`,
      'write a valid ISO 8601 date with offset',
    );
  }
  return problems;
}
