import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPoints } from '../report/table.js';
import { gradeSubmissionWithDetails } from '../pipeline.js';
import type { Details } from '../report/details.js';
import type { Report } from '../report/schema.js';
import type { GradedAssignment } from '../spec/load.js';
import { parseStableJson } from './stable-json.js';
import type { StudentSpec } from './student-spec.js';
import { prepareExerciseKinds } from '../exercise/registry.js';

/** Where a bundle keeps an assignment's student spec, relative to the assignment's folder. */
export const STUDENT_SPEC = join('.seedgrade', 'spec.json');

/** Assignment folders of a bundle (those holding a student spec), sorted. */
export function bundleAssignments(bundleRoot: string): string[] {
  return readdirSync(bundleRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(bundleRoot, d.name, STUDENT_SPEC)))
    .map((d) => d.name)
    .sort();
}

export type StudentLoad =
  | { ok: true; assignment: GradedAssignment; student: StudentSpec }
  | { ok: false; message: string };

export async function loadStudentSpec(bundleRoot: string, id: string): Promise<StudentLoad> {
  const dir = join(bundleRoot, id);
  const file = join(dir, STUDENT_SPEC);
  if (!existsSync(file)) {
    const known = bundleAssignments(bundleRoot);
    return {
      ok: false,
      message: `no assignment "${id}" here (found: ${known.join(', ') || 'none'}; run npx grade from the folder you were given)`,
    };
  }
  const text = readFileSync(file, 'utf8');
  let student: StudentSpec;
  try {
    student = parseStableJson(text) as StudentSpec;
  } catch (e) {
    return {
      ok: false,
      message: `${join(id, STUDENT_SPEC)} is damaged (${(e as Error).message}); download the assignment again`,
    };
  }
  // No solution and no generators: every case is literal and its expected value ships in the spec.
  const assignment: GradedAssignment = {
    spec: student.assignment,
    root: bundleRoot,
    dir,
    specFile: join(id, STUDENT_SPEC),
    solutionDir: '',
    generators: {},
  };
  await prepareExerciseKinds(assignment.spec);
  return { ok: true, assignment, student };
}

export interface StudentRun {
  report: Report;
  /** Values for the HTML page (grade --html). */
  details: Details;
  /** The last line: visible points, and what the hidden tests are worth. */
  summary: string;
  allPassed: boolean;
}

/** Grades the assignment's own folder on its visible cases, as a student would before submitting. */
export async function gradeStudentFolder(
  bundleRoot: string,
  assignment: GradedAssignment,
  student: StudentSpec,
): Promise<StudentRun> {
  const { report, details } = await gradeSubmissionWithDetails({
    assignment,
    expectedByCase: student.expected,
    submissionDir: assignment.dir,
    student: 'local',
    secret: { value: 'none', source: 'random' },
    visibleOnly: true,
  });
  const summary = `${assignment.spec.id}: ${formatPoints(report.score)}/${formatPoints(report.max_score)} points on visible tests; hidden tests worth ${formatPoints(student.hidden.points)} more points run when you submit`;
  return { report, details, summary, allPassed: report.tests.every((t) => t.status === 'passed') };
}
