import type { AnswersExercise } from '../spec/schema.js';
import { ANSWERS_GROUP } from './answers-group.js';
import type { ExerciseKind } from './types.js';

type Impl = typeof import('./answers-grade.js');
let impl: Impl | undefined;

/** The answers support (expression parser, YAML answers files, question templates) loads only here. */
const loaded = (): Impl => {
  if (!impl) throw new Error('the answers exercise kind was used before prepare() loaded it');
  return impl;
};

/**
 * Hand-derived answers in the student's answers.yaml: data, parsed and judged here in the trusted
 * process, never run. Each student's questions come from their variant.
 */
export const answersKind: ExerciseKind<AnswersExercise> = {
  kind: 'answers',
  async prepare() {
    impl ??= await import('./answers-grade.js');
    await impl.loadExpressionParser();
  },
  validator: async () => loaded().validateAnswersExercise,
  stubFunctions: () => [],
  // Answers are judged against the reference only at submission: the bundle keeps the questions
  // (for grade init) without their answers, and counts the whole exercise as hidden.
  release: (ex) => ({
    exercise: {
      ...ex,
      visibility: 'hidden',
      reference_answers: undefined,
      questions: ex.questions.map(({ answer: _answer, ...q }) => q),
    },
    hidden: { points: ex.points, cases: ex.questions.length },
  }),
  // Points are shared equally by the variant's questions, however many it has.
  scoringGroups: (ex) => [
    { name: ANSWERS_GROUP, visibility: ex.visibility ?? 'hidden', points: ex.points, count: 1 },
  ],
  grade: (ex, ctx) => loaded().gradeAnswers(ex, ctx),
  answersFile: (ex) => ex.file,
  referenceFiles: (ex) => (ex.reference_answers ? [ex.reference_answers.split('#')[0]] : []),
  studentNamed: (ex, submissionDir) => loaded().studentFromAnswers(submissionDir, ex.file),
};
