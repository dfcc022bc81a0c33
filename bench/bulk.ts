// npm run bench (part): grade bulk on a synthetic class vs. a TA running vitest once per submission,
// and vs. the floor of starting one `node -e 0` per submission. Prints rates and ratios.
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bulkGrade } from '../grader/bulk/run.js';
import { loadAssignment } from '../grader/course/load-assignment.js';

const REPO = process.cwd();
const CLASS_SIZE = Number(process.env.BENCH_CLASS ?? 200);
const VITEST_SAMPLE = Number(process.env.BENCH_VITEST_SAMPLE ?? 12);
const run = promisify(execFile);
/** Bare node starts per floor measurement. */
const FLOOR_BURST = Number(process.env.BENCH_FLOOR ?? 40);

/**
 * A class of CLASS_SIZE: mostly correct or buggy, some crashing, a few looping (on one case each)
 * unless `loops` is false.
 */
function buildClass(dir: string, loops = true): string[] {
  const examples = join(REPO, 'examples', 'feature-map-class');
  const kinds = ['alice', 'bob', 'carol', 'alice', 'bob', 'dave', 'frank', 'alice', 'carol', 'bob'];
  const students: string[] = [];
  for (let i = 0; i < CLASS_SIZE; i++) {
    const id = `s${String(i).padStart(4, '0')}`;
    const kind = loops && i % 40 === 39 ? 'looping' : kinds[i % kinds.length];
    const to = join(dir, id);
    if (kind === 'looping') {
      mkdirSync(to, { recursive: true });
      const code = readFileSync(join(examples, 'alice', 'feature_map.ts'), 'utf8').replace(
        'export function relu(image: number[][]): number[][] {',
        'export function relu(image: number[][]): number[][] {\n  if (image.length === 2) for (;;) {}',
      );
      writeFileSync(join(to, 'feature_map.ts'), code);
    } else cpSync(join(examples, kind), to, { recursive: true });
    // A comment keeps every submission distinct, as real ones are.
    writeFileSync(
      join(to, 'feature_map.ts'),
      `// ${id}\n` + readFileSync(join(to, 'feature_map.ts'), 'utf8'),
    );
    students.push(id);
  }
  return students;
}

/** The test file a TA would write by hand: the reference's outputs on the same visible + hidden inputs. */
function vitestFile(): string {
  return `import { describe, expect, it } from 'vitest';
import * as ref from ${JSON.stringify(join(REPO, 'solutions', 'feature-map', 'feature_map.ts'))};
import * as sub from './feature_map.ts';
const X = JSON.parse(${JSON.stringify(readFileSync(join(REPO, 'assignments/feature-map/fixtures/x-image.json'), 'utf8'))});
const K = [[1, -1, -1], [-1, 1, -1], [-1, -1, 1]];
const rand = (n: number, m: number, seed: number) => Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => ((i * 7 + j * 13 + seed) % 11) - 5));
describe('feature-map', () => {
  it('featureMap X', () => expect(sub.featureMap(X, K)).toEqual(ref.featureMap(X, K)));
  for (let s = 0; s < 8; s++) it('featureMap ' + s, () => expect(sub.featureMap(rand(6, 7, s), rand(3, 2, s))).toEqual(ref.featureMap(rand(6, 7, s), rand(3, 2, s))));
  for (let s = 0; s < 10; s++) it('outputSize ' + s, () => expect(sub.outputSize(9 + s, 3, s % 3, 1 + (s % 2))).toBe(ref.outputSize(9 + s, 3, s % 3, 1 + (s % 2))));
  for (let s = 0; s < 10; s++) it('conv2d ' + s, () => expect(sub.conv2d(rand(7, 6, s), rand(2, 3, s), { padding: s % 2, stride: 1 + (s % 3) })).toEqual(ref.conv2d(rand(7, 6, s), rand(2, 3, s), { padding: s % 2, stride: 1 + (s % 3) })));
  for (let s = 0; s < 10; s++) it('maxPool ' + s, () => expect(sub.maxPool(rand(7, 5, s), 2, 2, { ceilMode: s % 2 === 0 })).toEqual(ref.maxPool(rand(7, 5, s), 2, 2, { ceilMode: s % 2 === 0 })));
  for (let s = 0; s < 5; s++) it('relu ' + s, () => expect(sub.relu(rand(s + 1, 3, s))).toEqual(ref.relu(rand(s + 1, 3, s))));
});
`;
}

