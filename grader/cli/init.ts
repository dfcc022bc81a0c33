import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAssignment } from '../course/load-assignment.js';
import { answersFiles } from '../exercise/registry.js';
import { formatProblem } from '../spec/errors.js';
import type { Assignment } from '../spec/schema.js';
import type { RegisterCommand } from './context.js';
import { UserError } from './errors.js';

/**
 * Writes a student's answers files (their variant's questions, no answers) into `dir`; never
 * overwrites answers without `force`. Shared by `grade init` and a bundle's `npx grade init`.
 */
export async function writeAnswersFiles(
  spec: Assignment,
  dir: string,
  student: string,
  force = false,
): Promise<void> {
  const files = answersFiles(spec);
  if (files.length === 0)
    throw new UserError(`${spec.id} has no questions to answer (no answers exercise)`);
  const { answersTemplateFor } = await import('../answers/init.js');
  for (const { file, exercises } of files) {
    const path = join(dir, file);
    if (existsSync(path) && !force)
      throw new UserError(
        `${path} already exists; it may hold your answers (use --force to start over)`,
      );
    writeFileSync(path, answersTemplateFor(spec, exercises, student));
    console.log(`wrote ${path} for student ${student}`);
  }
}

/** grade init: writes a student's answers file for their own variant; never overwrites answers. */
export async function initCommand(
  root: string,
  id: string,
  o: { student: string; out?: string; force?: boolean },
): Promise<number> {
  const loaded = await loadAssignment(root, id);
  if (!loaded.ok) throw new UserError(loaded.problems.map(formatProblem).join('\n'));
  await writeAnswersFiles(loaded.assignment.spec, o.out ?? join(root, id), o.student, o.force);
  return 0;
}

export const registerInit: RegisterCommand = (program, ctx) => {
  program
    .command('init')
    .argument('<assignment>', 'assignment id')
    .requiredOption('--student <id>', 'your student id (chooses your variant of the questions)')
    .option('--out <dir>', 'folder to write answers.yaml into (default: the assignment folder)')
    .option('--force', 'overwrite an existing answers file')
    .action(async (id: string, o: { student: string; out?: string; force?: boolean }) =>
      ctx.setExit(await initCommand(ctx.root(), id, o)),
    );
};
