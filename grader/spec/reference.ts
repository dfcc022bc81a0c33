import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadedAssignment } from './load.js';

/** The reference solution's modules by student file name. Trusted: runs in the grader's process. */
export type ReferenceModules = Record<string, Record<string, unknown>>;

export async function loadReference(a: LoadedAssignment): Promise<{ ok: true; modules: ReferenceModules } | { ok: false; missing: string[] }> {
  const modules: ReferenceModules = {};
  const missing: string[] = [];
  const answerModules = a.spec.exercises.flatMap((ex) => (ex.kind === 'answers' && ex.reference_answers ? [ex.reference_answers.split('#')[0]] : []));
  // Code files only: an answers file is per student, its reference answers come from the spec or reference_answers.
  const codeFiles = [...a.spec.files, ...answerModules].filter((f) => f.endsWith('.ts') || f.endsWith('.js'));
  for (const file of codeFiles) {
    const path = join(a.solutionDir, file);
    if (!existsSync(path)) {
      missing.push(path);
      continue;
    }
    modules[file] = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  }
  return missing.length ? { ok: false, missing } : { ok: true, modules };
}
