import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinGenerators, type Generator } from '../../grader/cases/generators.js';
import type { LoadedAssignment } from '../../grader/spec/load.js';
import type { Assignment } from '../../grader/spec/schema.js';
import { parseYaml } from '../../grader/spec/yaml-source.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** An assignment held in memory, as loadAssignment would return it. */
export function inMemory(
  spec: Assignment,
  generators: Record<string, Generator> = {},
): LoadedAssignment {
  const parsed = parseYaml('assignment.yaml', JSON.stringify(spec));
  if (!parsed.ok) throw new Error('bad test spec');
  return {
    spec,
    root: '/project',
    dir: '/project/assignments/x',
    specFile: 'assignments/x/assignment.yaml',
    source: parsed.source,
    solutionDir: '/project/solutions/x',
    generators: { ...builtinGenerators, ...generators },
  };
}

/** A throwaway folder holding the given files (relative path → text). */
export function makeFolder(files: Record<string, string>, prefix = 'seedgrade-authoring-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Every file under `dir` (relative path → bytes and mode), skipping node_modules. */
export function readTree(dir: string): Map<string, { bytes: Buffer; mode: number }> {
  const out = new Map<string, { bytes: Buffer; mode: number }>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), { bytes: readFileSync(p), mode: statSync(p).mode });
    }
  };
  walk(dir);
  return out;
}
