import { build } from 'esbuild';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GRADER_HOME, RUNNER_SOURCE } from '../authoring/runtime.js';
import type { LoadedAssignment } from '../spec/load.js';

/**
 * Gradescope's autograder zip ("Autograder Specifications", gradescope-autograders.readthedocs.io/en/
 * latest/specs/): setup.sh and run_autograder at the root; Gradescope unpacks the zip into
 * /autograder/source, runs setup.sh once when it builds the image, and run_autograder per submission,
 * which must write /autograder/results/results.json. Everything grading needs is inside, so nothing is
 * installed at grading time: the grader as one bundled file, its sandbox runner beside it, esbuild
 * (students' code is bundled before it runs; its native binary is the one installed here, linux-x64
 * on Gradescope's Ubuntu images), the assignment, its reference and the secret.
 */
export interface ZipEntry {
  path: string;
  data: Buffer;
  mode: number;
}

const SETUP_SH = `#!/usr/bin/env bash
# Runs once when Gradescope builds the image. Installs Node 20 (Debian/Ubuntu packages from
# NodeSource) only when the image has no Node >= 20; nothing else is installed.
set -euo pipefail
have=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$have" -lt 20 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends ca-certificates curl gnupg
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y --no-install-recommends nodejs
fi
node --version
`;

const RUN_AUTOGRADER = `#!/usr/bin/env bash
# Gradescope runs this per submission; AUTOGRADER_ROOT stands in for /autograder (tests, local runs).
set -euo pipefail
ROOT="\${AUTOGRADER_ROOT:-/autograder}"
cd "$ROOT/source"
exec node "$ROOT/source/grader/grader.mjs"
`;

// CommonJS dependencies call require(); an ES module bundle needs one (as in the student bundle).
const BANNER = [
  "import { createRequire as __seedgradeRequire } from 'node:module';",
  'const require = __seedgradeRequire(import.meta.url);',
].join('\n');
const BUILD = { absWorkingDir: GRADER_HOME, bundle: true, write: false, format: 'esm', platform: 'node', target: 'node20' } as const;

/** The Gradescope grader as one ES module (esbuild stays external: it ships as its package). */
export async function bundleAutograder(): Promise<string> {
  const result = await build({
    ...BUILD,
    entryPoints: [fileURLToPath(new URL('./autograder-main.ts', import.meta.url))],
    external: ['esbuild'],
    banner: { js: BANNER },
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Files of a folder, sorted, relative paths; .ts files compiled into self-contained JavaScript. */
async function courseFiles(dir: string, prefix: string): Promise<ZipEntry[]> {
  const out: ZipEntry[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) await walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
        // Bundled: a generator may import the grader's helpers, which are not in the zip as files.
        const r = await build({ ...BUILD, entryPoints: [path], banner: { js: BANNER }, legalComments: 'none', logLevel: 'silent' });
        out.push({ path: join(prefix, relative(dir, path)), data: Buffer.from(r.outputFiles[0]!.text), mode: 0o644 });
      } else out.push({ path: join(prefix, relative(dir, path)), data: readFileSync(path), mode: 0o644 });
    }
  };
  await walk(dir);
  return out;
}

/** esbuild's JS API and this machine's native binary package, as node_modules beside grader.mjs. */
function esbuildEntries(): ZipEntry[] {
  const require = createRequire(join(GRADER_HOME, 'package.json'));
  const esbuildDir = dirname(require.resolve('esbuild/package.json'));
  const platformPkg = `@esbuild/${process.platform}-${process.arch}`;
  const nativeDir = dirname(createRequire(join(esbuildDir, 'package.json')).resolve(`${platformPkg}/package.json`));
  const file = (from: string, to: string, mode = 0o644): ZipEntry => ({ path: to, data: readFileSync(from), mode });
  return [
    file(join(esbuildDir, 'package.json'), 'grader/node_modules/esbuild/package.json'),
    file(join(esbuildDir, 'lib', 'main.js'), 'grader/node_modules/esbuild/lib/main.js'),
    file(join(esbuildDir, 'LICENSE.md'), 'grader/node_modules/esbuild/LICENSE.md'),
    file(join(nativeDir, 'package.json'), `grader/node_modules/${platformPkg}/package.json`),
    file(join(nativeDir, 'bin', 'esbuild'), `grader/node_modules/${platformPkg}/bin/esbuild`, 0o755),
  ];
}

/** Every entry of the autograder zip, in a fixed order. */
export async function autograderEntries(a: LoadedAssignment, secret?: string): Promise<ZipEntry[]> {
  const id = a.spec.id;
  const solutionRel = relative(a.root, a.solutionDir);
  const text = (path: string, s: string, mode = 0o644): ZipEntry => ({ path, data: Buffer.from(s), mode });
  return [
    text('setup.sh', SETUP_SH, 0o755),
    text('run_autograder', RUN_AUTOGRADER, 0o755),
    text('grader/grader.mjs', await bundleAutograder()),
    { path: 'grader/child/runner.mjs', data: readFileSync(RUNNER_SOURCE), mode: 0o644 },
    text('grader/package.json', '{ "type": "module", "private": true }\n'),
    ...esbuildEntries(),
    text('course/seedgrade.json', JSON.stringify({ assignment: id }) + '\n'),
    text('course/package.json', '{ "type": "module", "private": true }\n'),
    ...(await courseFiles(a.dir, join('course', 'assignments', id))),
    ...(existsSync(a.solutionDir) ? await courseFiles(a.solutionDir, join('course', solutionRel)) : []),
    ...(secret !== undefined ? [text('course/secret', secret + '\n', 0o600)] : []),
  ];
}

/** Writes the zip (yazl), entries with fixed times so the same inputs give the same bytes. */
export async function writeAutograderZip(entries: ZipEntry[], out: string): Promise<void> {
  const { ZipFile } = await import('yazl');
  const zip = new ZipFile();
  const mtime = new Date('2020-01-01T00:00:00Z');
  for (const e of entries) zip.addBuffer(e.data, e.path, { mtime, mode: e.mode });
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const stream = createWriteStream(out);
    zip.outputStream.pipe(stream).on('close', resolve).on('error', reject);
    zip.outputStream.on('error', reject);
  });
}
