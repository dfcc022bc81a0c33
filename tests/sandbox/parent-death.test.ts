import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/project.js';

/** Processes whose command line mentions `needle`. */
function processesWith(needle: string): string[] {
  const out = execFileSync('ps', ['-ww', '-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(needle) && !l.includes('ps -ww'));
}

describe('a grader killed with SIGKILL', () => {
  it('takes its sandboxed children with it (parent-death signal)', async () => {
    const work = mkdtempSync(join(tmpdir(), 'seedgrade-pdeath-'));
    chmodSync(work, 0o755); // boxes below it must be reachable by the sandbox's unprivileged uid
    const sub = join(work, 'sub');
    const marker = `pdeath-${process.pid}-${Date.now()}`;
    execFileSync('mkdir', ['-p', sub]);
    // Loops forever as soon as it is called; its box path carries the marker via TMPDIR.
    writeFileSync(
      join(sub, 'feature_map.ts'),
      'export function relu(): number[][] { for (;;) {} }\n',
    );
    const boxes = join(work, marker);
    execFileSync('mkdir', ['-p', boxes]);
    const script = join(work, 'grade.mts');
    writeFileSync(
      script,
      `import { prepareBox } from ${JSON.stringify(join(REPO, 'grader/sandbox/box.ts'))};
       import { createSession } from ${JSON.stringify(join(REPO, 'grader/sandbox/session.ts'))};
       const r = await prepareBox(${JSON.stringify(sub)}, ['feature_map.ts']);
       if (!r.ok) process.exit(2);
       const s = createSession({ box: r.box.dir });
       console.log('calling');
       await s.call({ file: 'feature_map.ts', exportName: 'relu', args: [], timeoutMs: 600000 });`,
    );
    // One process (no tsx wrapper in between) in its own process group, as a grader started from a shell.
    const grader = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, TMPDIR: boxes },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    await new Promise<void>((res) =>
      grader.stdout!.on('data', (d: Buffer) => d.toString().includes('calling') && res()),
    );
    // Wait until the looping child runs, then kill the grader without any chance to clean up.
    for (
      let i = 0;
      i < 100 && processesWith(marker).filter((l) => l.includes('runner.mjs')).length === 0;
      i++
    )
      await new Promise((r) => setTimeout(r, 50));
    expect(processesWith(marker).some((l) => l.includes('runner.mjs'))).toBe(true);
    grader.kill('SIGKILL');
    await new Promise((r) => grader.on('exit', r));
    for (let i = 0; i < 40 && processesWith(marker).length > 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(processesWith(marker)).toEqual([]);
  }, 60_000);
});
