import { Command } from 'commander';
import { UserError } from './errors.js';
import { runCommand } from './run.js';
import { validateCommand } from './validate.js';

/** The CLI: the only place where errors become text and exit codes. */
const program = new Command('grade').description('seedgrade: auto-graded exercises with seeded hidden tests').option('--root <dir>', 'project folder (holds assignments/ and solutions/)', process.cwd());
const root = (): string => program.opts<{ root: string }>().root;
let exitCode = 0;

program
  .command('validate')
  .argument('[ids...]', 'assignment ids (default: all)')
  .description('check assignment specs: schema, references, fixtures, generators')
  .action(async (ids: string[]) => {
    exitCode = await validateCommand(root(), ids);
  });

program
  .command('run')
  .argument('<assignment>', 'assignment id')
  .requiredOption('--submission <dir>', "folder with the student's files")
  .option('--student <id>', 'student id (seeds hidden tests)')
  .option('--secret <value>', 'course secret for hidden tests')
  .option('--secret-file <file>', 'file holding the course secret')
  .option('--json', 'print only the report JSON')
  .option('--timing', 'include durations in the JSON report')
  .description('grade one submission on every test group')
  .action(async (id: string, o) => {
    exitCode = await runCommand(root(), id, o);
  });

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
