import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** `skipped`: no TypeScript compiler is installed where the course or the grader could use it. */
export type TypecheckResult = { ok: true; skipped?: string } | { ok: false; message: string };

// The smallest strict setup a student's editor would use: no @types, no project files.
const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    skipLibCheck: true,
    types: [],
  },
  include: ['**/*.ts'],
};

/**
 * The tsc script of the typescript package the course installed, else the grader's own (typescript 7
 * has no JS compiler API, so it runs as a command).
 */
async function tscPath(courseRoot?: string): Promise<string | undefined> {
  const from = [...(courseRoot ? [join(courseRoot, 'package.json')] : []), import.meta.url];
  for (const origin of from) {
    try {
      const pkgFile = createRequire(origin).resolve('typescript/package.json');
      const pkg = JSON.parse(await readFile(pkgFile, 'utf8')) as { bin?: Record<string, string> };
      if (pkg.bin?.tsc) return join(dirname(pkgFile), pkg.bin.tsc);
    } catch {
      /* not installed there: try the next place */
    }
  }
  return undefined;
}

/** `tsc --noEmit` on the given files (path → text) in a fresh temporary folder. */
export async function typecheckFiles(
  files: Record<string, string>,
  courseRoot?: string,
): Promise<TypecheckResult> {
  const tsc = await tscPath(courseRoot);
  if (!tsc)
    return {
      ok: true,
      skipped:
        'typescript is not installed, so the stubs were not type-checked (npm install -D typescript)',
    };
  const dir = await mkdtemp(join(tmpdir(), 'seedgrade-tsc-'));
  try {
    const all = {
      ...files,
      'tsconfig.json': JSON.stringify(TSCONFIG),
      'package.json': '{ "type": "module" }',
    };
    for (const [rel, text] of Object.entries(all)) {
      await mkdir(dirname(join(dir, rel)), { recursive: true });
      await writeFile(join(dir, rel), text);
    }
    return await new Promise((resolve) => {
      execFile(
        process.execPath,
        [tsc, '--noEmit', '-p', dir],
        { cwd: dir, timeout: 120_000 },
        (error, stdout, stderr) => {
          if (!error) resolve({ ok: true });
          else
            resolve({
              ok: false,
              message: `${stdout}${stderr}`.trim().replaceAll(dir + '/', '') || error.message,
            });
        },
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
