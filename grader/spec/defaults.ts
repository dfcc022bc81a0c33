/**
 * What a spec may leave out: limits and tolerances, in one place, so that grading, `grade check`
 * and the judges' option descriptions agree.
 */
const defaults = {
  /**
   * A submission, however it arrives (a folder, a zip, an LMS download): the stager and the zip
   * reader refuse more than this, with a message naming the file.
   */
  submission: { maxFileBytes: 2 * 1024 * 1024, maxTotalBytes: 20 * 1024 * 1024, maxFiles: 500 },
  /** Per case wall time of a function exercise (`timeout_ms`). */
  caseTimeoutMs: 2000,
  /** A training exercise's `time_budget_ms`. */
  trainingBudgetMs: 60_000,
  allclose: { atol: 1e-8, rtol: 1e-5 },
  relerr: { max: 1e-6 },
  gradcheck: { bound: 1e-6 },
  /** Number answers in answers.yaml (`atol`, `rtol` of a question). */
  answers: { atol: 1e-9, rtol: 1e-6 },
  /** Expression answers compared numerically at random points (when not integer polynomials). */
  expressions: { atol: 1e-9, rtol: 1e-8 },
};

export const DEFAULTS: Readonly<typeof defaults> = Object.freeze(defaults);
