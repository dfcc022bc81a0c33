import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadedAssignment } from './load.js';

/** The reference solution's modules by student file name. Trusted: runs in the grader's process. */
export type ReferenceModules = Record<string, Record<string, unknown>>;

export async function loadReference(a: LoadedAssignment): Promise<{ ok: true; modules: ReferenceModules } | { ok: false; missing: string[] }> {
  const modules: ReferenceModules = {};
  const missing: string[] = [];
  for (const file of a.spec.files) {
    const path = join(a.solutionDir, file);
    if (!existsSync(path)) {
      missing.push(path);
      continue;
    }
    if (!file.endsWith('.ts') && !file.endsWith('.js')) continue;
    modules[file] = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  }
  return missing.length ? { ok: false, missing } : { ok: true, modules };
}
