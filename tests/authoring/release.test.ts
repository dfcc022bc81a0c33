import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { releaseBundle } from '../../grader/authoring/release.js';
import { studentRuntimeInputs } from '../../grader/authoring/runtime.js';
import { gradeSubmission } from '../../grader/pipeline.js';
import type { Report } from '../../grader/report/schema.js';
import { kindOf } from '../../grader/exercise/registry.js';
import { listAssignments } from '../../grader/spec/load.js';
import { loadAssignment } from '../../grader/course/load-assignment.js';
import { loadReference } from '../../grader/course/reference.js';
import { makeFolder, readTree, REPO } from './helpers.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'seedgrade-release-'));

/** Lines worth looking for: at least 20 characters once trimmed, not an import, not just punctuation. */
function telltaleLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length >= 20 && !l.startsWith('import ') && /[A-Za-z0-9]/.test(l));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Lines that may legitimately appear: the runtime bundles the grader and its libraries, so a line
 * their sources share with a solution (`const started = Date.now();`) proves nothing; and exported
 * declarations (with a multi-line signature's `): ReturnType {`) are the public interface that
 * stubs must repeat exactly.
 */
let graderLines = new Set<string>();
/** The specs' public interface text: `types:` declarations and signatures, which stubs repeat. */
const publicSpecText: string[] = [];
const isPublic = (line: string): boolean =>
  graderLines.has(line) ||
  // A solution line that is part of a line of the grader's own code proves nothing either.
  [...graderLines].some((g) => g.includes(line)) ||
  publicSpecText.some((t) => t.includes(line.replace(/^export /, '').replace(/[,;]$/, ''))) ||
  /^export (async )?function /.test(line) ||
  /^\)\s*:/.test(line);

