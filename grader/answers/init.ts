import { stringify } from 'yaml';
import type { ReferenceModules } from '../spec/load.js';
import type { Assignment, AnswersExercise } from '../spec/schema.js';
import { referenceAnswersFor } from './reference-answers.js';
import { writeAnswersTemplate } from './answers-template.js';
import { concreteQuestions, variantValues } from './questions.js';

/** `grade init`: the student's own answers file, one empty entry per question of their variant. */
export function answersTemplateFor(
  spec: Assignment,
  exercises: readonly AnswersExercise[],
  student: string,
): string {
  const variant = variantValues(spec, student);
  const questions = exercises.flatMap((ex) => concreteQuestions(ex, variant));
  return writeAnswersTemplate(questions, student);
}

/** A filled-in answers file with the reference answers (for `grade check`; trusted, never released). */
export function referenceAnswersFile(
  spec: Assignment,
  exercises: readonly AnswersExercise[],
  student: string,
  reference: ReferenceModules,
): string {
  const variant = variantValues(spec, student);
  const answers: Record<string, unknown> = {};
  for (const ex of exercises) {
    const refs = referenceAnswersFor(ex, reference, variant);
    for (const q of concreteQuestions(ex, variant)) answers[q.id] = q.answer ?? refs?.[q.id];
  }
  return stringify({ student, answers });
}
