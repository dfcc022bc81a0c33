import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { builtinGenerators } from '../cases/generators.js';
import { prepareExerciseKinds } from '../exercise/registry.js';
import type { SpecProblem } from '../spec/errors.js';
import type { Generator } from '../spec/generator-api.js';
import { loadSpec, type LoadedAssignment } from '../spec/load.js';
import { loadReference, type ReferenceModules } from './reference.js';
import { loadCourseModule } from './load-module.js';

export type AssignmentLoad =
  | { ok: true; assignment: LoadedAssignment }
  | { ok: false; problems: SpecProblem[] };
export type GradingLoad =
  | { ok: true; assignment: LoadedAssignment; reference: ReferenceModules }
  | { ok: false; problems: SpecProblem[] };

/** The built-in generators and those exported by assignments/<id>/generators.ts (compiled on load). */
async function generatorsFor(
  root: string,
  dir: string,
): Promise<
  { ok: true; generators: Record<string, Generator> } | { ok: false; problem: SpecProblem }
> {
  const generators: Record<string, Generator> = { ...builtinGenerators };
  const custom = join(dir, 'generators.ts');
  if (!existsSync(custom)) return { ok: true, generators };
  const mod = await loadCourseModule(root, custom);
  if (!mod.ok) return mod;
  for (const [name, fn] of Object.entries(mod.exports))
    if (typeof fn === 'function') generators[name] = fn as Generator;
  return { ok: true, generators };
}

/**
 * The one way to load an assignment of a course: spec and schema, fixtures, generators, and what
 * its exercise kinds need loaded (answers load their expression parser only here).
 */
export async function loadAssignment(root: string, id: string): Promise<AssignmentLoad> {
  const spec = loadSpec(root, id);
  if (!spec.ok) return spec;
  const generators = await generatorsFor(root, spec.assignment.dir);
  if (!generators.ok) return { ok: false, problems: [generators.problem] };
  await prepareExerciseKinds(spec.assignment.spec);
  return { ok: true, assignment: { ...spec.assignment, generators: generators.generators } };
}

/** An assignment and its reference solution, as grading needs them. */
export async function loadAssignmentWithReference(root: string, id: string): Promise<GradingLoad> {
  const loaded = await loadAssignment(root, id);
  if (!loaded.ok) return loaded;
  const reference = await loadReference(loaded.assignment);
  if (!reference.ok) return reference;
  return { ok: true, assignment: loaded.assignment, reference: reference.modules };
}
