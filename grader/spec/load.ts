import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SpecProblem } from './errors.js';
import type { Generator } from './generator-api.js';
import { resolveFixtures } from './fixtures.js';
import { Assignment } from './schema.js';
import { checkAgainstSchema } from './schema-check.js';
import { parseYaml, type YamlSource } from './yaml-source.js';

/** A spec that passed the schema, with its fixtures read. */
export interface LoadedSpec {
  spec: Assignment;
  root: string;
  dir: string;
  /** The spec's path as shown in messages (relative to the project root). */
  specFile: string;
  source: YamlSource;
  solutionDir: string;
}

/** The reference solution's modules by student file name. Trusted: runs in the grader's process. */
export type ReferenceModules = Record<string, Record<string, unknown>>;

/** A spec ready to grade: with the generators its cases may call (built-in and the course's own). */
export interface LoadedAssignment extends LoadedSpec {
  generators: Record<string, Generator>;
}

/** What grading needs of an assignment: no YAML positions (a bundle's spec.json is not the author's file). */
export type GradedAssignment = Omit<LoadedAssignment, 'source'>;

export type LoadResult =
  | { ok: true; assignment: LoadedSpec }
  | { ok: false; problems: SpecProblem[] };

export const specPath = (root: string, id: string): string =>
  join(root, 'assignments', id, 'assignment.yaml');

/** Assignment ids found under <root>/assignments, sorted. */
export function listAssignments(root: string): string[] {
  const dir = join(root, 'assignments');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'assignment.yaml')))
    .map((d) => d.name)
    .sort();
}

/** Reads, parses and checks one spec against the schema; reads its fixtures. */
export function loadSpec(root: string, id: string): LoadResult {
  const file = specPath(root, id);
  const shown = relative(root, file) || file;
  if (!existsSync(file)) {
    return {
      ok: false,
      problems: [
        {
          file: shown,
          line: 1,
          column: 1,
          message: `no assignment "${id}"`,
          fix: `create ${shown} (grade new ${id}) or check the id; known: ${listAssignments(root).join(', ') || 'none'}`,
        },
      ],
    };
  }
  const parsed = parseYaml(shown, readFileSync(file, 'utf8'));
  if (!parsed.ok) return parsed;
  const source = parsed.source;
  const schemaProblems = checkAgainstSchema(source, Assignment);
  if (schemaProblems.length) return { ok: false, problems: schemaProblems };
  const spec = source.value as Assignment;
  const dir = join(root, 'assignments', id);
  const problems: SpecProblem[] = [];
  if (spec.id !== id)
    problems.push({
      file: shown,
      line: 1,
      column: 1,
      message: `id "${spec.id}" does not match its folder "${id}"`,
      fix: `write id: ${id}`,
    });
  // Literal cases may load values from fixtures, in any exercise that has test groups.
  spec.exercises.forEach((ex, e) => {
    if (!('groups' in ex)) return;
    ex.groups.forEach((g, gi) => {
      if ('cases' in g)
        g.cases = resolveFixtures(
          g.cases,
          dir,
          source,
          ['exercises', e, 'groups', gi, 'cases'],
          problems,
        ) as typeof g.cases;
    });
  });
  if (problems.length) return { ok: false, problems };
  const solutionDir = join(root, spec.solution ?? join('solutions', id));
  return { ok: true, assignment: { spec, root, dir, specFile: shown, source, solutionDir } };
}
