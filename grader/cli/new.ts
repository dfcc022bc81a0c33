import { scaffoldAssignment } from '../authoring/scaffold.js';
import type { RegisterCommand } from './context.js';
import { UserError } from './errors.js';

/** grade new: scaffolds an assignment that validates and tells the author what to fill in. */
export async function newCommand(root: string, id: string): Promise<number> {
  const result = await scaffoldAssignment(root, id);
  if (!result.ok) throw new UserError(result.message, 1);
  console.log(
    [
      `created ${result.files.join(' and ')}`,
      `next: edit them, then run grade validate ${id} and grade check ${id}`,
    ].join('\n'),
  );
  return 0;
}

export const registerNew: RegisterCommand = (program, ctx) => {
  program
    .command('new')
    .argument('<id>', 'assignment id, e.g. pooling-basics')
    .action(async (id: string) => ctx.setExit(await newCommand(ctx.root(), id)));
};
