// npm run bench -- startup: the student bundle's `grade feature-map` (visible tests, wasm runtime by
// default) from a fresh node, against a bare `node -e 0`, run alternately. Target: ≤ 3× node -e 0.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { releaseBundle } from '../grader/authoring/release.js';

const REPO = process.cwd();
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);

function time(args: string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, stdio: 'ignore' });
  if (r.status !== 0 && args[0] !== '-e') throw new Error(`${args.join(' ')} exited with ${r.status}`);
  return performance.now() - t0;
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchStartup(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'seedgrade-bench-startup-'));
  const bundle = join(work, 'bundle');
  const released = await releaseBundle(REPO, ['feature-map'], bundle);
  if (!released.ok) throw new Error('release failed');
  // What npm install would add: the two pinned dependencies.
  mkdirSync(join(bundle, 'node_modules'));
  for (const pkg of ['esbuild', '@esbuild', 'quickjs-emscripten', 'quickjs-emscripten-core', '@jitl']) symlinkSync(join(REPO, 'node_modules', pkg), join(bundle, 'node_modules', pkg));
  copyFileSync(join(REPO, 'solutions', 'feature-map', 'feature_map.ts'), join(bundle, 'feature-map', 'feature_map.ts'));
  const grade = [join(bundle, '.seedgrade', 'grade.mjs'), 'feature-map'];
  time(grade, bundle); // warm the file cache
  const bare: number[] = [];
  const graded: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(time(['-e', '0'], bundle));
    graded.push(time(grade, bundle));
  }
  const [b, g] = [median(bare), median(graded)];
  console.log(`student bundle, grade feature-map (11 visible cases, wasm runtime), median of ${RUNS}, alternated with node -e 0`);
  console.log(`  node -e 0                 ${b.toFixed(0).padStart(5)} ms`);
  console.log(`  grade feature-map         ${g.toFixed(0).padStart(5)} ms   ${(g / b).toFixed(2)}× node -e 0 (target ≤ 3×)`);
  rmSync(work, { recursive: true, force: true });
}
