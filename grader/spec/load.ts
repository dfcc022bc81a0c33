import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinGenerators, type Generator } from '../cases/generators.js';
import type { SpecProblem } from './errors.js';
import { resolveFixtures } from './fixtures.js';
import { Assignment } from './schema.js';
import { checkAgainstSchema } from './schema-check.js';
import { parseYaml, type YamlSource } from './yaml-source.js';

/** A spec that passed the schema, with fixtures read and generators resolved. */
export interface LoadedAssignment {
  spec: Assignment;
  root: string;
  dir: string;
  /** The spec's path as shown in messages (relative to the project root). */
  specFile: string;
  source: YamlSource;
  solutionDir: string;
  generators: Record<string, Generator>;
}

export type LoadResult = { ok: true; assignment: LoadedAssignment } | { ok: false; problems: SpecProblem[] };

export const specPath = (root: string, id: string): string => join(root, 'assignments', id, 'assignment.yaml');

/** Assignment ids found under <root>/assignments, sorted. */
export function listAssignments(root: string): string[] {
  const dir = join(root, 'assignments');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'assignment.yaml')))
    .map((d) => d.name)
    .sort();
}

export async function loadAssignment(root: string, id: string): Promise<LoadResult> {
  const file = specPath(root, id);
  const shown = relative(root, file) || file;
  if (!existsSync(file)) {
    return { ok: false, problems: [{ file: shown, line: 1, column: 1, message: `no assignment "${id}"`, fix: `create ${shown} (grade new ${id}) or check the id; known: ${listAssignments(root).join(', ') || 'none'}` }] };
  }
  const parsed = parseYaml(shown, readFileSync(file, 'utf8'));
  if (!parsed.ok) return parsed;
  const source = parsed.source;
  const schemaProblems = checkAgainstSchema(source, Assignment);
  if (schemaProblems.length) return { ok: false, problems: schemaProblems };
  const spec = source.value as Assignment;
  const dir = join(root, 'assignments', id);
  const problems: SpecProblem[] = [];
  if (spec.id !== id) problems.push({ file: shown, line: 1, column: 1, message: `id "${spec.id}" does not match its folder "${id}"`, fix: `write id: ${id}` });
  spec.exercises.forEach((ex, e) => {
    if (ex.kind !== 'function') return;
    ex.groups.forEach((g, gi) => {
      if ('cases' in g) g.cases = resolveFixtures(g.cases, dir, source, ['exercises', e, 'groups', gi, 'cases'], problems) as typeof g.cases;
    });
  });
  const generators = { ...builtinGenerators };
  const custom = join(dir, 'generators.ts');
  if (existsSync(custom)) {
    const mod = (await import(pathToFileURL(custom).href)) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) if (typeof fn === 'function') generators[name] = fn as Generator;
  }
  if (problems.length) return { ok: false, problems };
  const solutionDir = join(root, spec.solution ?? join('solutions', id));
  return { ok: true, assignment: { spec, root, dir, specFile: shown, source, solutionDir, generators } };
}
