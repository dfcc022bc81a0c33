import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO, makeProject } from '../helpers/project.js';

const run = promisify(execFile);
const GRADE = join(REPO, 'bin', 'grade.js');

async function grade(
  args: string[],
  cwd = REPO,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [GRADE, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('the grade CLI', () => {
  it('validate exits 0 on the repo', async () => {
    const r = await grade(['validate']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('validate prints file:line:col problems and exits 1 on a broken spec', async () => {
    const root = makeProject({ 'assignments/bad/assignment.yaml': 'id: bad\ntitle: 3\n' });
    const r = await grade(['validate'], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^assignments\/bad\/assignment\.yaml:1:1: .* is missing "description" \(add a "description:" entry\)$/m,
    );
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  it('run --runtime picks where the code runs, names it in the report, and refuses an unknown one', async () => {
    for (const runtime of ['wasm', 'process']) {
      const r = await grade([
        'run',
        'feature-map',
        '--submission',
        'solutions/feature-map',
        '--json',
        '--secret',
        'cli',
        '--runtime',
        runtime,
      ]);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.environment.runtime).toBe(runtime);
      expect(report.score).toBe(14);
    }
    const bad = await grade([
      'run',
      'feature-map',
      '--submission',
      'solutions/feature-map',
      '--runtime',
      'v8',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('grade: --runtime must be wasm or process, got "v8"');
  });

  it('a spec chooses the runtime; an unknown one is a file:line:col problem', async () => {
    const spec = readFileSync(join(REPO, 'assignments/feature-map/assignment.yaml'), 'utf8');
    const reference = readFileSync(join(REPO, 'solutions/feature-map/feature_map.ts'), 'utf8');
    const fixtures = Object.fromEntries(
      readdirSync(join(REPO, 'assignments/feature-map/fixtures')).map((f) => [
        `assignments/feature-map/fixtures/${f}`,
        readFileSync(join(REPO, 'assignments/feature-map/fixtures', f), 'utf8'),
      ]),
    );
    const generators = readFileSync(join(REPO, 'assignments/feature-map/generators.ts'), 'utf8');
    const project = (extra: string) =>
      makeProject({
        'package.json': '{ "type": "module" }\n',
        'assignments/feature-map/assignment.yaml': spec + extra,
        'assignments/feature-map/generators.ts': generators,
        'solutions/feature-map/feature_map.ts': reference,
        ...fixtures,
      });
    const bad = project('runtime: quickjs\n');
    const lines = (spec + 'runtime: quickjs\n').split('\n').length - 1;
    const v = await grade(['validate'], bad);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(
      new RegExp(`^assignments/feature-map/assignment\\.yaml:${lines}:\\d+: `, 'm'),
    );
    const chosen = project('runtime: process\n');
    const r = await grade(
      [
        'run',
        'feature-map',
        '--submission',
        join(chosen, 'solutions/feature-map'),
        '--json',
        '--secret',
        'cli',
      ],
      chosen,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).environment.runtime).toBe('process');
  });

  it('the CLI lists the same runtimes as the registry (without loading it at start)', async () => {
    const { RUNTIME_NAMES } = await import('../../grader/cli/runtime-option.js');
    const { runtimes } = await import('../../grader/sandbox/runtimes/registry.js');
    expect([...RUNTIME_NAMES].sort()).toEqual(Object.keys(runtimes).sort());
  });

  it('run --json prints only the report, with score == max_score for the reference', async () => {
    const r = await grade([
      'run',
      'feature-map',
      '--submission',
      'solutions/feature-map',
      '--json',
      '--secret',
      'cli',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.score).toBe(report.max_score);
    expect(report.timing).toBeUndefined();
  });

  it('run --html writes the staff page beside an unchanged --json report', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'seedgrade-cli-')), 'carol.html');
    const args = [
      'run',
      'feature-map',
      '--submission',
      'examples/feature-map-class/carol',
      '--student',
      'carol',
      '--secret',
      'cli',
      '--json',
    ];
    const [plain, withHtml] = await Promise.all([grade(args), grade([...args, '--html', file])]);
    expect(withHtml.code).toBe(0);
    expect(withHtml.stdout).toBe(plain.stdout); // the JSON is byte for byte what it was without --html
    expect(withHtml.stderr).toContain(`wrote ${file}`);
    const page = readFileSync(file, 'utf8');
    expect(page).toContain('<h1>feature-map: carol</h1>');
    expect(page).toContain('class="ta-output"'); // staff view: hidden inputs
    // carol transposes conv2d: a hidden case shows both shapes side by side.
    expect(page).toMatch(/shape expected (\d+) × (\d+), yours \2 × \1/);
  });

  it('run on a missing folder or an unknown assignment: one clear line, non-zero exit, no stack trace', async () => {
    const missing = await grade(['run', 'feature-map', '--submission', 'no/such/folder']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim()).toMatch(
      /^grade: submission folder no\/such\/folder not found \(.+\)$/,
    );
    const unknown = await grade(['run', 'nope', '--submission', 'solutions/feature-map']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/no assignment "nope"/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });
});
