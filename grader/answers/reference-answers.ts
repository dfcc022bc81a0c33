import type { ReferenceModules } from '../spec/load.js';
import type { AnswersExercise } from '../spec/schema.js';
import type { VariantValues } from './questions.js';

/** `file.ts#exportName` → [file, exportName]. */
export const splitReferenceAnswers = (ref: string): [string, string] =>
  ref.split('#') as [string, string];

/**
 * The reference answers of a variant: from the spec's `answer:` fields, else the solution's
 * reference_answers export.
 */
export function referenceAnswersFor(
  ex: AnswersExercise,
  reference: ReferenceModules | undefined,
  variant: VariantValues,
): Record<string, unknown> | undefined {
  if (!ex.reference_answers) return undefined;
  const [file, name] = splitReferenceAnswers(ex.reference_answers);
  const fn = reference?.[file]?.[name];
  return typeof fn === 'function'
    ? (fn as (v: VariantValues) => Record<string, unknown>)(variant)
    : undefined;
}
