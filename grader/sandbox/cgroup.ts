import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** cgroup v1 folders made for one child: memory first, then pids if the controller is there. */
export interface ChildCgroups {
  dirs: string[];
  memory?: string;
}

export interface CgroupRoots {
  memoryRoot: string;
  pidsRoot?: string;
  memsw: boolean;
}

export function makeCgroups(
  roots: CgroupRoots | undefined,
  memoryMb: number,
  maxProcesses: number,
): ChildCgroups {
  if (!roots) return { dirs: [] };
  const id = randomUUID();
  const memory = join(roots.memoryRoot, id);
  mkdirSync(memory);
  const bytes = String(memoryMb * 1024 * 1024);
  writeFileSync(join(memory, 'memory.limit_in_bytes'), bytes);
  // memsw = memory + swap; without it a bomb could spill into swap instead of being stopped.
  if (roots.memsw) writeFileSync(join(memory, 'memory.memsw.limit_in_bytes'), bytes);
  const dirs = [memory];
  if (roots.pidsRoot) {
    const pids = join(roots.pidsRoot, id);
    mkdirSync(pids);
    writeFileSync(join(pids, 'pids.max'), String(maxProcesses));
    dirs.push(pids);
  }
  return { dirs, memory };
}

/** True once the kernel killed a process of the group for memory. */
export function hitMemoryLimit(groups: ChildCgroups): boolean {
  if (!groups.memory) return false;
  const read = (file: string): string => {
    try {
      return readFileSync(join(groups.memory as string, file), 'utf8');
    } catch {
      return '';
    }
  };
  // oom_kill counts kills; failcnt (older kernels) also counts reclaimed page cache, so it is the fallback only.
  const kills = /oom_kill (\d+)/.exec(read('memory.oom_control'));
  if (kills) return Number(kills[1]) > 0;
  return Number(read('memory.failcnt') || 0) > 0;
}

/** Every pid still in the child's groups: whatever escaped the process group is found here. */
export function pidsIn(groups: ChildCgroups): number[] {
  const pids = new Set<number>();
  for (const dir of groups.dirs) {
    try {
      for (const line of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n'))
        if (line) pids.add(Number(line));
    } catch {
      /* removed already */
    }
  }
  return [...pids];
}

/** Kills every process in the groups, then removes them; waits at most ~1 s, never throws. */
export async function removeCgroups(groups: ChildCgroups): Promise<void> {
  let left = groups.dirs;
  for (let attempt = 0; left.length && attempt < 40; attempt++) {
    for (const pid of pidsIn({ dirs: left })) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    left = left.filter((dir) => !tryRmdir(dir));
    if (left.length) await new Promise((r) => setTimeout(r, 25));
  }
}

function tryRmdir(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * Removes groups left by graders that died before cleaning up. Only empty groups older than a
 * minute: a younger one may belong to a grader that is just starting its child.
 */
export function sweepStaleCgroups(roots: string[], now = Date.now()): void {
  for (const root of roots) {
    let names: string[] = [];
    try {
      names = readdirSync(root, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name);
    } catch {
      continue;
    }
    for (const name of names) {
      const dir = join(root, name);
      try {
        if (now - statSync(dir).mtimeMs < 60_000) continue;
        if (readFileSync(join(dir, 'cgroup.procs'), 'utf8').trim()) continue;
        rmdirSync(dir);
      } catch {
        /* busy or gone: leave it */
      }
    }
  }
}
