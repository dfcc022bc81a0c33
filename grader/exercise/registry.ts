import type { AnswersExercise, Assignment, Exercise } from '../spec/schema.js';
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

export const kindOf = (ex: Exercise): ExerciseKind<Exercise> =>
  exerciseKinds[ex.kind] as unknown as ExerciseKind<Exercise>;

/** Loads what the kinds used by a spec need before they validate or grade (e.g. a parser). */
export async function prepareExerciseKinds(spec: Pick<Assignment, 'exercises'>): Promise<void> {
  const used = new Set(spec.exercises.map((ex) => kindOf(ex)));
  for (const kind of used) await kind.prepare?.();
}

/** The files students fill in (grade init), each with the exercises whose questions it answers. */
export function answersFiles(
  spec: Pick<Assignment, 'exercises'>,
): { file: string; exercises: AnswersExercise[] }[] {
  const byFile = new Map<string, AnswersExercise[]>();
  for (const ex of spec.exercises) {
    const file = kindOf(ex).answersFile?.(ex);
    if (file) byFile.set(file, [...(byFile.get(file) ?? []), ex as AnswersExercise]);
  }
  return [...byFile].map(([file, exercises]) => ({ file, exercises }));
}

/**
 * Where an exercise's code runs: a `--runtime` override, else the exercise's, the assignment's,
 * then its kind's default.
 */
export function runtimeOf(
  ex: Exercise,
  assignmentRuntime?: RuntimeName,
  override?: RuntimeName,
): RuntimeName | undefined {
  const kind = kindOf(ex);
  if (!kind.defaultRuntime) return undefined;
  return (
    override ??
    ('runtime' in ex ? ex.runtime : undefined) ??
    assignmentRuntime ??
    kind.defaultRuntime
  );
}
