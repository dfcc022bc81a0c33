import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { SpecProblem } from './errors.js';
import { positionOf, type YamlSource } from './yaml-source.js';

const isFixtureRef = (v: unknown): v is { $fixture: string } =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.keys(v).length === 1 &&
  typeof (v as { $fixture?: unknown }).$fixture === 'string';

/**
 * Replaces every `{ $fixture: name }` below `value` with the parsed contents of
 * assignments/<id>/fixtures/<name> (JSON or YAML). Problems carry the reference's position.
 */
export function resolveFixtures(
  value: unknown,
  dir: string,
  source: YamlSource,
  path: (string | number)[],
  problems: SpecProblem[],
): unknown {
  if (isFixtureRef(value)) {
    const name = value.$fixture;
    const file = join(dir, 'fixtures', name);
    const where = positionOf(source, [...path, '$fixture']);
    if (name.includes('..') || !existsSync(file)) {
      problems.push({
        file: source.file,
        ...where,
        message: `fixture "${name}" not found`,
        fix: `put it in ${join(dir, 'fixtures')}/ or fix the name`,
      });
      return null;
    }
    try {
      return parse(readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push({
        file: source.file,
        ...where,
        message: `fixture "${name}" cannot be parsed: ${(e as Error).message.split('\n')[0]}`,
        fix: 'make it valid JSON or YAML',
      });
      return null;
    }
  }
  if (Array.isArray(value))
    return value.map((v, i) => resolveFixtures(v, dir, source, [...path, i], problems));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        resolveFixtures(v, dir, source, [...path, k], problems),
      ]),
    );
  }
  return value;
}
