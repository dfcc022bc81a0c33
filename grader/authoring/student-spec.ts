import type { LoadedAssignment } from '../spec/load.js';
import type { ReferenceModules } from '../course/reference.js';
import type { Assignment } from '../spec/schema.js';

/** What the hidden groups of one exercise (or a whole assignment) carry. */
export interface HiddenSummary {
  points: number;
  cases: number;
}

/** The file a bundle ships per assignment (`<id>/.seedgrade/spec.json`). */
export interface StudentSpec {
  format: 1;
  /** Visible groups only, every case literal, every group with explicit points. */
  assignment: Assignment;
  /** Expected values computed from the reference at release time, by case name. */
  expected: Record<string, unknown>;
  hidden: HiddenSummary & { exercises: Record<string, HiddenSummary> };
}

/** What the release steps pass along: the spec being turned into a student spec. */
export interface ReleaseState {
  /** The author's loaded assignment (generators, fixtures); never modified. */
  source: LoadedAssignment;
  reference: ReferenceModules;
  spec: Assignment;
  expected: Record<string, unknown>;
  hidden: Record<string, HiddenSummary>;
  /** What stops the release, each naming the place and the fix. */
  problems: string[];
}

/** One small, pure transformation of the state (like an nbgrader preprocessor). */
export type ReleaseStep = (state: ReleaseState) => ReleaseState;

/** The exercise if it is a `function` exercise (the only kind the release steps precompute). */
export { asFunctionExercise as asFunction } from '../exercise/function.js';

export const initialState = (
  source: LoadedAssignment,
  reference: ReferenceModules,
): ReleaseState => ({
  source,
  reference,
  spec: structuredClone(source.spec),
  expected: {},
  hidden: {},
  problems: [],
});

export function toStudentSpec(s: ReleaseState): StudentSpec {
  const { solution: _solution, ...assignment } = s.spec;
  const exercises = Object.fromEntries(
    Object.entries(s.hidden).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  const sum = (key: keyof HiddenSummary): number =>
    Object.values(s.hidden).reduce((t, h) => t + h[key], 0);
  return {
    format: 1,
    assignment,
    expected: s.expected,
    hidden: { points: sum('points'), cases: sum('cases'), exercises },
  };
}
