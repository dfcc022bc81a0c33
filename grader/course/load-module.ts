import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import { buildErrors, esbuild } from '../esbuild.js';
import * as publicApi from '../index.js';
import type { SpecProblem } from '../spec/errors.js';

/**
 * A course's own TypeScript (generators.ts, reference solutions) is compiled with esbuild when it
 * is loaded, with its imports resolved from the course folder: no loader hook, no build step for
 * the course, and the course need not live inside the grader's tree. `import … from 'seedgrade'`
 * is bound to the running grader's public API, so a course always sees the grader it runs under
 * (one GeneratorError class, not a copy per module).
 */
export type CourseModule =
  | { ok: true; exports: Record<string, unknown> }
  | { ok: false; problem: SpecProblem };

const API_KEY = Symbol.for('seedgrade.public-api');

function bindPublicApi(): Plugin {
  const names = Object.keys(publicApi).sort();
  return {
    name: 'seedgrade-public-api',
    setup(b) {
      b.onResolve({ filter: /^seedgrade$/ }, () => ({
        path: 'seedgrade',
        namespace: 'seedgrade-api',
      }));
      b.onLoad({ filter: /.*/, namespace: 'seedgrade-api' }, () => ({
        contents: [
          `const api = globalThis[Symbol.for('seedgrade.public-api')];`,
          ...names.map((n) => `export const ${n} = api.${n};`),
        ].join('\n'),
        loader: 'js',
      }));
    },
  };
}

// CommonJS packages a course imports call require(); an ES module needs one.
const BANNER =
  "import { createRequire as __courseRequire } from 'node:module'; const require = __courseRequire(import.meta.url);";

/** A private folder for compiled course code (per user: another user's folder is not ours to write). */
function cacheDir(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const dir = join(tmpdir(), `seedgrade-${uid}`, 'course-code');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

const shown = (root: string, file: string): string => {
  const rel = relative(root, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
};

/** The first stack frame in one of the course's own files, mapped back through the source map. */
function placeInCourse(
  root: string,
  error: unknown,
): { file: string; line: number; column: number } | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  for (const m of stack.matchAll(
    /\(?((?:file:\/\/)?\/[^():\s]+\.(?:ts|mts|js|mjs)):(\d+):(\d+)\)?/g,
  )) {
    const file = m[1].replace(/^file:\/\//, '');
    if (file.includes('/course-code/') || relative(root, file).startsWith('..')) continue;
    return { file: shown(root, file), line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

/** Compiles one course file (and what it imports) and imports it. Errors name file:line:col. */
export async function loadCourseModule(root: string, file: string): Promise<CourseModule> {
  const { build } = esbuild();
  (globalThis as Record<symbol, unknown>)[API_KEY] ??= publicApi;
  let code: string;
  try {
    const result = await build({
      entryPoints: [file],
      absWorkingDir: root,
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'inline',
      sourceRoot: root,
      banner: { js: BANNER },
      plugins: [bindPublicApi()],
      logLevel: 'silent',
    });
    code = result.outputFiles[0].text;
  } catch (e) {
    const first = buildErrors(e)?.[0];
    if (!first) throw e;
    const where = first.file ? shown(root, join(root, first.file)) : shown(root, file);
    const fix = 'fix this line of the course code';
    return {
      ok: false,
      problem: { file: where, line: first.line, column: first.column, message: first.text, fix },
    };
  }
  const out = join(
    cacheDir(),
    `${createHash('sha256').update(code).digest('hex').slice(0, 32)}.mjs`,
  );
  if (!existsSync(out)) {
    const temp = `${out}.${process.pid}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, out);
  }
  process.setSourceMapsEnabled(true);
  try {
    return {
      ok: true,
      exports: (await import(pathToFileURL(out).href)) as Record<string, unknown>,
    };
  } catch (e) {
    const at = placeInCourse(root, e) ?? { file: shown(root, file), line: 1, column: 1 };
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return {
      ok: false,
      problem: {
        ...at,
        message: `threw while loading: ${message}`,
        fix: 'fix the code at that line',
      },
    };
  }
}
