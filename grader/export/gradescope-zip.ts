import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { graderHome } from '../home.js';
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

/**
 * The Gradescope grader as one ES module, compiled by `npm run build` (esbuild stays external: it
 * ships as its package).
 */
function autograderFiles(): { grader: Buffer; runner: Buffer } {
  const dir = join(graderHome(), 'dist', 'autograder');
  if (!existsSync(join(dir, 'grader.mjs')))
    throw new Error(
      `the autograder is not built (no ${join(dir, 'grader.mjs')}); run npm run build`,
    );
  return {
    grader: readFileSync(join(dir, 'grader.mjs')),
    runner: readFileSync(join(dir, 'child', 'runner.mjs')),
  };
}

/** Files of a folder, sorted, by relative path (course TypeScript is compiled by the grader when it loads). */
function courseFiles(dir: string, prefix: string): ZipEntry[] {
  const out: ZipEntry[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else
        out.push({
          path: join(prefix, relative(dir, path)),
          data: readFileSync(path),
          mode: 0o644,
        });
    }
  };
  walk(dir);
  return out;
}

/** esbuild's JS API and this machine's native binary package, as node_modules beside grader.mjs. */
function esbuildEntries(): ZipEntry[] {
  const require = createRequire(join(graderHome(), 'package.json'));
  const esbuildDir = dirname(require.resolve('esbuild/package.json'));
  const platformPkg = `@esbuild/${process.platform}-${process.arch}`;
  const nativeDir = dirname(
    createRequire(join(esbuildDir, 'package.json')).resolve(`${platformPkg}/package.json`),
  );
  const file = (from: string, to: string, mode = 0o644): ZipEntry => ({
    path: to,
    data: readFileSync(from),
    mode,
  });
  return [
    file(join(esbuildDir, 'package.json'), 'grader/node_modules/esbuild/package.json'),
    file(join(esbuildDir, 'lib', 'main.js'), 'grader/node_modules/esbuild/lib/main.js'),
    file(join(esbuildDir, 'LICENSE.md'), 'grader/node_modules/esbuild/LICENSE.md'),
    file(join(nativeDir, 'package.json'), `grader/node_modules/${platformPkg}/package.json`),
    file(
      join(nativeDir, 'bin', 'esbuild'),
      `grader/node_modules/${platformPkg}/bin/esbuild`,
      0o755,
    ),
  ];
}

/** The folder of an installed package, as Node finds it: walking up from `from`'s node_modules. */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir)
      throw new Error(`package ${name} is not installed beside the grader (npm install)`);
  }
}

/** A package and, recursively, its dependencies (from their package.json), by name → folder. */
function withDependencies(
  name: string,
  from: string,
  into = new Map<string, string>(),
): Map<string, string> {
  if (into.has(name)) return into;
  const dir = packageDir(name, from);
  into.set(name, dir);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  for (const dep of Object.keys(pkg.dependencies ?? {}).sort()) withDependencies(dep, dir, into);
  return into;
}

/**
 * QuickJS (the wasm runtime for student code) and what it depends on, its WebAssembly builds among
 * them: loaded from their own folders, so they ship as packages beside grader.mjs, not inside it.
 */
function quickjsEntries(): ZipEntry[] {
  const packages = [...withDependencies('quickjs-emscripten', graderHome())].sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
  return packages.flatMap(([name, dir]) => courseFiles(dir, join('grader', 'node_modules', name)));
}

/** Every entry of the autograder zip, in a fixed order. */
export function autograderEntries(a: LoadedAssignment, secret?: string): ZipEntry[] {
  const id = a.spec.id;
  const solutionRel = relative(a.root, a.solutionDir);
  const text = (path: string, s: string, mode = 0o644): ZipEntry => ({
    path,
    data: Buffer.from(s),
    mode,
  });
  const built = autograderFiles();
  return [
    text('setup.sh', SETUP_SH, 0o755),
    text('run_autograder', RUN_AUTOGRADER, 0o755),
    { path: 'grader/grader.mjs', data: built.grader, mode: 0o644 },
    { path: 'grader/child/runner.mjs', data: built.runner, mode: 0o644 },
    text('grader/package.json', '{ "type": "module", "private": true }\n'),
    ...esbuildEntries(),
    ...quickjsEntries(),
    text('course/seedgrade.json', JSON.stringify({ assignment: id }) + '\n'),
    text('course/package.json', '{ "type": "module", "private": true }\n'),
    ...courseFiles(a.dir, join('course', 'assignments', id)),
    ...(existsSync(a.solutionDir) ? courseFiles(a.solutionDir, join('course', solutionRel)) : []),
    ...(secret !== undefined ? [text('course/secret', secret + '\n', 0o600)] : []),
  ];
}

/** Writes the zip (yazl), entries with fixed times so the same inputs give the same bytes. */
export async function writeAutograderZip(entries: ZipEntry[], out: string): Promise<void> {
  // yazl is CommonJS: compiled into a chunk of its own, it is that chunk's default export.
  const { ZipFile } = (await import('yazl')).default;
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
