import type { Plugin } from 'esbuild';
import { buildErrors, esbuild } from '../esbuild.js';
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';

/** Built-ins without I/O that student code may import. Everything else is refused at build time. */
export const ALLOWED_BUILTINS = [
  'assert',
  'util',
  'events',
  'string_decoder',
  'buffer',
  'path',
  'url',
  'querystring',
];

export interface BuildError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type BundleResult =
  | { ok: true; code: string; present: string[] }
  | { ok: false; errors: BuildError[] };

/** Where the bundle will run: a node child (some built-ins allowed) or QuickJS (only the student's own files). */
export type BundleTarget = 'process' | 'wasm';

/** Confines imports to the staged submission folder and the allow-listed built-ins. */
function confine(root: string, runsIn: BundleTarget): Plugin {
  return {
    name: 'seedgrade-confine',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const bare = args.path.replace(/^node:/, '');
        const relativeImport = args.path.startsWith('./') || args.path.startsWith('../');
        if (runsIn === 'wasm' && !relativeImport) {
          return {
            errors: [
              {
                text: `import of "${args.path}" is not allowed: this assignment runs in the wasm sandbox, where a submission may import only its own files (./name.js) and no node built-ins`,
              },
            ],
          };
        }
        if (ALLOWED_BUILTINS.includes(bare)) return { path: `node:${bare}`, external: true };
        if (!relativeImport) {
          return {
            errors: [
              {
                text: `import of "${args.path}" is not allowed: a submission may import its own files (./name.js) and ${ALLOWED_BUILTINS.map((m) => `node:${m}`).join(', ')}`,
              },
            ],
          };
        }
        const target = join(args.resolveDir, args.path);
        const rel = relative(root, target);
        if (rel.startsWith('..') || isAbsolute(rel))
          return { errors: [{ text: `import of "${args.path}" leaves the submission folder` }] };
        return undefined;
      });
    },
  };
}

/**
 * The bundler resolves every import whose name is a string literal (and refuses forbidden ones);
 * `import(name)` with a computed name survives bundling and would reach any built-in at run time.
 * The bundle has no comments left, so a match is code (or, rarely, text in a string).
 */
export function computedImports(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/(?<![.\w$])import\s*\(([^)]{0,60})/g)) {
    const literal = /^\s*(["'`])node:([a-z_]+)\1\s*$/.exec(m[1]);
    if (literal && ALLOWED_BUILTINS.includes(literal[2])) continue;
    found.push(`import(${m[1].trim()})`);
  }
  return found;
}

/**
 * Bundles the student files that exist into one ES module exporting `files`, a map from file
 * name to module namespace. Missing files are left out; the runner reports them per call.
 */
export async function bundleSubmission(
  root: string,
  studentFiles: readonly string[],
  target: BundleTarget = 'process',
): Promise<BundleResult> {
  const present = studentFiles.filter((f) => existsSync(join(root, f)));
  const lines = present.map((f, i) => `import * as m${i} from ${JSON.stringify('./' + f)};`);
  lines.push(
    `export const files = { ${present.map((f, i) => `${JSON.stringify(f)}: m${i}`).join(', ')} };`,
  );
  try {
    const result = await esbuild().build({
      stdin: {
        contents: lines.join('\n'),
        resolveDir: root,
        sourcefile: '<seedgrade-entry>',
        loader: 'js',
      },
      bundle: true,
      write: false,
      // For QuickJS: a plain script that leaves the files map in one global the prelude takes away.
      ...(target === 'wasm'
        ? {
            format: 'iife' as const,
            globalName: '__seedgrade_files',
            platform: 'neutral' as const,
            target: 'es2022',
          }
        : { format: 'esm' as const, platform: 'node' as const, target: 'node20' }),
      logLevel: 'silent',
      sourcemap: false,
      absWorkingDir: root,
      plugins: [confine(root, target)],
    });
    const code = result.outputFiles[0].text;
    const computed = computedImports(code);
    if (computed.length) {
      return {
        ok: false,
        errors: computed.map((expr) => ({
          file: present.join(', '),
          line: 0,
          column: 0,
          message: `${expr} loads a module chosen at run time, which is not allowed; import ${ALLOWED_BUILTINS.map((m) => `node:${m}`).join(', ')} or your own files with a plain import at the top of the file`,
        })),
      };
    }
    return { ok: true, code, present };
  } catch (e) {
    const errors = buildErrors(e);
    if (!errors) throw e;
    return {
      ok: false,
      errors: errors.map((err) => ({
        file: err.file ?? '',
        line: err.line,
        column: err.column,
        message: err.text,
      })),
    };
  }
}
