import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../grader/report/schema.js';
import type { RuntimeName } from '../../grader/sandbox/runtimes/types.js';
import { installPackedGrader } from '../helpers/packed.js';
import { EXPECTED, expectedStatuses, WASM_EXPECTED } from './expected.js';
import {
  addStudent,
  HOSTILE,
  listeningServer,
  makeClassroom,
  REFERENCE_DIR,
  ROOT,
  type Classroom,
} from './setup.js';

/**
 * A grader without root: `grade bulk` runs as uid 65534 (or as the test's own user when the tests do
 * not run as root). The process runtime must still cut the network through an unprivileged user
 * namespace, the box folder must be the user's own (root has graded before: its folder is there),
 * and every attack here must come to what it comes to as root.
 */
const NOBODY = 65534;
const ATTACKS = [
  'network-socket',
  'read-solutions-import',
  'kill-parent',
  'write-report-file',
  'proc-ppid-cmdline',
];
const asRoot = process.getuid?.() === 0;

let room: Classroom;
let net: Awaited<ReturnType<typeof listeningServer>>;
// The grader and the course as an installed package in a folder anyone may read: the checkout itself
// may sit under a folder that uid 65534 cannot enter.
let course: string;
beforeAll(async () => {
  course = installPackedGrader('seedgrade-nonroot-');
  for (const part of ['assignments', 'solutions']) {
    cpSync(join(ROOT, part, 'feature-map'), join(course, part, 'feature-map'), { recursive: true });
  }
  room = makeClassroom();
  net = await listeningServer();
  addStudent(room, 'alice', REFERENCE_DIR, 0);
  for (const name of ATTACKS) addStudent(room, name, join(HOSTILE, 'submissions', name), net.port);
}, 300_000);
afterAll(() => {
  net.server.close();
  rmSync(join(room.dir, '..'), { recursive: true, force: true });
  rmSync(course, { recursive: true, force: true });
});

function bulkAsNonRoot(
  out: string,
  runtime: RuntimeName,
): Promise<{ code: number | null; stderr: string }> {
  const grade = [
    process.execPath,
    join(course, 'node_modules', 'seedgrade', 'bin', 'grade.js'),
    '--root',
    course,
    'bulk',
    room.dir,
    '--assignment',
    'feature-map',
    '--out',
    out,
    '--secret',
    'nonroot',
    '--jobs',
    '2',
    '--runtime',
    runtime,
  ];
  const drop = asRoot
    ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups']
    : [];
  const [command, ...args] = [...drop, ...grade];
  // No TMPDIR: the default /tmp, where root's own box folder already is.
  // Run from the course folder: the checkout (the tests' own cwd) may be closed to uid 65534.
  const child = spawn(command, args, {
    cwd: course,
    env: { PATH: process.env.PATH, HOME: '/tmp' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe.each<RuntimeName>(['process', 'wasm'])('grading without root, %s runtime', (runtime) => {
  it('cuts the network, says which layers ran, and contains the attacks', async () => {
    const out = mkdtempSync(join(tmpdir(), 'seedgrade-nonroot-out-'));
    chmodSync(out, 0o777);
    const { code, stderr } = await bulkAsNonRoot(out, runtime);
    expect(stderr).not.toMatch(/internal error|EPERM/);
    expect(code).toBe(0);
    const report = (student: string): Report =>
      JSON.parse(readFileSync(join(out, student, 'report.json'), 'utf8')) as Report;

    const reference = report('alice');
    expect(reference.score).toBe(14);
    expect(reference.environment.runtime).toBe(runtime);
    if (runtime === 'process') {
      // The user namespace gives the network and pid namespaces; the missing uid change is said.
      expect(reference.environment.layers).toEqual(
        expect.arrayContaining([
          'user namespace (unprivileged)',
          'network namespace (no network)',
          'pid namespace',
        ]),
      );
      expect(reference.environment.missing.join('\n')).toMatch(
        /unprivileged uid: the grader is not root/,
      );
    } else expect(reference.environment.missing).toEqual([]);

    const table = runtime === 'wasm' ? WASM_EXPECTED : EXPECTED;
    for (const name of ATTACKS) {
      for (const t of report(name).tests) {
        const want = expectedStatuses(table[name], t.name);
        expect.soft(`${name} ${t.name}: ${t.status}`).toBe(`${name} ${t.name}: ${want.join('|')}`);
        // e.g. "network: blocked" from the socket attack: the layer that stopped it.
        if (!want.includes('passed') && table[name].says && t.visibility === 'visible')
          expect.soft(t.output, `${name} ${t.name}`).toMatch(table[name].says!);
      }
    }
    expect(net.connections()).toBe(0);
    rmSync(out, { recursive: true, force: true });
  }, 180_000);
});
