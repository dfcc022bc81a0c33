/**
 * seedgrade's public API: what a course's own code (assignments/<id>/generators.ts, solutions)
 * may import as `import { … } from 'seedgrade'`. Everything else in the package is internal.
 * Runtime values here must stay light: a course module's import of 'seedgrade' loads this file.
 */
export { GeneratorError } from './spec/generator-api.js';
export type { Generator, GeneratorContext, Rng } from './spec/generator-api.js';
export type {
  Assignment,
  Exercise,
  FunctionExercise,
  AnswersExercise,
  TrainingExercise,
  TestGroup,
  GeneratorCall,
  JudgeSpec,
} from './spec/schema.js';
export type { Report, TestResult, TestStatus } from './report/schema.js';
