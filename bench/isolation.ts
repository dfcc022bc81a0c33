/**
 * Isolation overhead per submission: spawn + load + one round trip in the sandbox, against a bare
 * `node -e 0` child. Each layer is also timed on its own, to show where the cost is.
 * Run: npx tsx bench/isolation.ts [runs]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareBox } from '../grader/sandbox/box.js';
import { DEFAULT_LIMITS, spawnSandboxChild } from '../grader/sandbox/child.js';
import { isolationPlan, type IsolationPlan } from '../grader/sandbox/layers.js';

const RUNS = Number(process.argv[2] ?? 15);

async function bare(): Promise<number> {
  const t0 = performance.now();
  await new Promise<void>((resolve) =>
    spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }).on('close', () => resolve()),
  );
  return performance.now() - t0;
}

/** Spawn, wait for the runner's ready frame, make one call, wait for its reply. */
async function sandboxed(box: string, plan: IsolationPlan): Promise<number> {
  const t0 = performance.now();
  const child = spawnSandboxChild(box, DEFAULT_LIMITS, plan);
  await new Promise<void>((resolve, reject) => {
    child.onFrame((f) => {
      const frame = f as { type?: string; id?: number };
      if (frame.type === 'ready')
        child.send({
          id: 1,
          file: 'feature_map.ts',
          exportName: 'relu',
          args: [[[-1, 2]]],
          callbacks: [],
        });
      else if (frame.id === 1) resolve();
    });
    void child.exited.then((r) =>
      reject(new Error(`child ended: ${JSON.stringify(r)} ${child.output().stderr}`)),
    );
  });
  const ms = performance.now() - t0;
  child.kill();
  await child.exited;
  return ms;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const src = await mkdtemp(join(tmpdir(), 'seedgrade-bench-'));
  await writeFile(
    join(src, 'feature_map.ts'),
    'export const relu = (m: number[][]) => m.map((r) => r.map((x) => Math.max(0, x)));\n',
  );
  const prepared = await prepareBox(src, ['feature_map.ts']);
  if (!prepared.ok) throw new Error('could not build the bench submission');
  const full = isolationPlan();
  const variants: [string, IsolationPlan][] = [
    ['permission model only', { ...full, namespaces: false, uid: undefined, cgroup: undefined }],
    ['+ unshare/setpriv', { ...full, cgroup: undefined }],
    ['+ cgroup join (sh)', { ...full, namespaces: false, uid: undefined }],
    ['full sandbox', full],
  ];
  const times: Record<string, number[]> = { 'bare node -e 0': [] };
  for (const [name] of variants) times[name] = [];
  await bare(); // warm the page cache
  for (let i = 0; i < RUNS; i++) {
    times['bare node -e 0'].push(await bare());
    for (const [name, plan] of variants) times[name].push(await sandboxed(prepared.box.dir, plan));
  }
  await prepared.box.dispose();
  await rm(src, { recursive: true, force: true });

  // On a busy machine the median drifts with the load; the minimum is the cost with no one in the way.
  const base = {
    median: median(times['bare node -e 0']),
    min: Math.min(...times['bare node -e 0']),
  };
  console.log(
    `isolation overhead over ${RUNS} runs (layers on: ${full.missing.length ? `some missing: ${full.missing.join('; ')}` : 'all'})`,
  );
  console.log(
    `  ${''.padEnd(24)} ${'median'.padStart(10)} ${'min'.padStart(10)}   overhead (median / min)`,
  );
  for (const [name, xs] of Object.entries(times)) {
    const m = median(xs);
    const lo = Math.min(...xs);
    const extra = name.startsWith('bare')
      ? ''
      : `   +${(m - base.median).toFixed(1)} / +${(lo - base.min).toFixed(1)} ms`;
    console.log(
      `  ${name.padEnd(24)} ${m.toFixed(1).padStart(7)} ms ${lo.toFixed(1).padStart(7)} ms${extra}`,
    );
  }
  const overhead = Math.min(...times['full sandbox']) - base.min;
  console.log(
    `per-submission overhead (min vs min): ${overhead.toFixed(1)} ms (target ≤ 30 ms) ${overhead <= 30 ? 'OK' : 'OVER'}`,
  );
}

await main();
