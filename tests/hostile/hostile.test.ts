import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../grader/report/schema.js';
import type { RuntimeName } from '../../grader/sandbox/runtimes/types.js';
import { resetIsolationPlan } from '../../grader/sandbox/layers.js';
import { EXPECTED, expectedStatuses, WASM_EXPECTED, type Expected } from './expected.js';
import { comparable, grade as gradeIn, pool, SECRET } from './grade.js';
import {
  addStudent,
  HOSTILE,
  listeningServer,
  makeClassroom,
  processesMentioning,
  REFERENCE_DIR,
  ROOT,
  SECRETS,
  snapshot,
  type Classroom,
} from './setup.js';

const ATTACKS = readdirSync(join(HOSTILE, 'submissions')).sort();
let room: Classroom;
let net: Awaited<ReturnType<typeof listeningServer>>;
const savedTmp = process.env.TMPDIR;

beforeAll(async () => {
  room = makeClassroom();
  net = await listeningServer();
  process.env.TMPDIR = room.boxTmp;
  // A secret in the grader's environment that a submission must not see.
  process.env.SEEDGRADE_HOSTILE_MARKER = SECRETS.env;
});

afterAll(() => {
  net.server.close();
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  delete process.env.SEEDGRADE_HOSTILE_MARKER;
  rmSync(join(room.dir, '..'), { recursive: true, force: true });
});

/** Text a student sees for every test of a report, plus its top-level fields. */
const studentText = (r: Report): string =>
  JSON.stringify({ ...r, tests: r.tests.map(({ ta_output: _ta, ...t }) => t) });

const BOXES = `seedgrade-boxes-${process.getuid?.() ?? 'user'}`;

function checkAttack(
  name: string,
  report: Report,
  table: Record<string, Expected> = EXPECTED,
): void {
  const expected = table[name];
  expect(expected, `tests/hostile/expected.ts has no entry for ${name}`).toBeDefined();
  expect(report.tests.length).toBe(45);
  for (const t of report.tests) {
    const want = expectedStatuses(expected, t.name);
    const got = want.includes(t.status)
      ? want.join('|')
      : `${t.status} (${(t.ta_output ?? t.output).split('\n')[0]})`;
    expect.soft(`${name} ${t.name}: ${got}`).toBe(`${name} ${t.name}: ${want.join('|')}`);
    if (!want.includes('passed') && expected.says && t.visibility === 'visible')
      expect.soft(t.output, `${name} ${t.name}`).toMatch(expected.says);
    // Hidden tests: the kind of failure, never text the student's code chose.
    if (t.visibility === 'hidden')
      expect(t.output, `${name} ${t.name}`).not.toMatch(/INPUTS|LEAK|exit code/);
  }
  const seen = studentText(report);
  for (const [what, text] of Object.entries(SECRETS))
    expect(seen.includes(text), `${name} leaked the ${what}`).toBe(false);
  expect(seen.includes(SECRET.value), `${name} leaked the course secret`).toBe(false);
}