async function timeVitest(dir: string, students: string[]): Promise<number> {
  const sample = students.slice(0, VITEST_SAMPLE);
  const test = vitestFile();
  const started = performance.now();
  for (const s of sample) {
    writeFileSync(join(dir, s, 'grade.test.ts'), test);
    await run(
      join(REPO, 'node_modules', '.bin', 'vitest'),
      ['run', '--root', join(dir, s), '--testTimeout', '2000', '--reporter', 'dot'],
      { cwd: join(dir, s) },
    ).catch(() => undefined);
  }
  return sample.length / ((performance.now() - started) / 1000);
}

async function timeNodeFloor(n: number, jobs: number): Promise<number> {
  const started = performance.now();
  let left = n;
  const worker = async () => {
    while (left-- > 0)
      await new Promise((res) =>
        spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }).on('exit', res),
      );
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return n / ((performance.now() - started) / 1000);
}

export async function benchBulk(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'seedgrade-bench-'));
  const classes = { 'with loops': join(work, 'class-loops'), 'without loops': join(work, 'class') };
  const students = buildClass(classes['with loops'], true);
  buildClass(classes['without loops'], false);
  const loaded = await loadAssignment(REPO, 'feature-map');
  if (!loaded.ok) throw new Error('feature-map spec invalid');
  const cores = availableParallelism();
  // Process: two jobs per core (a job mostly waits for its child). Wasm: one worker thread per core.
  const jobsFor = {
    process: Number(process.env.BENCH_JOBS ?? cores * 2),
    wasm: Number(process.env.BENCH_JOBS ?? cores),
  };
  // The machine is shared: each run is compared with a burst of bare node starts just before it.
  const rows: { what: string; runtime: 'wasm' | 'process'; rate: number; floor: number }[] = [];
  for (const runtime of ['wasm', 'process'] as const) {
    for (const [label, dir] of Object.entries(classes)) {
      const floor = await timeNodeFloor(FLOOR_BURST, 2);
      const started = performance.now();
      await bulkGrade({
        submissionsDir: dir,
        outDir: join(work, `out-${runtime}-${label}`),
        assignment: loaded.assignment,
        secret: { value: 'bench', source: 'provided' },
        jobs: jobsFor[runtime],
        graderVersion: 'bench',
        runtime,
        progress: false,
      });
      rows.push({
        what: `${runtime} ${label}`,
        runtime,
        rate: students.length / ((performance.now() - started) / 1000),
        floor,
      });
    }
  }
  const floorBefore = await timeNodeFloor(FLOOR_BURST, 2);
  const vitestRate = await timeVitest(classes['with loops'], students);
  const floorRate = (floorBefore + (await timeNodeFloor(FLOOR_BURST, 2))) / 2;
  console.log(
    `bulk grading: ${students.length} feature-map submissions (correct, buggy, crashing; "with loops": 1 in 40 loops on one case) on ${cores} cores`,
  );
  console.log(
    '  (each ratio against node -e 0, 2 at a time, measured just before; worker start-up included)',
  );
  for (const r of rows) {
    const line = `  grade bulk, ${r.what.padEnd(22)} ${r.rate.toFixed(1).padStart(6)} submissions/s  (${jobsFor[r.runtime]} jobs)`;
    console.log(
      `${line}  floor ${r.floor.toFixed(1)}/s → ${(r.rate / r.floor).toFixed(2)}× floor  ${((r.rate / r.floor) * (floorRate / vitestRate)).toFixed(1)}× vitest`,
    );
  }
  console.log(
    `  vitest per submission                ${vitestRate.toFixed(2).padStart(6)} submissions/s (sample of ${Math.min(VITEST_SAMPLE, students.length)}; floor around it ${floorRate.toFixed(1)}/s)`,
  );
  const target = rows.find((r) => r.what === 'wasm without loops')!;
  const vsFloor = target.rate / target.floor;
  console.log(
    `  targets (wasm, without loops): ≥ 2.5× floor → ${vsFloor.toFixed(2)}×; ≥ 30× vitest → ${(vsFloor * (floorRate / vitestRate)).toFixed(1)}×`,
  );
  rmSync(work, { recursive: true, force: true });
}
