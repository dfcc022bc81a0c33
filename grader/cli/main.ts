import { Command } from 'commander';
import { commands, type CommandEntry } from './commands.js';
import type { CliContext } from './context.js';
import { SpecProblemError } from '../spec/errors.js';
import { UserError } from './errors.js';

/** The command a command line asks for: the first word that is not an option (or `help <command>`). */
function requested(args: string[]): CommandEntry | undefined {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--root') i++;
    else if (!args[i].startsWith('-')) words.push(args[i]);
  }
  const name = words[0] === 'help' ? words[1] : words[0];
  return commands.find((c) => c.name === name);
}

/** The CLI: the only place where errors become text and exit codes. */
const program = new Command('grade')
  .description('seedgrade: auto-graded exercises with seeded hidden tests')
  .option('--root <dir>', 'project folder (holds assignments/ and solutions/)', process.cwd());
let exitCode = 0;
const ctx: CliContext = { root: () => program.opts<{ root: string }>().root, setExit: (c) => void (exitCode = c) };

try {
  // Start-up time matters (students run grade dozens of times an hour): load only the command asked for.
  const wanted = requested(process.argv.slice(2));
  if (wanted) {
    (await wanted.load())(program, ctx);
    program.commands.find((c) => c.name() === wanted.name)?.description(wanted.description);
  } else {
    for (const c of commands) program.command(c.name).description(c.description);
  }
  await program.parseAsync();
  process.exitCode = exitCode;
} catch (e) {
  if (e instanceof UserError || e instanceof SpecProblemError) {
    console.error(`grade: ${e.message}`);
    process.exitCode = e instanceof UserError ? e.exitCode : 2;
  } else {
    console.error(`grade: internal error: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.SEEDGRADE_DEBUG) console.error(e);
    process.exitCode = 3;
  }
}
