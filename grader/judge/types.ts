import type { TSchema } from '@sinclair/typebox';

/** What kind of wrong a failed comparison was; safe to show for hidden cases. */
export type FailureKind = 'wrong-value' | 'wrong-shape' | 'wrong-type' | 'not-finite' | 'rejected';

export interface JudgeInput {
  /** The student's value, already validated as plain data (numbers, strings, arrays, plain objects). */
  got: unknown;
  /** The reference's value for the same inputs, computed in the trusted process. */
  expected: unknown;
  /** The case's arguments (trusted copies: the child never had a reference to these objects). */
  args: readonly unknown[];
  /** The judge's options from the spec, defaults applied. */
  options: Record<string, unknown>;
  /** The reference module (trusted), for judges that re-run it, such as gradcheck. */
  reference?: Readonly<Record<string, unknown>>;
  /** The export being judged. */
  exportName: string;
}

export interface Verdict {
  passed: boolean;
  /** Partial credit in [0, 1]; when absent: 1 if passed, else 0. */
  fraction?: number;
  failure?: FailureKind;
  /** Full explanation with values (visible cases, TAs). */
  message: string;
  /** The same without inputs or expected values: what a student sees for a hidden case. */
  summary: string;
  /** The first differing cell (flat row-major index; `key` names an object field, '' for a bare tensor). */
  first?: { key: string; index: number };
}

/** A comparator. Add one by writing a module that exports a Judge and listing it in registry.ts. */
export interface Judge {
  name: string;
  description: string;
  /** JSON Schema (TypeBox) of the options accepted in the spec under `judge:`. */
  options: TSchema;
  /**
   * True when the judge re-runs the reference module at judge time (gradcheck). A student bundle
   * ships no reference, so release swaps such a judge for relerr against a precomputed value.
   */
  needsReference?: boolean;
  judge(input: JudgeInput): Verdict;
}

export const pass = (message = 'correct'): Verdict => ({ passed: true, message, summary: message });

export const fail = (failure: FailureKind, message: string, summary: string): Verdict => ({
  passed: false,
  failure,
  message,
  summary,
});
