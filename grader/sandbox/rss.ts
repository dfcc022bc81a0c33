import { readFileSync } from 'node:fs';

/**
 * Resident memory of a process and its descendants, read from /proc. Used where no memory
 * cgroup is writable: the direct child may be a wrapper (unshare) with node below it, and
 * off-heap bombs (Buffer, Float64Array) escape --max-old-space-size, so only RSS sees them.
 */
export function treeRssBytes(pid: number, depth = 0): number {
  let total = 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    if (m) total += Number(m[1]) * 1024;
  } catch {
    return 0;
  }
  if (depth >= 4) return total;
  let children: string[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean);
  } catch {
    /* no children file (old kernel): the process itself only */
  }
  for (const child of children) total += treeRssBytes(Number(child), depth + 1);
  return total;
}

/** Calls onExceeded once when the tree's RSS passes the limit; stop() ends the polling. */
export function watchRss(
  pid: number,
  limitBytes: number,
  onExceeded: () => void,
  everyMs = 10,
): { stop(): void } {
  const timer = setInterval(() => {
    if (treeRssBytes(pid) > limitBytes) {
      clearInterval(timer);
      onExceeded();
    }
  }, everyMs);
  return { stop: () => clearInterval(timer) };
}
