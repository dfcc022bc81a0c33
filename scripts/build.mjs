// npm run build (and npm's prepare): compiles the grader with esbuild into dist/.
//   dist/cli.js, dist/index.js (+ shared chunks): the CLI and the public API, loaded lazily per command
//   dist/types/: declarations of the public API (for a course's generators.ts and editors)
//   dist/student/: the student runtime that `grade release` copies into a bundle's .seedgrade/
//   dist/autograder/: the one-file grader that `grade export gradescope` puts in its zip
// Libraries are bundled (one file read instead of hundreds at every start) except esbuild, whose
// native binary npm installs; @sinclair/typebox stays a dependency for the declarations' types.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const home = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(home, 'dist');
const RUNNER = join(home, 'grader', 'sandbox', 'child', 'runner.mjs');
const require = createRequire(import.meta.url);
// CommonJS code inside an ES module bundle calls require(); give it one.
const banner = {
  js: "import { createRequire as __seedgradeRequire } from 'node:module'; const require = __seedgradeRequire(import.meta.url);",
};
const common = {
  absWorkingDir: home, // paths in comments are relative to it: the same bytes on any machine
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: '[name]-[hash]', // flat: code finds child/runner.mjs next to itself
  legalComments: 'none',
  logLevel: 'warning',
  banner,
  plugins: [precompiledAssignmentSchema()],
};

/** templates/html/* by file name (the student runtime's page renderer reads them from here). */
function htmlTemplates() {
  const dir = join(home, 'templates', 'html');
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

/**
 * grader/spec/assignment-validator.ts becomes ajv's standalone code for the assignment schema
 * (options as in grader/spec/schema-check.ts), so no start pays for compiling it.
 */
function precompiledAssignmentSchema() {
  const { Ajv } = require('ajv');
  const standaloneCode = require('ajv/dist/standalone').default;
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true } });
  const validate = ajv.compile(
    JSON.parse(readFileSync(join(home, 'schemas', 'assignment.schema.json'), 'utf8')),
  );
  const code = standaloneCode(ajv, validate).replace(
    'export default ',
    'export const precompiledAssignmentValidator = ',
  );
  return {
    name: 'precompiled-assignment-schema',
    setup(b) {
      b.onLoad({ filter: /[\\/]grader[\\/]spec[\\/]assignment-validator\.ts$/ }, () => ({
        contents: code,
        loader: 'js',
        resolveDir: home,
      }));
    },
  };
}

rmSync(dist, { recursive: true, force: true });

await build({
  ...common,
  entryPoints: {
    cli: 'grader/cli/main.ts',
    index: 'grader/index.ts',
    'grade-worker': 'grader/bulk/grade-worker.ts',
  },
  outdir: dist,
  // esbuild has a native binary; QuickJS loads its .wasm file from its package folder.
  external: ['esbuild', 'quickjs-emscripten'],
});
mkdirSync(join(dist, 'child'), { recursive: true });
copyFileSync(RUNNER, join(dist, 'child', 'runner.mjs'));

// The student runtime carries its dependencies (a bundle installs only esbuild, for the sandbox).
const student = join(dist, 'student');
const result = await build({
  ...common,
  entryPoints: { grade: 'grader/cli/student.ts' },
  outdir: student,
  outExtension: { '.js': '.mjs' },
  external: ['esbuild', 'quickjs-emscripten'],
  banner: { js: `#!/usr/bin/env node\n${banner.js}` },
  // A bundle has no templates/ folder: the HTML pages' templates travel inside the runtime.
  define: { SEEDGRADE_HTML_TEMPLATES: JSON.stringify(htmlTemplates()) },
  metafile: true,
});
mkdirSync(join(student, 'child'), { recursive: true });
copyFileSync(RUNNER, join(student, 'child', 'runner.mjs'));
// Which sources went in, so a test can prove that no solution did.
// (esbuild lists the define as a virtual input, <define:…>: not a file.)
writeFileSync(
  join(dist, 'student-inputs.json'),
  JSON.stringify(
    Object.keys(result.metafile.inputs)
      .filter((f) => !f.startsWith('<'))
      .sort(),
    null,
    1,
  ) + '\n',
);

// The grader inside a Gradescope autograder zip: one file (no chunks), esbuild shipped beside it.
const autograder = join(dist, 'autograder');
await build({
  ...common,
  splitting: false,
  entryPoints: { grader: 'grader/export/autograder-main.ts' },
  outdir: autograder,
  outExtension: { '.js': '.mjs' },
  external: ['esbuild', 'quickjs-emscripten'],
});
mkdirSync(join(autograder, 'child'), { recursive: true });
copyFileSync(RUNNER, join(autograder, 'child', 'runner.mjs'));

// Declarations of the public API, when the compiler is here (a clone or a git install; a packed tarball has them).
let tsc;
try {
  const tsPkg = require.resolve('typescript/package.json');
  tsc = join(dirname(tsPkg), JSON.parse(readFileSync(tsPkg, 'utf8')).bin.tsc);
} catch {
  tsc = undefined;
}
if (tsc && existsSync(join(home, 'tsconfig.build.json'))) {
  execFileSync(process.execPath, [tsc, '-p', join(home, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
} else {
  console.warn(
    'build: typescript not installed; dist/types (declarations of the public API) not written',
  );
}
