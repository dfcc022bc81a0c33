import { concreteQuestions, variantValues, type ConcreteQuestion } from '../answers/questions.js';
import type { AnswersExercise } from '../spec/schema.js';
import {
  referenceAnswersFor,
  splitReferenceAnswers as splitRef,
} from '../answers/reference-answers.js';
import type { ValidateContext } from './types.js';

/** Probes a few student ids: every question must expand, render, and have a reference answer. */
export function validateAnswersExercise(
  ex: AnswersExercise,
  { assignment: a, reference, path, at }: ValidateContext,
): void {
  if (ex.reference_answers && reference) {
    const [file, name] = splitRef(ex.reference_answers);
    if (typeof reference[file]?.[name] !== 'function')
      at(
        [...path, 'reference_answers'],
        `the reference solution's ${file} does not export a function "${name}"`,
        `export ${name}(variant) from solutions/${a.spec.id}/${file}`,
      );
  }
  for (const student of ['probe-1', 'probe-2', 'probe-3']) {
    let questions: ConcreteQuestion[];
    const variant = variantValues(a.spec, student);
    try {
      questions = concreteQuestions(ex, variant);
    } catch (e) {
      at(
        [...path, 'questions'],
        `a question cannot be made concrete: ${(e as Error).message}`,
        'fix the question ids, ranges or templates',
      );
      return;
    }
    const refs = referenceAnswersFor(ex, reference, variant);
    const missing = questions
      .filter((q) => q.answer === undefined && refs?.[q.id] === undefined)
      .map((q) => q.id);
    if (missing.length && (reference || !ex.reference_answers)) {
      at(
        [...path, 'questions'],
        `no reference answer for ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''} (variant ${JSON.stringify(variant)})`,
        'give each question an answer: or a reference_answers function that returns it',
      );
      return;
    }
  }
}
