/**
 * What a picture of a test needs beyond report.json: the values themselves. Kept in memory next to
 * the report (never serialised into it, so report.json stays as it was) and handed to the HTML
 * renderer, which decides per view what may be shown.
 */

/** A numeric result: the reference's and the student's value, and where they first differ. */
export interface NumericDetail {
  kind: 'numeric';
  expected: unknown;
  got: unknown;
  /** The first differing cell by the judge's own rule: `key` names an object field ('' for a bare tensor). */
  first?: { key: string; index: number };
}

/** A training run judged on held-out labels: enough for a confusion matrix and the points curve. */
export interface TrainingDetail {
  kind: 'training';
  labels: number[];
  predicted: number[];
  classes: number;
  chance: number;
  full: number;
}

/** One answered question, as the student's variant reads it. */
export interface AnswerDetail {
  kind: 'answer';
  question: string;
  /** The student's answer as written (absent when there was none). */
  answer?: string;
  /** The reference answer (staff only). */
  reference?: string;
}

export type TestDetail = NumericDetail | TrainingDetail | AnswerDetail;

/** Details by test name. */
export type Details = ReadonlyMap<string, TestDetail>;
