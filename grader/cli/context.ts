import type { Command } from 'commander';

/** What every command gets: the project root. Commands return their exit code. */
export interface CliContext {
  root(): string;
  setExit(code: number): void;
}

/** A command module: adds itself to the program. Listed once in main.ts. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;
