import { Command } from 'commander';
import { commands, type CommandEntry } from './commands.js';
import type { CliContext } from './context.js';
import { runProgram } from './edge.js';

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

/** `grade`: each command's module loads only when that command runs. */
const program = new Command('grade')
  .description('seedgrade: auto-graded exercises with seeded hidden tests')
  .option('--root <dir>', 'project folder (holds assignments/ and solutions/)', process.cwd());
let exitCode = 0;
const ctx: CliContext = {
  root: () => program.opts<{ root: string }>().root,
  setExit: (c) => void (exitCode = c),
};

// Start-up time matters (students run grade dozens of times an hour): load only the command asked for.
const wanted = requested(process.argv.slice(2));
if (wanted) {
  (await wanted.load())(program, ctx);
  program.commands.find((c) => c.name() === wanted.name)?.description(wanted.description);
} else {
  for (const c of commands) program.command(c.name).description(c.description);
}
await runProgram(program, () => exitCode);
