/** A failure the user can fix. Commands return or throw these; only main.ts turns them into text. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
