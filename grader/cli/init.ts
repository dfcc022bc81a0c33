import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answersTemplateFor } from '../answers/init.js';
import { answersFiles } from '../exercise/registry.js';
import { formatProblem } from '../spec/errors.js';
import { loadAssignment } from '../course/load-assignment.js';
import type { RegisterCommand } from './context.js';
import { UserError } from './errors.js';

/** grade init: writes a student's answers file for their own variant; never overwrites answers. */
export async function initCommand(root: string, id: string, o: { student: string; out?: string; force?: boolean }): Promise<number> {
  const loaded = await loadAssignment(root, id);
  if (!loaded.ok) throw new UserError(loaded.problems.map(formatProblem).join('\n'), 'SPEC_INVALID');
  const files = answersFiles(loaded.assignment.spec);
  if (files.length === 0) throw new UserError(`${id} has no questions to answer (no answers exercise)`, 'NO_ANSWERS');
  const dir = o.out ?? join(root, id);
  for (const { file, exercises } of files) {
    const path = join(dir, file);
    if (existsSync(path) && !o.force) throw new UserError(`${path} already exists; it may hold your answers (use --force to start over)`, 'EXISTS');
    writeFileSync(path, answersTemplateFor(loaded.assignment.spec, exercises, o.student));
    console.log(`wrote ${path} for student ${o.student}`);
  }
  return 0;
}

export const registerInit: RegisterCommand = (program, ctx) => {
  program
    .command('init')
    .argument('<assignment>', 'assignment id')
    .requiredOption('--student <id>', 'your student id (chooses your variant of the questions)')
    .option('--out <dir>', 'folder to write answers.yaml into (default: the assignment folder)')
    .option('--force', 'overwrite an existing answers file')
    .action(async (id: string, o: { student: string; out?: string; force?: boolean }) => ctx.setExit(await initCommand(ctx.root(), id, o)));
};
