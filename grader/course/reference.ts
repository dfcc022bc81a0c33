import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { kindOf } from '../exercise/registry.js';
import { loadCourseModule } from './load-module.js';
import type { SpecProblem } from '../spec/errors.js';
import type { LoadedSpec, ReferenceModules } from '../spec/load.js';

export type { ReferenceModules } from '../spec/load.js';
import { positionOf } from '../spec/yaml-source.js';

export type ReferenceResult =
  | { ok: true; modules: ReferenceModules }
  | { ok: false; problems: SpecProblem[] };

/** Code files of the reference: the student files, plus modules that hold reference answers. */
function referenceCodeFiles(a: LoadedSpec): string[] {
  const extra = a.spec.exercises.flatMap((ex) => kindOf(ex).referenceFiles?.(ex) ?? []);
  // Code only: a data file (answers.yaml) is per student, its reference comes from the spec or a module.
  return [...new Set([...a.spec.files, ...extra])].filter(
    (f) => f.endsWith('.ts') || f.endsWith('.js'),
  );
}

/** Compiles and imports the reference; a missing file or a compile error is a problem with its place. */
export async function loadReference(a: LoadedSpec): Promise<ReferenceResult> {
  const modules: ReferenceModules = {};
  const problems: SpecProblem[] = [];
  for (const file of referenceCodeFiles(a)) {
    const path = join(a.solutionDir, file);
    if (!existsSync(path)) {
      const at = positionOf(a.source, ['files']);
      const fix = 'write the reference solution there, or set solution: to its folder';
      problems.push({
        file: a.specFile,
        ...at,
        message: `reference solution file ${relative(a.root, path) || path} is missing`,
        fix,
      });
      continue;
    }
    const loaded = await loadCourseModule(a.root, path);
    if (loaded.ok) modules[file] = loaded.exports;
    else problems.push(loaded.problem);
  }
  return problems.length ? { ok: false, problems } : { ok: true, modules };
}
