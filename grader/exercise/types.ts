import type { SeedScope } from '../cases/expand.js';
import type { TestDetail } from '../report/details.js';
import type { TestResult } from '../report/schema.js';
import type { RuntimeName } from '../sandbox/runtimes/types.js';
import type { Session } from '../sandbox/session.js';
import type { GradedAssignment, LoadedAssignment, ReferenceModules } from '../spec/load.js';

/** A graded case before points are shared out: `fraction` of its share was earned. */
export interface CaseResult extends Omit<TestResult, 'score' | 'max_score'> {
  fraction: number;
  /** Wall time of the case; kept out of the report's tests so reports compare byte for byte. */
  ms?: number;
  /** Values for the HTML pictures; never written into report.json. */
  detail?: TestDetail;
}

export interface GradeContext {
  assignment: GradedAssignment;
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

/** A share of an exercise's points: its own `points`, or a share by case count. */
export interface ScoringGroup {
  name: string;
  visibility: 'visible' | 'hidden';
  points?: number;
  all_or_nothing?: boolean;
  count: number;
}

/** Reports a problem at a path of the spec (validate turns it into file:line:col). */
export type ProblemAt = (
  path: (string | number)[],
  message: string,
  fix: string,
  key?: boolean,
) => void;

export interface ValidateContext {
  assignment: LoadedAssignment;
  /** Absent when the reference solution could not be loaded (already reported). */
  reference?: ReferenceModules;
  /** The exercise's path in the spec, e.g. ['exercises', 2]. */
  path: (string | number)[];
  at: ProblemAt;
}

/** A function a student writes, as a stub shows it. */
export interface StubFunction {
  file: string;
  export: string;
  /** Arrow-type signature from the spec: (a: A) => R */
  signature: string;
  title: string;
  description: string;
}

/** What a released (student) spec keeps of an exercise, and what its dropped hidden part is worth. */
export interface ReleasedExercise<E> {
  /** The exercise as shipped: visible parts only, nothing that gives away answers. */
  exercise: E;
  hidden: { points: number; cases: number };
}

/** An exercise kind: how one kind of exercise is checked, scored and graded. Listed once in registry.ts. */
export interface ExerciseKind<E = unknown> {
  kind: string;
  /** Where this kind's student code runs unless the spec says otherwise; absent for kinds that run no code. */
  defaultRuntime?: RuntimeName;
  /** The functions a stub must declare (none for answer files). */
  stubFunctions(exercise: E): StubFunction[];
  /**
   * For kinds whose visible part needs no reference at grading time: the student-bundle version.
   * (Function exercises go through the release steps instead, which precompute expected values.)
   */
  release?(exercise: E, points: Map<string, number>): ReleasedExercise<E>;
  /** Loads what validate and grade need, once, before either runs (heavy parts load only when used). */
  prepare?(): Promise<void>;
  /**
   * Checks beyond the schema: what the exercise refers to exists and makes sense. Loaded on demand:
   * validation is an author's step, and grading (a student's `grade`) should not pay for it.
   */
  validator(): Promise<(exercise: E, v: ValidateContext) => void>;
  /** The groups the exercise's points are shared over. */
  scoringGroups(exercise: E): ScoringGroup[];
  grade(exercise: E, ctx: GradeContext): Promise<CaseResult[]>;
  /** Reference files this exercise needs besides the student files (e.g. a module of reference answers). */
  referenceFiles?(exercise: E): string[];
  /** The data file a student fills in for this exercise (grade init writes it), if the kind has one. */
  answersFile?(exercise: E): string;
  /** The student id a submission names for itself (an answers file's `student:`), if the kind has one. */
  studentNamed?(exercise: E, submissionDir: string): string | undefined;
}
