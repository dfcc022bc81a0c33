import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runtimeOf } from '../../grader/exercise/registry.js';
import { gradeSubmission } from '../../grader/pipeline.js';
import { withoutTiming } from '../../grader/report/build.js';
import type { Report } from '../../grader/report/schema.js';
import type { RuntimeName } from '../../grader/sandbox/runtimes/types.js';
import { listAssignments, type LoadedAssignment } from '../../grader/spec/load.js';
import type { Exercise } from '../../grader/spec/schema.js';
import { loaded } from '../helpers/grade.js';
import { REPO } from '../helpers/project.js';

const RUNTIMES: RuntimeName[] = ['process', 'wasm'];
const SECRET = { value: 'parity-secret', source: 'provided' as const };

/** The assignment with only its function exercises (training stays in the process runtime). */
function functionsOnly(a: LoadedAssignment, timeoutMs?: number): LoadedAssignment {
  const exercises = a.spec.exercises
    .filter((e) => e.kind === 'function')
    .map((e) =>
      timeoutMs ? { ...e, groups: e.groups.map((g) => ({ ...g, timeout_ms: timeoutMs })) } : e,
    ) as Exercise[];
  return { ...a, spec: { ...a.spec, exercises } };
}

const points = (a: LoadedAssignment): number => a.spec.exercises.reduce((t, e) => t + e.points, 0);
/** A report as the two runtimes must agree on it: all but where the code ran and how long it took. */
const agreed = (r: Report): Omit<Report, 'environment'> => {
  const { environment: _e, ...rest } = withoutTiming(r);
  return rest;
};

describe('both runtimes grade alike', () => {
  const withFunctions = listAssignments(REPO).filter(
    (id) => readdirSync(join(REPO, 'assignments', id)).length > 0,
  );

  it.each(withFunctions)(
    'the reference of %s earns full marks on every function exercise under both runtimes',
    async (id) => {
      const { assignment, reference } = await loaded(id);
      const only = functionsOnly(assignment);
      if (only.spec.exercises.length === 0) return;
      for (const runtime of RUNTIMES) {
        const r = await gradeSubmission({
          assignment: only,
          reference,
          submissionDir: assignment.solutionDir,
          student: 'parity',
          secret: SECRET,
          runtime,
        });
        expect(r.environment.runtime).toBe(runtime);
        expect(
          r.tests
            .filter((t) => t.status !== 'passed')
            .map((t) => `${runtime} ${t.name}: ${t.output}`),
        ).toEqual([]);
        expect(r.score).toBe(points(only));
      }
    },
    240_000,
  );

  it('the example class gets identical reports (apart from environment and timing) under both', async () => {
    const { assignment, reference } = await loaded('feature-map');
    // Shorter time limits: erin's loop costs one limit per case, twice.
    const short = functionsOnly(assignment, 400);
    const cls = join(REPO, 'examples', 'feature-map-class');
    const students = readdirSync(cls).sort();
    expect(students.length).toBeGreaterThanOrEqual(6);
    const byRuntime = new Map<RuntimeName, Report[]>();
    for (const runtime of RUNTIMES) {
      const reports = await Promise.all(
        students.map((s) =>
          gradeSubmission({
            assignment: short,
            reference,
            submissionDir: join(cls, s),
            student: s,
            secret: SECRET,
            runtime,
          }),
        ),
      );
      byRuntime.set(runtime, reports);
    }
    const [processReports, wasmReports] = RUNTIMES.map((r) => byRuntime.get(r)!);
    students.forEach((s, i) =>
      expect(agreed(wasmReports[i]), s).toEqual(agreed(processReports[i])),
    );
    // Not trivially equal: the class holds full marks, wrong values, throws, timeouts and missing exports.
    const statuses = new Set(wasmReports.flatMap((r) => r.tests.map((t) => t.status)));
    expect([...statuses].sort()).toEqual(['error', 'failed', 'passed', 'timeout']);
    expect(wasmReports[students.indexOf('alice')].score).toBe(points(short));
  }, 240_000);

  it('defaults: wasm for function exercises, process for training; the assignment and the exercise can choose', async () => {
    const { assignment } = await loaded('train-classifier');
    const training = assignment.spec.exercises.find((e) => e.kind === 'training')!;
    const fn = (await loaded('feature-map')).assignment.spec.exercises[0];
    expect(runtimeOf(fn)).toBe('wasm');
    expect(runtimeOf(training)).toBe('process');
    expect(runtimeOf(fn, 'process')).toBe('process');
    expect(runtimeOf({ ...fn, runtime: 'wasm' } as Exercise, 'process')).toBe('wasm');
    expect(runtimeOf({ ...fn, runtime: 'wasm' } as Exercise, 'process', 'process')).toBe('process');
  });
});
