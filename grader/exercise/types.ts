import type { SeedScope } from '../cases/expand.js';
import type { TestResult } from '../report/schema.js';
import type { Session } from '../sandbox/session.js';
import type { LoadedAssignment } from '../spec/load.js';
import type { ReferenceModules } from '../spec/reference.js';

/** A graded case before points are shared out: `fraction` of its share was earned. */
export interface CaseResult extends Omit<TestResult, 'score' | 'max_score'> {
  fraction: number;
  /** Wall time of the case; kept out of the report's tests so reports compare byte for byte. */
  ms?: number;
}

export interface GradeContext {
  assignment: LoadedAssignment;
  /** The trusted reference; absent in a student bundle, where expected values ship precomputed. */
  reference?: ReferenceModules;
  /** Expected values computed at release time, by case name (student bundles only). */
  expectedByCase?: Readonly<Record<string, unknown>>;
  session: Session;
  scope: SeedScope;
  visibleOnly: boolean;
  /** Wall-clock deadline for the whole submission (ms since epoch). */
  deadline: number;
  /** The submission's own folder (for answer files). */
  submissionDir: string;
}

/** An exercise kind: how one kind of exercise is graded. Listed once in registry.ts. */
export interface ExerciseKind<E = unknown> {
  kind: string;
  grade(exercise: E, ctx: GradeContext): Promise<CaseResult[]>;
}
