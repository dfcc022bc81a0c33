// npm run bench -- startup: how long each command takes before and while it works, side by side
// with a bare `node -e 0` (the bundle's function exercises run in the wasm runtime). Commands run
// alternately (so a busy machine slows them all alike), RUNS times each; the median wall time, the
// peak memory (max RSS, GNU time) and the ratio to node.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = process.cwd();
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
const TIME = '/usr/bin/time';

interface Probe {
  name: string;
  cmd: string;
  args: string[];
  cwd: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** One run: wall milliseconds, and peak RSS in MiB when GNU time is installed. */
function once(p: Probe): { ms: number; mib?: number } {
  const out = join(tmpdir(), `seedgrade-bench-time-${process.pid}`);
  const timed = existsSync(TIME);
  const [cmd, args] = timed ? [TIME, ['-f', '%M', '-o', out, p.cmd, ...p.args]] : [p.cmd, p.args];
  const started = performance.now();
  const r = spawnSync(cmd, args, {
    cwd: p.cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${p.name} failed (${r.status}): ${r.stderr}`);
  const mib = timed ? Number(readFileSync(out, 'utf8').trim().split('\n').pop()) / 1024 : undefined;
  return { ms, mib };
}

/** A released feature-map bundle with the reference's code in the student's place, installed. */
function releasedBundle(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seedgrade-bench-bundle-'));
  rmSync(dir, { recursive: true });
  execFileSync(process.execPath, ['bin/grade.js', 'release', 'feature-map', '--out', dir], {
    cwd: REPO,
    stdio: 'ignore',
  });
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: dir,
    stdio: 'ignore',
  });
  copyFileSync(
    join(REPO, 'solutions/feature-map/feature_map.ts'),
    join(dir, 'feature-map/feature_map.ts'),
  );
  return dir;
}

export async function benchStartup(): Promise<void> {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: 'ignore' });
  const bundle = releasedBundle();
  const grade = join(REPO, 'bin/grade.js');
  const probes: Probe[] = [
    { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'], cwd: REPO },
    { name: 'grade --help', cmd: process.execPath, args: [grade, '--help'], cwd: REPO },
    { name: 'grade validate', cmd: process.execPath, args: [grade, 'validate'], cwd: REPO },
    {
      name: 'grade run feature-map (reference) --json',
      cmd: process.execPath,
      args: [grade, 'run', 'feature-map', '--submission', 'solutions/feature-map', '--json'],
      cwd: REPO,
    },
    {
      name: 'bundle (wasm): npx grade feature-map',
      cmd: 'npx',
      args: ['--no', 'grade', 'feature-map'],
      cwd: bundle,
    },
    {
      name: 'bundle (wasm): node .seedgrade/grade.mjs feature-map',
      cmd: process.execPath,
      args: ['.seedgrade/grade.mjs', 'feature-map'],
      cwd: bundle,
    },
  ];
  const results = new Map(probes.map((p) => [p.name, [] as { ms: number; mib?: number }[]]));
  for (const p of probes) once(p); // warm the file cache
  for (let i = 0; i < RUNS; i++) for (const p of probes) results.get(p.name)!.push(once(p));
  const floor = median(results.get('node -e 0')!.map((r) => r.ms));
  console.log(
    `${RUNS} runs each, alternating; median wall time, peak memory (max RSS) and the ratio to node -e 0`,
  );
  console.log(
    `${'command'.padEnd(48)} ${'wall'.padStart(8)} ${'memory'.padStart(9)} ${'× node'.padStart(7)}`,
  );
  for (const p of probes) {
    const rs = results.get(p.name)!;
    const ms = median(rs.map((r) => r.ms));
    const mib =
      rs[0].mib === undefined ? '—' : `${Math.max(...rs.map((r) => r.mib ?? 0)).toFixed(0)} MiB`;
    console.log(
      `${p.name.padEnd(48)} ${`${ms.toFixed(0)} ms`.padStart(8)} ${mib.padStart(9)} ${`${(ms / floor).toFixed(1)}×`.padStart(7)}`,
    );
  }
  const runtime = readFileSync(join(bundle, '.seedgrade/grade.mjs')).length;
  console.log(
    `bundle runtime .seedgrade/grade.mjs: ${(runtime / 1e6).toFixed(2)} MB (answers support loads from separate chunks, only when used)`,
  );
  rmSync(bundle, { recursive: true, force: true });
}
