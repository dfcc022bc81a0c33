import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the installed seedgrade package (templates/, dist/, package.json), found by walking
 * up from this code: the same answer from the TypeScript sources and from any compiled chunk.
 */
function findHome(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'seedgrade'
    )
      return dir;
    const up = dirname(dir);
    if (up === dir)
      throw new Error(
        'seedgrade: cannot find its own package.json above ' + fileURLToPath(import.meta.url),
      );
    dir = up;
  }
}

let home: string | undefined;

export const graderHome = (): string => (home ??= findHome());

/** The grader's own version (from its package.json, not the course's): part of bulk's resume key. */
export const graderVersion = (): string =>
  (JSON.parse(readFileSync(join(graderHome(), 'package.json'), 'utf8')) as { version: string })
    .version;
