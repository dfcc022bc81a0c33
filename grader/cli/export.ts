import { dirname } from 'node:path';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { resolveSecret } from '../cases/secret.js';
import type { RegisterCommand } from './context.js';
import { UserError } from './errors.js';
import { loadForGrading } from './load-spec.js';

interface ExportOptions {
  out: string;
  secretFile?: string;
}

/** grade export gradescope: the autograder zip to upload on Gradescope's "Configure Autograder" page. */
export async function exportGradescope(
  root: string,
  id: string,
  o: ExportOptions,
): Promise<number> {
  if (!o.out.endsWith('.zip')) throw new UserError(`--out must name a .zip file, got ${o.out}`);
  if (existsSync(o.out) && statSync(o.out).isDirectory()) {
    throw new UserError(
      `--out ${o.out} is a folder; name the zip file to write, e.g. ${o.out}/autograder.zip`,
    );
  }
  const secret = resolveSecret({ secretFile: o.secretFile });
  if (!secret.ok) throw new UserError(secret.message);
  const given = secret.secret.source === 'provided' ? secret.secret.value : undefined;
  if (!given)
    console.error(
      'warning: no course secret (--secret-file or GRADE_SECRET): hidden tests change on every submission',
    );
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.error(
      `warning: the zip carries esbuild for ${process.platform}-${process.arch}; Gradescope runs linux-x64: build the zip on linux-x64`,
    );
  }
  const { assignment } = await loadForGrading(root, id);
  const { autograderEntries, writeAutograderZip } = await import('../export/gradescope-zip.js');
  const entries = autograderEntries(assignment, given);
  mkdirSync(dirname(o.out), { recursive: true });
  await writeAutograderZip(entries, o.out);
  console.log(
    `wrote ${o.out} (${entries.length} files): upload it on Gradescope under Configure Autograder → Zip file upload`,
  );
  return 0;
}

export const registerExport: RegisterCommand = (program, ctx) => {
  const exp = program.command('export');
  exp
    .command('gradescope')
    .argument('<assignment>', 'assignment id')
    .requiredOption('--out <zip>', 'the autograder zip to write, e.g. autograder.zip')
    .option(
      '--secret-file <file>',
      'file holding the course secret for hidden tests (else GRADE_SECRET)',
    )
    .description(
      'Gradescope autograder zip: setup.sh, run_autograder, the grader, the assignment, its reference, the secret',
    )
    .action(async (id: string, o: ExportOptions) =>
      ctx.setExit(await exportGradescope(ctx.root(), id, o)),
    );
};
