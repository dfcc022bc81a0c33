// npm run bench -- similarity: `grade similarity` on a synthetic class of feature-map submissions
// (variations of a few base solutions: every identifier renamed per student, some with their
// functions reordered), at several class sizes, printing wall time and peak memory of each run.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = process.cwd();
const SIZES = (process.env.BENCH_SIMILARITY_SIZES ?? '125,250,500').split(',').map(Number);
const BASES = [
  join(REPO, 'solutions/feature-map/feature_map.ts'),
  ...['alice', 'bob', 'carol', 'erin'].map((s) =>
    join(REPO, 'examples/feature-map-class', s, 'feature_map.ts'),
  ),
].map((p) => readFileSync(p, 'utf8'));
const KEYWORDS = new Set(
  'export function return const let for if else number of new Math floor ceil max min length push map true false Infinity undefined options import from type as'.split(
    ' ',
  ),
);

/** Student i's version of a base: own names for every identifier, own comment, maybe reordered. */
function variant(base: string, i: number): string {
  let code = base.replace(/\b[A-Za-z_][A-Za-z0-9_]*\b/g, (w) =>
    KEYWORDS.has(w) ? w : `${w}_${i.toString(36)}`,
  );
  // Keep the graded exports' names: a real student cannot rename those.
  code = code.replace(
    /\b(outputSize|conv2d|featureMap|maxPool|relu|ceilMode|padding|stride|transpose)_[a-z0-9]+\b/g,
    '$1',
  );
  if (i % 3 === 0)
    code = code
      .split(/\n(?=export )/)
      .reverse()
      .join('\n');
  return `// student ${i}\n${code}\n`;
}

function buildClass(dir: string, size: number): void {
  for (let i = 0; i < size; i++) {
    const to = join(dir, `s${String(i).padStart(4, '0')}`);
    mkdirSync(to, { recursive: true });
    writeFileSync(join(to, 'feature_map.ts'), variant(BASES[i % BASES.length]!, i));
  }
}

/** Runs the CLI in a child whose peak RSS it reports itself on exit. */
function timeCli(
  args: string[],
): Promise<{ ms: number; cpuMs: number; maxRssMb: number; stdout: string }> {
  const report =
    'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();' +
    'process.stderr.write("maxrss "+u.maxRSS+" cpu "+(u.userCPUTime+u.systemCPUTime)+"\\n")})';
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--import', report, join(REPO, 'bin/grade.js'), ...args],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const rss = /maxrss (\d+) cpu (\d+)/.exec(stderr);
      if (code !== 0 || !rss)
        return reject(new Error(`grade similarity exited ${code}: ${stderr}`));
      resolve({ ms, cpuMs: Number(rss[2]) / 1000, maxRssMb: Number(rss[1]) / 1024, stdout });
    });
  });
}

export async function benchSimilarity(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'seedgrade-bench-similarity-'));
  try {
    const base = await timeCli(['--help']);
    const cpu = (r: { cpuMs: number }): string => `${(r.cpuMs / 1000).toFixed(1)} s CPU`;
    console.log(
      `grade --help (start-up floor): ${(base.ms / 1000).toFixed(1)} s, ${cpu(base)}, peak RSS ${base.maxRssMb.toFixed(0)} MB`,
    );
    for (const size of SIZES) {
      const subs = join(work, `class-${size}`);
      buildClass(subs, size);
      const r = await timeCli([
        'similarity',
        subs,
        '--assignment',
        'feature-map',
        '--out',
        join(work, `out-${size}`),
      ]);
      const pairs = (size * (size - 1)) / 2;
      const summary = r.stdout.split('\n').find((l) => l.startsWith('compared')) ?? '';
      const line = `${size} submissions, ${pairs} pairs: ${(r.ms / 1000).toFixed(1)} s, ${cpu(r)}, peak RSS ${r.maxRssMb.toFixed(0)} MB`;
      console.log(`${line}  [${summary}]`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
