import type { Command } from 'commander';
import { SpecProblemError } from '../spec/errors.js';
import { UserError } from './errors.js';

/**
 * Exit codes, the same for `grade` and a bundle's `npx grade`:
 *   0  done (grading ran; a student's visible tests all passed)
 *   1  done, and it found problems (validate, check) or a visible test failed (a student's grade)
 *   2  a mistake in what the user passed or wrote (one line names the file, the place and the fix)
 *   3  an internal error of the grader (SEEDGRADE_DEBUG=1 prints the stack)
 */
export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 3 } as const;

/** Runs a program; the only place where errors become text and exit codes. */
export async function runProgram(program: Command, exitCode: () => number): Promise<void> {
  try {
    await program.parseAsync();
    process.exitCode = exitCode();
  } catch (e) {
    process.exitCode = reportError(e);
  }
}

function reportError(e: unknown): number {
  if (e instanceof UserError || e instanceof SpecProblemError) {
    console.error(`grade: ${e.message}`);
    return e instanceof UserError ? e.exitCode : EXIT.usage;
  }
  console.error(`grade: internal error: ${e instanceof Error ? e.message : String(e)}`);
  if (process.env.SEEDGRADE_DEBUG) console.error(e);
  return EXIT.internal;
}