beforeAll(async () => {
  const inputs = studentRuntimeInputs();
  // The runtime is built from the grader and its libraries only: no solution, no assignment file.
  expect(inputs.some((f) => f.startsWith('grader/'))).toBe(true);
  expect(inputs.filter((f) => /(^|\/)(solutions|assignments)\//.test(f))).toEqual([]);
  graderLines = new Set(inputs.flatMap((f) => telltaleLines(readFileSync(join(REPO, f), 'utf8'))));
  for (const id of listAssignments(REPO)) {
    const loaded = await loadAssignment(REPO, id);
    if (!loaded.ok) continue;
    publicSpecText.push(loaded.assignment.spec.types ?? '');
    for (const ex of loaded.assignment.spec.exercises)
      publicSpecText.push(
        ...kindOf(ex)
          .stubFunctions(ex)
          .map((f) => f.signature),
      );
  }
});

/** Every (bundle file, leaked line) pair. */
function leaks(bundle: string, secretFiles: string[], secrets: string[]): string[] {
  const needles = [
    ...secretFiles
      .flatMap((f) => telltaleLines(readFileSync(f, 'utf8')))
      .filter((l) => !isPublic(l)),
    ...secrets,
  ];
  const found: string[] = [];
  for (const [rel, { bytes }] of readTree(bundle)) {
    const text = bytes.toString('utf8');
    for (const n of needles) if (text.includes(n)) found.push(`${rel}: ${n}`);
  }
  return found;
}

const SECRET = randomBytes(12).toString('hex');

describe('the student bundle never contains reference code, hidden cases, generators or the secret', () => {
  it('for every assignment of the repo', async () => {
    process.env.GRADE_SECRET = SECRET; // release must not need it; if it read it, it must not write it
    const authorOnly = [
      ...filesUnder(join(REPO, 'solutions')),
      ...listAssignments(REPO)
        .map((id) => join(REPO, 'assignments', id, 'generators.ts'))
        .filter(existsSync),
    ];
    expect(authorOnly.length).toBeGreaterThan(0);
    const released: string[] = [];
    for (const id of listAssignments(REPO)) {
      const out = tmp();
      const r = await releaseBundle(REPO, [id], out);
      // An assignment release cannot ship is refused as a whole (nothing written), never half-shipped.
      if (!r.ok) {
        expect(r.problems.join('\n')).toMatch(/cannot ship/);
        expect(readdirSync(out)).toEqual([]);
        continue;
      }
      released.push(id);
      expect(leaks(out, authorOnly, [SECRET])).toEqual([]);
      const spec = readFileSync(join(out, id, '.seedgrade', 'spec.json'), 'utf8');
      // No hidden group or run ships (an answers exercise ships marked hidden, without its answers).
      const shipped = JSON.parse(spec).assignment.exercises as {
        groups?: { visibility: string }[];
        runs?: { visibility: string }[];
        questions?: { answer?: unknown }[];
      }[];
      expect(
        shipped
          .flatMap((ex) => [...(ex.groups ?? []), ...(ex.runs ?? [])])
          .filter((g) => g.visibility === 'hidden'),
      ).toEqual([]);
      expect(
        shipped.flatMap((ex) => ex.questions ?? []).filter((q) => q.answer !== undefined),
      ).toEqual([]);
      expect(spec).not.toMatch(/"gen":|reference_answers/);
    }
    expect(released).toContain('feature-map');
    delete process.env.GRADE_SECRET;
  });

  it('for a hidden literal case and a custom generator (a project made for the test)', async () => {
    const root = makeFolder({
      'package.json': '{ "type": "module" }',
      'assignments/leak/assignment.yaml': [
        'id: leak',
        'title: Leak',
        'description: d',
        'files: [leak.ts]',
        'exercises:',
        '  - { id: twice, kind: function, file: leak.ts, export: twice, signature: "(x: number) => number", points: 2, judge: { name: exact }, groups: [',
        '      { name: shown, visibility: visible, count: 1, args: [{ gen: smallOdd }] },',
        '      { name: unseen, visibility: hidden, cases: [{ args: [86420975] }] } ] }',
      ].join('\n'),
      'assignments/leak/generators.ts':
        'export const smallOdd = (_p: unknown, ctx: { rng: { int(a: number, b: number): number } }) => 2 * ctx.rng.int(0, 4) + 1; // customGeneratorMarker\n',
      'solutions/leak/leak.ts':
        'export function twice(x: number): number {\n  const doubledValueOfTheInput = x * 2;\n  return doubledValueOfTheInput;\n}\n',
    });
    const out = tmp();
    const r = await releaseBundle(root, ['leak'], out);
    expect(r).toMatchObject({ ok: true });
    const secretFiles = [
      join(root, 'solutions/leak/leak.ts'),
      join(root, 'assignments/leak/generators.ts'),
    ];
    expect(leaks(out, secretFiles, ['86420975', 'customGeneratorMarker', 'smallOdd'])).toEqual([]);
    // The scan does catch a leak: a copy of the reference inside the bundle is found.
    copyFileSync(join(root, 'solutions/leak/leak.ts'), join(out, 'leak', 'copied.ts'));
    expect(leaks(out, secretFiles, [])).toEqual([
      'leak/copied.ts: const doubledValueOfTheInput = x * 2;',
      'leak/copied.ts: return doubledValueOfTheInput;',
    ]);
  });
});

describe('grade release on feature-map', () => {
  let out: string;
  beforeAll(async () => {
    out = tmp();
    expect(await releaseBundle(REPO, ['feature-map'], out)).toMatchObject({ ok: true });
  });

  it('gives a byte-identical bundle when released again', async () => {
    const again = tmp();
    expect(await releaseBundle(REPO, ['feature-map'], again)).toMatchObject({ ok: true });
    const a = readTree(out);
    const b = readTree(again);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [rel, file] of a) {
      expect(b.get(rel)?.bytes.equals(file.bytes), rel).toBe(true);
      expect(b.get(rel)?.mode, rel).toBe(file.mode);
    }
  });

  it('refuses to write into a folder that holds something else', async () => {
    const busy = makeFolder({ 'notes.txt': 'mine' });
    const r = await releaseBundle(REPO, ['feature-map'], busy);
    expect(r.ok).toBe(false);
    expect(readdirSync(busy)).toEqual(['notes.txt']);
  });

  /** A copy of the bundle whose node_modules holds esbuild and QuickJS (what npm install would add). */
  function installedCopy(): string {
    const dir = tmp();
    cpSync(out, dir, { recursive: true });
    mkdirSync(join(dir, 'node_modules'));
    for (const pkg of [
      'esbuild',
      '@esbuild',
      'quickjs-emscripten',
      'quickjs-emscripten-core',
      '@jitl',
    ])
      symlinkSync(join(REPO, 'node_modules', pkg), join(dir, 'node_modules', pkg));
    return dir;
  }
  const runGrade = (dir: string, ...args: string[]) =>
    spawnSync(process.execPath, [join(dir, '.seedgrade', 'grade.mjs'), ...args], {
      cwd: tmpdir(),
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('npx grade: zero on the stubs (exit 1), full visible points with the reference (exit 0), as the full grading values them', async () => {
    const dir = installedCopy();
    const stub = runGrade(dir);
    expect(stub.status).toBe(1);
    // Visible share by hand from assignment.yaml (points × visible cases / all cases):
    // featureMap 4·3/9 + outputSize 2·3/11 + conv2d 4·2/10 + maxPool 3·2/10 + relu 1·1/5
    // = 1.3333 + 0.5455 + 0.8 + 0.6 + 0.2 = 3.4788 → 3.48; hidden 14 − 3.4788 = 10.5212 → 10.52.
    const lines = stub.stdout.trim().split('\n');
    expect(lines[lines.length - 1]).toBe(
      'feature-map: 0/3.48 points on visible tests; hidden tests worth 10.52 more points run when you submit',
    );
    expect(stub.stdout).toContain('TODO: implement featureMap');

    copyFileSync(
      join(REPO, 'solutions/feature-map/feature_map.ts'),
      join(dir, 'feature-map/feature_map.ts'),
    );
    const full = runGrade(dir, 'feature-map', '--json');
    expect(full.status).toBe(0);
    const report = JSON.parse(full.stdout) as Report;
    expect(report.score).toBe(report.max_score);
    expect(report.tests.length).toBe(11); // 3 + 3 + 2 + 2 + 1 visible cases
    expect(report.tests.every((t) => t.visibility === 'visible' && t.status === 'passed')).toBe(
      true,
    );

    // The same tests, worth the same, in the author's full grading.
    const loaded = await loadAssignment(REPO, 'feature-map');
    if (!loaded.ok) throw new Error('load');
    const ref = await loadReference(loaded.assignment);
    if (!ref.ok) throw new Error('ref');
    const fullGrading = await gradeSubmission({
      assignment: loaded.assignment,
      reference: ref.modules,
      submissionDir: join(REPO, 'solutions/feature-map'),
      student: 's',
      secret: { value: 'k', source: 'provided' },
    });
    const visible = fullGrading.tests
      .filter((t) => t.visibility === 'visible')
      .map((t) => [t.name, t.max_score]);
    expect(report.tests.map((t) => [t.name, t.max_score])).toEqual(visible);
  });

  it('npx grade --html writes the visible tests as a page (default grade-report.html, or the file given)', () => {
    const dir = installedCopy();
    for (const f of ['feature_map.ts', 'helpers.ts'])
      copyFileSync(join(REPO, 'examples/feature-map-class/carol', f), join(dir, 'feature-map', f));
    const cwd = tmp();
    const r = spawnSync(process.execPath, [join(dir, '.seedgrade', 'grade.mjs'), '--html'], {
      cwd,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1); // carol fails some visible tests
    const page = readFileSync(join(cwd, 'grade-report.html'), 'utf8');
    expect(page).toContain('<h1>feature-map: local</h1>');
    // Carol's featureMap on the two random 5 × 5 cases: expected, yours, difference, 25 cells each.
    expect(page).toContain('yours − expected (5 × 5)');
    expect(page).not.toContain('class="tag">hidden'); // no hidden test ships in a bundle
    expect(page).not.toMatch(/<script/);
    const named = spawnSync(
      process.execPath,
      [join(dir, '.seedgrade', 'grade.mjs'), 'feature-map', '--html', 'mine.html'],
      { cwd, encoding: 'utf8', timeout: 60_000 },
    );
    expect(named.stderr).toContain('wrote mine.html');
    expect(readFileSync(join(cwd, 'mine.html'), 'utf8')).toBe(page);
  });

  it('npx grade <unknown id> says which assignments exist', () => {
    const r = runGrade(installedCopy(), 'nope');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('found: feature-map');
  });
});
