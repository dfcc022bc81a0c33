import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hitMemoryLimit, makeCgroups, removeCgroups } from '../../grader/sandbox/cgroup.js';
import { computedImports } from '../../grader/sandbox/bundle.js';
import { isolationPlan } from '../../grader/sandbox/layers.js';

describe('cgroup v1 hard wall (CI runs as root with cgroup v1 memory)', () => {
  it('the kernel kills an off-heap bomb at the limit, the grader sees it, and the groups go away', async () => {
    const plan = isolationPlan();
    expect(plan.cgroup, `no writable cgroup: ${plan.missing.join('; ')}`).toBeDefined();
    const groups = makeCgroups(plan.cgroup, 96, 8);
    const bomb = 'const a = []; for (;;) a.push(new Float64Array(1e6).fill(1));';
    const run = spawnSync(
      '/bin/sh',
      [
        '-c',
        `echo $$ > "$1/cgroup.procs" && exec "$2" -e "$3"`,
        'sh',
        groups.memory as string,
        process.execPath,
        bomb,
      ],
      { timeout: 30_000 },
    );
    expect(run.signal).toBe('SIGKILL');
    expect(hitMemoryLimit(groups)).toBe(true);
    await removeCgroups(groups);
    for (const dir of groups.dirs) expect(existsSync(dir)).toBe(false);
  });

  it('a process that exits normally is not reported as a memory kill', async () => {
    const groups = makeCgroups(isolationPlan().cgroup, 96, 8);
    const run = spawnSync('/bin/sh', [
      '-c',
      `echo $$ > "$1/cgroup.procs" && exec "$2" -e "1"`,
      'sh',
      groups.memory as string,
      process.execPath,
    ]);
    expect(run.status).toBe(0);
    expect(hitMemoryLimit(groups)).toBe(false);
    await removeCgroups(groups);
  });
});

describe('computed import() check', () => {
  it('flags import() whose name is computed, and lets allow-listed literals through', () => {
    expect(computedImports('const m = await import(name);')).toEqual(['import(name)']);
    expect(computedImports('await import("node:" + "fs")')).toEqual(['import("node:" + "fs")']);
    expect(computedImports('await import("node:fs")')).toEqual(['import("node:fs")']);
    expect(computedImports('await import("node:util"); obj.import(x);')).toEqual([]);
  });
});
