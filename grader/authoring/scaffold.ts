import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { graderHome } from '../home.js';
import { template } from './render.js';

export type ScaffoldResult = { ok: true; files: string[] } | { ok: false; message: string };

const ID = /^[a-z][a-z0-9-]*$/;

/** feature-map → featureMap: the example export's name. */
export const camelCase = (id: string): string =>
  id.replace(/-+([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/-+$/, '');

/**
 * A new assignment that validates and passes grade check at once: the spec (with the editor schema
 * line, pointing at the installed grader's schema), a working example reference, one visible and
 * one hidden example group. The author replaces the example.
 */
export async function scaffoldAssignment(root: string, id: string): Promise<ScaffoldResult> {
  if (!ID.test(id))
    return {
      ok: false,
      message: `"${id}" is not a valid assignment id (use lower-case letters, digits and dashes, starting with a letter, e.g. pooling-basics)`,
    };
  const specFile = join('assignments', id, 'assignment.yaml');
  const file = `${id.replaceAll('-', '_')}.ts`;
  const solutionFile = join('solutions', id, file);
  for (const existing of [join('assignments', id), join('solutions', id)]) {
    if (existsSync(join(root, existing)))
      return {
        ok: false,
        message: `${existing} already exists (choose another id, or edit the existing assignment)`,
      };
  }
  const schema = relative(
    join(root, 'assignments', id),
    join(graderHome(), 'schemas', 'assignment.schema.json'),
  );
  const view = { id, file, export: camelCase(id), schema };
  const files: [string, string][] = [
    [specFile, template('new/assignment.yaml.hbs')(view)],
    [solutionFile, template('new/solution.ts.hbs')(view)],
  ];
  for (const [rel, text] of files) {
    await mkdir(dirname(join(root, rel)), { recursive: true });
    await writeFile(join(root, rel), text);
  }
  return { ok: true, files: files.map(([rel]) => rel) };
}
