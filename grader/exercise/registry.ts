import type { Exercise } from '../spec/schema.js';
import { answersKind } from './answers.js';
import { functionKind } from './function.js';
import { trainingKind } from './training.js';
import type { ExerciseKind } from './types.js';
import type { RuntimeName } from '../sandbox/runtimes/types.js';

type KindMap = { [K in Exercise['kind']]: ExerciseKind<Extract<Exercise, { kind: K }>> };

/** Every exercise kind by its `kind:` value. A new kind is one module, listed here once. */
export const exerciseKinds: Readonly<KindMap> = {
  function: functionKind,
  answers: answersKind,
  training: trainingKind,
};

export const kindOf = (ex: Exercise): ExerciseKind<Exercise> => exerciseKinds[ex.kind] as unknown as ExerciseKind<Exercise>;

/** Where an exercise's code runs: a `--runtime` override, else the exercise's, the assignment's, then its kind's default. */
export function runtimeOf(ex: Exercise, assignmentRuntime?: RuntimeName, override?: RuntimeName): RuntimeName | undefined {
  const kind = kindOf(ex);
  if (!kind.defaultRuntime) return undefined;
  return override ?? ('runtime' in ex ? ex.runtime : undefined) ?? assignmentRuntime ?? kind.defaultRuntime;
}
