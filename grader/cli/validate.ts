import { formatProblem, type SpecProblem } from '../spec/errors.js';
import { listAssignments } from '../spec/load.js';
import { loadAssignment } from '../course/load-assignment.js';
import { checkMeaning } from '../course/meaning.js';
import type { RegisterCommand } from './context.js';

/** Every problem in the named specs (all when none is named). */
export async function validateSpecs(root: string, ids: string[]): Promise<SpecProblem[]> {
  const problems: SpecProblem[] = [];
  for (const id of ids.length ? ids : listAssignments(root)) {
    const loaded = await loadAssignment(root, id);
    if (!loaded.ok) problems.push(...loaded.problems);
    else problems.push(...(await checkMeaning(loaded.assignment)));
  }
  return problems;
}

export async function validateCommand(root: string, ids: string[]): Promise<number> {
  const problems = await validateSpecs(root, ids);
  for (const p of problems) console.log(formatProblem(p));
  if (problems.length === 0)
    console.log(
      `ok: ${(ids.length ? ids : listAssignments(root)).join(', ') || 'no assignments found'}`,
    );
  return problems.length ? 1 : 0;
}

export const registerValidate: RegisterCommand = (program, ctx) => {
  program
    .command('validate')
    .argument('[ids...]', 'assignment ids (default: all)')
    .action(async (ids: string[]) => ctx.setExit(await validateCommand(ctx.root(), ids)));
};
