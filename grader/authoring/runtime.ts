import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { graderHome, graderVersion } from '../home.js';

/** The npm package name of the runtime inside a bundle. */
export const RUNTIME_PACKAGE = 'seedgrade-student';

const studentDir = (): string => join(graderHome(), 'dist', 'student');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)],
  );
}

/**
 * The student-mode grader, compiled by `npm run build` into dist/student/: grade.mjs, the chunks it
 * loads on demand (answers support) and the sandbox's child runner, by path inside .seedgrade/.
 */
export function studentRuntimeFiles(): Record<string, Buffer> {
  const dir = studentDir();
  if (!existsSync(join(dir, 'grade.mjs')))
    throw new Error(
      `the student runtime is not built (no ${join(dir, 'grade.mjs')}); run npm run build`,
    );
  return Object.fromEntries(
    filesUnder(dir)
      .sort()
      .map((f) => [relative(dir, f), readFileSync(f)]),
  );
}

/** Every source file compiled into the student runtime (relative to the grader's folder). */
export function studentRuntimeInputs(): string[] {
  return JSON.parse(
    readFileSync(join(graderHome(), 'dist', 'student-inputs.json'), 'utf8'),
  ) as string[];
}

/** Versions the bundle pins: esbuild and quickjs-emscripten as the grader has them, and the grader's own version. */
export function pinnedVersions(): { esbuild: string; quickjs: string; grader: string } {
  const version = (pkg: string): string => {
    const file = createRequire(join(graderHome(), 'package.json')).resolve(`${pkg}/package.json`);
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  };
  return {
    esbuild: version('esbuild'),
    quickjs: version('quickjs-emscripten'),
    grader: graderVersion(),
  };
}
