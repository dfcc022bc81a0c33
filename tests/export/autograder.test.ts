import { execFile } from 'node:child_process';
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { REPO } from '../helpers/project.js';

const run = promisify(execFile);
const GRADE = join(REPO, 'bin', 'grade.js');
const SECRET = 'gradescope-test-secret';

/** A course folder with feature-map plus a due date, a late policy and a Gradescope visibility. */
function course(): string {
  const root = mkdtempSync(join(tmpdir(), 'seedgrade-ag-course-'));
  cpSync(join(REPO, 'assignments', 'feature-map'), join(root, 'assignments', 'feature-map'), {
    recursive: true,
  });
  cpSync(join(REPO, 'solutions', 'feature-map'), join(root, 'solutions', 'feature-map'), {
    recursive: true,
  });
  writeFileSync(join(root, 'package.json'), '{ "type": "module", "version": "0.0.0-test" }\n');
  const spec = join(root, 'assignments', 'feature-map', 'assignment.yaml');
  writeFileSync(
    spec,
    readFileSync(spec, 'utf8') +
      '\ndue: "2026-03-01T23:59:00-05:00"\nlate: { grace_minutes: 10, per_day: 0.1, max_days: 5 }\ngradescope: { hidden_visibility: after_due_date }\n',
  );
  writeFileSync(join(root, 'course.secret'), SECRET + '\n');
  return root;
}

/** Unpacks with yauzl, keeping the Unix modes the zip records (run_autograder must stay executable). */
async function unzip(zipFile: string, dest: string): Promise<Map<string, number>> {
  const modes = new Map<string, number>();
  const zip = await new Promise<yauzl.ZipFile>((res, rej) =>
    yauzl.open(zipFile, { lazyEntries: true }, (e, z) => (e ? rej(e) : res(z!))),
  );
  await new Promise<void>((res, rej) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      const mode = (entry.externalFileAttributes >>> 16) & 0o777;
      modes.set(entry.fileName, mode);
      const to = join(dest, entry.fileName);
      mkdirSync(dirname(to), { recursive: true });
      zip.openReadStream(entry, (e, stream) => {
        if (e) return rej(e);
        stream!.pipe(createWriteStream(to, { mode })).on('close', () => zip.readEntry());
      });
    });
    zip.on('end', res);
    zip.on('error', rej);
    zip.readEntry();
  });
  return modes;
}