describe.each<RuntimeName>(['process', 'wasm'])(
  'hostile submissions, all layers, %s runtime',
  (runtime) => {
    it('contains every attack, and honest submissions score as when graded alone', async () => {
      const grade = (dir: string, student: string): Promise<Report> =>
        gradeIn(dir, student, runtime);
      const table = runtime === 'wasm' ? WASM_EXPECTED : EXPECTED;
      const honest = {
        reference: addStudent(room, `alice-reference-${runtime}`, REFERENCE_DIR, 0),
        buggy: addStudent(room, `bob-buggy-${runtime}`, join(HOSTILE, 'buggy'), 0),
      };
      const attackDirs = ATTACKS.map((name) =>
        addStudent(room, `${runtime}-${name}`, join(HOSTILE, 'submissions', name), net.port, name),
      );
      const classBefore = snapshot(room.dir);

      const alone = {
        reference: await grade(honest.reference, 'alice'),
        buggy: await grade(honest.buggy, 'bob'),
      };
      // 14 points in the spec (4 + 2 + 4 + 3 + 1); the buggy one loses outputSize's 2, on every case.
      expect(alone.reference.score).toBe(14);
      expect(alone.buggy.score).toBe(12);

      const jobs = [
        ...ATTACKS.map((name, i) => ({ name, dir: attackDirs[i], student: name })),
        { name: 'reference', dir: honest.reference, student: 'alice' },
        { name: 'buggy', dir: honest.buggy, student: 'bob' },
      ];
      const reports = await pool(jobs, 3, (j) => grade(j.dir, j.student));
      const byName = new Map(jobs.map((j, i) => [j.name, reports[i]]));

      expect(comparable(byName.get('reference') as Report)).toEqual(comparable(alone.reference));
      expect(comparable(byName.get('buggy') as Report)).toEqual(comparable(alone.buggy));
      for (const name of ATTACKS) checkAttack(name, byName.get(name) as Report, table);
      expect(ATTACKS.length).toBeGreaterThanOrEqual(30);

      // Hidden details stay for the TA: the exception that tried to leak inputs is in ta_output only.
      const leaky = (byName.get('leak-hidden-inputs') as Report).tests.find(
        (t) => t.name === 'conv2d/hidden/1',
      );
      expect(leaky?.ta_output).toMatch(/INPUTS/);
      expect(leaky?.output).toBe('conv2d threw an error');

      // Every layer was on (CI runs as root), and the report says where the code ran.
      expect(alone.reference.environment.missing).toEqual([]);
      expect(alone.reference.environment.runtime).toBe(runtime);

      // Nothing reached the network, nothing was written outside a box.
      expect(net.connections()).toBe(0);
      expect(net.received()).toBe('');
      expect(readdirSync(room.canary)).toEqual([]);
      expect(snapshot(room.dir)).toEqual(classBefore);
      // trace_events would write node_trace.*.log into the working folder.
      expect(readdirSync(ROOT).filter((f) => f.startsWith('node_trace'))).toEqual([]);

      // The grader is intact: its prototypes were not polluted and no sandbox process is left.
      expect(({} as Record<string, unknown>).status).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect([1, 2].every((x) => x > 1)).toBe(false);
      expect(Math.abs(-3)).toBe(3);
      expect(processesMentioning(room.boxTmp)).toEqual([]);
      expect(readdirSync(join(room.boxTmp, BOXES))).toEqual([]);
    }, 600_000);
  },
);

describe('hostile submissions, fallback layers only', () => {
  afterAll(() => {
    delete process.env.SEEDGRADE_SANDBOX;
    resetIsolationPlan();
  });

  it('says which layers are off and still contains the basic attacks', async () => {
    process.env.SEEDGRADE_SANDBOX = 'fallback';
    resetIsolationPlan();
    const basic = [
      'read-solutions-import',
      'getbuiltin-read-spec',
      'read-env',
      'process-exit',
      'kill-parent',
      'kill-group',
      'never-resolving',
      'heap-bomb',
      'offheap-float64-bomb',
      'write-report-file',
      'output-flood',
    ];
    const dirs = basic.map((name) =>
      addStudent(room, `fallback-${name}`, join(HOSTILE, 'submissions', name), net.port, name),
    );
    const reference = addStudent(room, 'fallback-reference', REFERENCE_DIR, 0);
    const reports = await pool([...dirs, reference], 2, (dir) =>
      gradeIn(
        dir,
        dir.endsWith('reference') ? 'alice' : dir.slice(dir.lastIndexOf('fallback-') + 9),
        'process',
      ),
    );

    const referenceReport = reports[reports.length - 1];
    expect(referenceReport.score).toBe(14);
    const missing = referenceReport.environment.missing.join('\n');
    expect(missing).toMatch(/namespaces and uid: disabled by SEEDGRADE_SANDBOX=fallback/);
    expect(missing).toMatch(/cgroup limits: disabled by SEEDGRADE_SANDBOX=fallback/);
    expect(referenceReport.environment.layers.join('\n')).toMatch(/RSS polling/);
    basic.forEach((name, i) => checkAttack(name, reports[i]));
    expect(readdirSync(room.canary)).toEqual([]);
    expect(processesMentioning(room.boxTmp)).toEqual([]);
    expect(
      existsSync(join(room.boxTmp, BOXES)) ? readdirSync(join(room.boxTmp, BOXES)) : [],
    ).toEqual([]);
  }, 300_000);
});
