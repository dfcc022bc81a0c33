import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type TypecheckResult = { ok: true } | { ok: false; message: string };

// The smallest strict setup a student's editor would use: no @types, no project files.
const TSCONFIG = { compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true, types: [] }, include: ['**/*.ts'] };

/** The tsc script of the installed typescript package (typescript 7 has no JS compiler API). */
async function tscPath(): Promise<string | undefined> {
  try {
    const pkgFile = createRequire(import.meta.url).resolve('typescript/package.json');
    const pkg = JSON.parse(await readFile(pkgFile, 'utf8')) as { bin?: Record<string, string> };
    return pkg.bin?.tsc ? join(dirname(pkgFile), pkg.bin.tsc) : undefined;
  } catch {
    return undefined;
  }
}

/** `tsc --noEmit` on the given files (path → text) in a fresh temporary folder. */
export async function typecheckFiles(files: Record<string, string>): Promise<TypecheckResult> {
  const tsc = await tscPath();
  if (!tsc) return { ok: false, message: 'typescript is not installed, so stubs cannot be type-checked (npm install typescript as a dev dependency)' };
  const dir = await mkdtemp(join(tmpdir(), 'seedgrade-tsc-'));
  try {
    const all = { ...files, 'tsconfig.json': JSON.stringify(TSCONFIG), 'package.json': '{ "type": "module" }' };
    for (const [rel, text] of Object.entries(all)) {
      await mkdir(dirname(join(dir, rel)), { recursive: true });
      await writeFile(join(dir, rel), text);
    }
    return await new Promise((resolve) => {
      execFile(process.execPath, [tsc, '--noEmit', '-p', dir], { cwd: dir, timeout: 120_000 }, (error, stdout, stderr) => {
        if (!error) resolve({ ok: true });
        else resolve({ ok: false, message: `${stdout}${stderr}`.trim().replaceAll(dir + '/', '') || error.message });
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
