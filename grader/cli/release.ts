import { resolve } from 'node:path';
import { releaseBundle } from '../authoring/release.js';
import { listAssignments } from '../spec/load.js';
import type { RegisterCommand } from './context.js';
import { UserError } from './errors.js';

/** grade release: the student bundle (stubs, READMEs, visible cases, runtime) for the named assignments. */
export async function releaseCommand(root: string, ids: string[], out: string): Promise<number> {
  const chosen = ids.length ? ids : listAssignments(root);
  if (chosen.length === 0)
    throw new UserError(
      `no assignments found under ${root}/assignments (create one with grade new <id>)`,
    );
  const result = await releaseBundle(root, chosen, resolve(out));
  if (!result.ok)
    throw new UserError(`release failed:\n${result.problems.map((p) => `  ${p}`).join('\n')}`, 1);
  console.log(
    `released ${chosen.join(', ')} to ${out} (${result.files.length} files). Students run: npm install && npx grade`,
  );
  return 0;
}

export const registerRelease: RegisterCommand = (program, ctx) => {
  program
    .command('release')
    .argument('[ids...]', 'assignment ids (default: all)')
    .requiredOption('--out <dir>', 'folder to write the student bundle to')
    .action(async (ids: string[], o: { out: string }) =>
      ctx.setExit(await releaseCommand(ctx.root(), ids, o.out)),
    );
};
