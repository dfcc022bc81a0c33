/** A problem in a file a user wrote: where it is, what is wrong, and what to do. */
export interface SpecProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  fix: string;
}

/** The one way a place is written: file:line:col. */
export const formatPlace = (p: { file: string; line: number; column: number }): string =>
  `${p.file}:${p.line}:${p.column}`;

export const formatProblem = (p: SpecProblem): string =>
  `${formatPlace(p)}: ${p.message} (${p.fix})`;

/** A spec problem found while grading (a generator that throws for some student): carries its place. */
export class SpecProblemError extends Error {
  constructor(readonly problems: SpecProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'SpecProblemError';
  }
}