describe('grade export gradescope', () => {
  it('builds a zip whose run_autograder grades a submission offline and writes results.json', async () => {
    const root = course();
    const zipFile = join(root, 'out', 'autograder.zip');
    const built = await run(process.execPath, [
      GRADE,
      '--root',
      root,
      'export',
      'gradescope',
      'feature-map',
      '--out',
      zipFile,
      '--secret-file',
      join(root, 'course.secret'),
    ]);
    expect(built.stdout).toContain('autograder.zip');

    // Gradescope's layout: the zip in /autograder/source, run_autograder copied to /autograder.
    const ag = mkdtempSync(join(tmpdir(), 'seedgrade-autograder-'));
    const modes = await unzip(zipFile, join(ag, 'source'));
    expect(modes.get('setup.sh')! & 0o111).not.toBe(0);
    expect(modes.get('run_autograder')! & 0o111).not.toBe(0);
    // One file of grader code, its sandbox runner beside it, esbuild and QuickJS's packages (they
    // load their native binary and .wasm files from their own folders); no other packages.
    const code = [...modes.keys()].filter(
      (f) => /\.(m?js|cjs)$/.test(f) && !f.startsWith('course/'),
    );
    const packages = new Set(
      code.map((f) => /^grader\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1]).filter(Boolean),
    );
    expect(code.filter((f) => !f.startsWith('grader/node_modules/')).sort()).toEqual([
      'grader/child/runner.mjs',
      'grader/grader.mjs',
    ]);
    expect([...packages].sort()).toEqual([
      '@jitl/quickjs-ffi-types',
      '@jitl/quickjs-wasmfile-debug-asyncify',
      '@jitl/quickjs-wasmfile-debug-sync',
      '@jitl/quickjs-wasmfile-release-asyncify',
      '@jitl/quickjs-wasmfile-release-sync',
      'esbuild',
      'quickjs-emscripten',
      'quickjs-emscripten-core',
    ]);
    expect(readFileSync(join(ag, 'source', 'course', 'secret'), 'utf8').trim()).toBe(SECRET);
    expect(
      existsSync(join(ag, 'source', 'course', 'solutions', 'feature-map', 'feature_map.ts')),
    ).toBe(true);
    cpSync(join(ag, 'source', 'run_autograder'), join(ag, 'run_autograder'));

    // Alice's correct submission, 2 started days late (due 1 March 23:59 New York, in 3 March 10:15).
    mkdirSync(join(ag, 'submission'));
    cpSync(
      join(REPO, 'examples', 'feature-map-class', 'alice', 'feature_map.ts'),
      join(ag, 'submission', 'feature_map.ts'),
    );
    writeFileSync(
      join(ag, 'submission_metadata.json'),
      JSON.stringify({
        id: 123456,
        created_at: '2026-03-03T10:15:00.365935-05:00',
        assignment: {
          due_date: '2026-03-01T23:59:00.000000-05:00',
          late_due_date: null,
          title: 'Feature maps',
          total_points: '14.0',
        },
        submission_method: 'upload',
        users: [{ email: 'alice@example.edu', id: 4242, name: 'Alice' }],
        previous_submissions: [],
      }),
    );
    await run('bash', [join(ag, 'run_autograder')], {
      env: { PATH: process.env.PATH, AUTOGRADER_ROOT: ag },
      cwd: tmpdir(),
    });
    const results = JSON.parse(readFileSync(join(ag, 'results', 'results.json'), 'utf8'));

    // The same submission graded by the repo's own grade run, with the student id Gradescope gave.
    const direct = JSON.parse(
      (
        await run(process.execPath, [
          GRADE,
          '--root',
          root,
          'run',
          'feature-map',
          '--submission',
          join(ag, 'submission'),
          '--student',
          '4242',
          '--secret',
          SECRET,
          '--json',
        ])
      ).stdout,
    );
    expect(direct.score).toBe(14); // alice is correct: 4 + 2 + 4 + 3 + 1

    // Two started days late at 10% per day: 14 − 2.8 = 11.2.
    expect(results.score).toBe(11.2);
    expect(typeof results.execution_time).toBe('number');
    expect(results.execution_time).toBeGreaterThan(0);
    expect(results.output_format).toBe('md');
    expect(results.stdout_visibility).toBe('hidden');
    expect(results.output).toContain('14 points');
    expect(results.output).toContain('2 days late');
    expect(results.extra_data).toMatchObject({
      student: '4242',
      raw_score: 14,
      days_late: 2,
      late_penalty: 2.8,
    });
    expect(results.tests).toHaveLength(direct.tests.length);
    results.tests.forEach((t: Record<string, unknown>, i: number) => {
      const d = direct.tests[i];
      expect(t.name).toBe(`${d.exercise}: ${d.name}`);
      expect(t.status).toBe('passed');
      expect(t.number).toMatch(/^\d+\.\d+$/);
      expect(Math.abs((t.score as number) - d.score)).toBeLessThan(1e-6);
      expect(Math.abs((t.max_score as number) - d.max_score)).toBeLessThan(1e-6);
      expect(t.output_format).toBe('md');
      expect(t.visibility).toBe(d.visibility === 'hidden' ? 'after_due_date' : 'visible');
    });
    // Numbers: exercise 1 is featureMap (its 9 cases are 1.1 … 1.9), exercise 2 outputSize starts at 2.1.
    expect(results.tests.map((t: { number: string }) => t.number).slice(0, 10)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '1.5',
      '1.6',
      '1.7',
      '1.8',
      '1.9',
      '2.1',
    ]);
    // The tests add up to the raw score, to the last decimal Gradescope is given.
    expect(
      Math.round(results.tests.reduce((s: number, t: { score: number }) => s + t.score * 1e6, 0)),
    ).toBe(14e6);
    // Hidden tests' inputs never reach the student.
    expect(JSON.stringify(results)).not.toContain('inputs:');

    // A broken autograder still writes results.json, with a message for the student and no details.
    writeFileSync(join(ag, 'source', 'course', 'seedgrade.json'), '{ "assignment": "nope" }');
    const failed = await run('bash', [join(ag, 'run_autograder')], {
      env: { PATH: process.env.PATH, AUTOGRADER_ROOT: ag },
    }).then(
      () => 0,
      (e: { code: number }) => e.code,
    );
    expect(failed).toBe(1);
    const broken = JSON.parse(readFileSync(join(ag, 'results', 'results.json'), 'utf8'));
    expect(broken).toMatchObject({ score: 0, tests: [], stdout_visibility: 'hidden' });
    expect(broken.output).toContain('tell course staff');
    expect(broken.output).not.toContain('nope');
  }, 180_000);
});
