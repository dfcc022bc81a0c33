import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installPackedGrader } from '../helpers/packed.js';
import { REPO } from '../helpers/project.js';

/**
 * A course kept in its own repository, as course staff would: an empty npm project that installs
 * seedgrade from a packed tarball (what `npm publish` would ship), then uses it with npx.
 */
let course: string;

const npx = (cwd: string, ...args: string[]) =>
  spawnSync('npx', ['--no', 'grade', ...args], { cwd, encoding: 'utf8', timeout: 600_000 });
const ok = (r: ReturnType<typeof npx>): string => {
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
};

beforeAll(() => {
  course = installPackedGrader('seedgrade-course-');
}, 300_000);

describe('a course folder outside the grader', () => {
  it('pins the grader as a dependency and ships no TypeScript sources of it', () => {
    const pkg = JSON.parse(readFileSync(join(course, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies.seedgrade).toMatch(/seedgrade-\d+\.\d+\.\d+\.tgz$/);
    expect(spawnSync('ls', [join(course, 'node_modules/seedgrade/grader')]).status).not.toBe(0);
  });

  it('grade new, validate and check pass on a new assignment', () => {
    expect(ok(npx(course, 'new', 'my-assignment'))).toContain(
      'created assignments/my-assignment/assignment.yaml',
    );
    expect(ok(npx(course, 'validate'))).toContain('ok: my-assignment');
    ok(npx(course, 'check', 'my-assignment'));
  });

  it("takes this repo's assignments and solutions: validate and check there, and validate --root from anywhere", () => {
    cpSync(join(REPO, 'assignments'), join(course, 'assignments'), { recursive: true });
    cpSync(join(REPO, 'solutions'), join(course, 'solutions'), { recursive: true });
    expect(ok(npx(course, 'validate'))).toContain(
      'ok: conv-backward, conv-gradients, count-weights, feature-map, my-assignment, train-classifier',
    );
    ok(npx(course, 'check'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'seedgrade-elsewhere-'));
    const grade = join(course, 'node_modules', '.bin', 'grade');
    const r = spawnSync(grade, ['validate', '--root', course], {
      cwd: elsewhere,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
  });

  it("names the file, line and column of an error in the course's own TypeScript", () => {
    const file = join(course, 'assignments', 'feature-map', 'generators.ts');
    const text = readFileSync(file, 'utf8');
    // A syntax error on line 3 of the generators (a line the test adds, so its place is known).
    writeFileSync(
      file,
      `${text.split('\n').slice(0, 2).join('\n')}\nexport const broken = (;\n${text.split('\n').slice(2).join('\n')}`,
    );
    const r = npx(course, 'validate', 'feature-map');
    writeFileSync(file, text);
    expect(r.status).toBe(1);
    expect(r.stdout.trim()).toMatch(/^assignments\/feature-map\/generators\.ts:3:\d+: /);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/internal error|\n\s+at /);
  });
});
