import { stringify } from 'yaml';
import type { ReferenceModules } from '../spec/load.js';
import type { Assignment, AnswersExercise } from '../spec/schema.js';
import { referenceAnswersFor } from './reference-answers.js';
import { writeAnswersTemplate } from './answers-template.js';
import { concreteQuestions, variantValues } from './questions.js';

const answerExercises = (spec: Assignment, file: string): AnswersExercise[] => spec.exercises.filter((ex): ex is AnswersExercise => ex.kind === 'answers' && ex.file === file);

/** The answers files an assignment asks for (usually just answers.yaml). */
export const answerFiles = (spec: Assignment): string[] => [...new Set(spec.exercises.flatMap((ex) => (ex.kind === 'answers' ? [ex.file] : [])))];

/** `grade init`: the student's own answers file, one empty entry per question of their variant. */
export function answersTemplateFor(spec: Assignment, file: string, student: string): string {
  const variant = variantValues(spec, student);
  const questions = answerExercises(spec, file).flatMap((ex) => concreteQuestions(ex, variant));
  return writeAnswersTemplate(questions, student);
}

/** A filled-in answers file with the reference answers (for `grade check`; trusted, never released). */
export function referenceAnswersFile(spec: Assignment, file: string, student: string, reference: ReferenceModules): string {
  const variant = variantValues(spec, student);
  const answers: Record<string, unknown> = {};
  for (const ex of answerExercises(spec, file)) {
    const refs = referenceAnswersFor(ex, reference, variant);
    for (const q of concreteQuestions(ex, variant)) answers[q.id] = q.answer ?? refs?.[q.id];
  }
  return stringify({ student, answers });
}
