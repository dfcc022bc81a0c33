/**
 * A failure the user can fix: what is wrong, where, and what to do, in one message. Commands throw
 * these; only the CLI's edge (edge.ts) turns them into text and an exit code (2 unless given).
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
