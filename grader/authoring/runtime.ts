import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository that holds the grader (not necessarily the project graded with --root). */
export const GRADER_HOME = fileURLToPath(new URL('../../', import.meta.url));

/** The npm package name of the runtime inside a bundle. */
export const RUNTIME_PACKAGE = 'seedgrade-student';

/** The sandbox's child runner: box.ts finds it next to the code that imports it, so it ships beside grade.mjs. */
export const RUNNER_SOURCE = fileURLToPath(new URL('../sandbox/child/runner.mjs', import.meta.url));

// CommonJS dependencies (commander, seedrandom…) call require(); an ES module bundle needs one.
const BANNER = "#!/usr/bin/env node\nimport { createRequire as __seedgradeRequire } from 'node:module';\nconst require = __seedgradeRequire(import.meta.url);";

/**
 * The student-mode grader as one ES module. esbuild and quickjs-emscripten stay external: one has a
 * native binary, the other loads its .wasm file from its package; the bundle's package.json installs
 * the same versions from the registry.
 */
export async function bundleRuntime(): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./student-cli.ts', import.meta.url))],
    absWorkingDir: GRADER_HOME, // paths in the output's comments are relative to it: same bytes anywhere
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['esbuild', 'quickjs-emscripten'],
    banner: { js: BANNER },
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
  });
  // inputs: every source file that went in (relative to GRADER_HOME), so a test can prove no solution did.
  return { code: result.outputFiles[0].text, inputs: Object.keys(result.metafile.inputs).sort() };
}

/** Versions the bundle pins: esbuild and quickjs-emscripten as the grader has them, and the grader's own version. */
export function pinnedVersions(): { esbuild: string; quickjs: string; grader: string } {
  const own = JSON.parse(readFileSync(new URL('package.json', `file://${GRADER_HOME}`), 'utf8')) as { version: string; dependencies?: Record<string, string> };
  const esbuild = JSON.parse(readFileSync(new URL('node_modules/esbuild/package.json', `file://${GRADER_HOME}`), 'utf8')) as { version: string };
  const quickjs = JSON.parse(readFileSync(new URL('node_modules/quickjs-emscripten/package.json', `file://${GRADER_HOME}`), 'utf8')) as { version: string };
  return { esbuild: esbuild.version, quickjs: quickjs.version, grader: own.version };
}
