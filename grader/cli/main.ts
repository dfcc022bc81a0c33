import { Command } from 'commander';
import type { CliContext, RegisterCommand } from './context.js';
import { UserError } from './errors.js';
import { registerBulk } from './bulk.js';
import { registerDemo } from './demo.js';
import { registerMerge } from './merge.js';
import { registerInit } from './init.js';
import { registerRun } from './run.js';
import { registerValidate } from './validate.js';
import { registerCheck } from './check.js';
import { registerNew } from './new.js';
import { registerRelease } from './release.js';
import { registerExport } from './export.js';

/** Every command, in the order `grade --help` lists them. */
const commands: RegisterCommand[] = [
  registerValidate,
  registerRun,
  registerDemo,
  registerBulk,
  registerMerge,
  registerInit,
  registerNew,
  registerCheck,
  registerRelease,
  registerExport,
];

/** The CLI: the only place where errors become text and exit codes. */
const program = new Command('grade').description('seedgrade: auto-graded exercises with seeded hidden tests').option('--root <dir>', 'project folder (holds assignments/ and solutions/)', process.cwd());
let exitCode = 0;
const ctx: CliContext = { root: () => program.opts<{ root: string }>().root, setExit: (c) => void (exitCode = c) };
for (const register of commands) register(program, ctx);

try {
  await program.parseAsync();
  process.exitCode = exitCode;
} catch (e) {
  if (e instanceof UserError) {
    console.error(`grade: ${e.message}`);
    process.exitCode = e.exitCode;
  } else {
    console.error(`grade: internal error: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.SEEDGRADE_DEBUG) console.error(e);
    process.exitCode = 3;
  }
}
