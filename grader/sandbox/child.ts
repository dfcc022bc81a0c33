import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { createFrameReader, encodeFrame } from './frames.js';
import { isolationPlan, type IsolationPlan } from './layers.js';

export interface SandboxLimits {
  memoryMb: number;
  maxProcesses: number;
  /** stdout + stderr bytes before the child is stopped for flooding. */
  outputBytes: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { memoryMb: 512, maxProcesses: 32, outputBytes: 4 * 1024 * 1024 };

/** Why a child stopped, as the grader sees it. */
export type ExitReason = { kind: 'exit'; code: number | null; signal: string | null } | { kind: 'memory' } | { kind: 'output-limit'; what: string } | { kind: 'protocol'; what: string };

export interface SandboxChild {
  send(message: unknown): void;
  onFrame(listener: (value: unknown) => void): void;
  /** Resolves once the child is gone, with the first reason the grader knew of. */
  exited: Promise<ExitReason>;
  kill(): void;
  output(): { stdout: string; stderr: string };
}

const KEEP_OUTPUT = 16 * 1024;

function nodeArgs(box: string, plan: IsolationPlan, limits: SandboxLimits): string[] {
  return [plan.permissionFlag, `--allow-fs-read=${box}/`, `--max-old-space-size=${Math.max(64, Math.floor(limits.memoryMb * 0.75))}`, '--no-warnings', join(box, 'runner.mjs')];
}

/** The command line: [cgroup join] → [namespaces + unprivileged uid] → node with permissions. */
function commandLine(box: string, plan: IsolationPlan, limits: SandboxLimits, cgroups: string[]): string[] {
  let argv = [process.execPath, ...nodeArgs(box, plan, limits)];
  if (plan.namespaces && plan.uid !== undefined) {
    argv = ['unshare', '-n', '-p', '-f', '--mount-proc', 'setpriv', `--reuid=${plan.uid}`, `--regid=${plan.uid}`, '--clear-groups', '--no-new-privs', ...argv];
  }
  if (cgroups.length) {
    // Join the cgroups before exec, so no byte is allocated outside the limit.
    const joins = cgroups.map((_, i) => `echo $$ > "$${i + 1}/cgroup.procs"`).join(' && ');
    argv = ['/bin/sh', '-c', `${joins} && shift ${cgroups.length} && exec "$@"`, 'sh', ...cgroups, ...argv];
  }
  return argv;
}

function makeCgroups(plan: IsolationPlan, limits: SandboxLimits): string[] {
  if (!plan.cgroup) return [];
  const id = randomUUID();
  const memory = join(plan.cgroup.memoryRoot, id);
  mkdirSync(memory);
  const bytes = String(limits.memoryMb * 1024 * 1024);
  writeFileSync(join(memory, 'memory.limit_in_bytes'), bytes);
  if (plan.cgroup.memsw) writeFileSync(join(memory, 'memory.memsw.limit_in_bytes'), bytes);
  const groups = [memory];
  if (plan.cgroup.pidsRoot) {
    const pids = join(plan.cgroup.pidsRoot, id);
    mkdirSync(pids);
    writeFileSync(join(pids, 'pids.max'), String(limits.maxProcesses));
    groups.push(pids);
  }
  return groups;
}

function hitMemoryLimit(cgroups: string[]): boolean {
  const memory = cgroups[0];
  if (!memory) return false;
  try {
    const control = readFileSync(join(memory, 'memory.oom_control'), 'utf8');
    const kills = /oom_kill (\d+)/.exec(control);
    if (kills) return Number(kills[1]) > 0;
    return Number(readFileSync(join(memory, 'memory.failcnt'), 'utf8')) > 0;
  } catch {
    return false;
  }
}

/** A cgroup can be removed only once its processes are gone; try a few times, never throw. */
function removeCgroups(dirs: string[], attempt = 0): void {
  const left = dirs.filter((dir) => {
    try {
      rmdirSync(dir);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EBUSY';
    }
  });
  if (left.length && attempt < 20) setTimeout(() => removeCgroups(left, attempt + 1), 50).unref();
}

function readRssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function spawnSandboxChild(box: string, limits: SandboxLimits = DEFAULT_LIMITS): SandboxChild {
  const plan = isolationPlan();
  const cgroups = makeCgroups(plan, limits);
  const [command, ...args] = commandLine(box, plan, limits, cgroups);
  const proc: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe', 'pipe'], env: {}, detached: true, cwd: box });
  const channel = proc.stdio[3] as Duplex;
  let reason: ExitReason | undefined;
  let stdout = '';
  let stderr = '';
  let outputTotal = 0;
  const listeners: ((value: unknown) => void)[] = [];

  const kill = (): void => {
    try {
      if (proc.pid) process.kill(-proc.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  const stopFor = (r: ExitReason): void => {
    reason ??= r;
    kill();
  };
  const capture = (which: 'stdout' | 'stderr') => (chunk: Buffer) => {
    outputTotal += chunk.length;
    if (which === 'stdout' && stdout.length < KEEP_OUTPUT) stdout += chunk.toString('utf8', 0, KEEP_OUTPUT - stdout.length);
    if (which === 'stderr' && stderr.length < KEEP_OUTPUT) stderr += chunk.toString('utf8', 0, KEEP_OUTPUT - stderr.length);
    if (outputTotal > limits.outputBytes) stopFor({ kind: 'output-limit', what: `printed more than ${limits.outputBytes} bytes` });
  };
  proc.stdout?.on('data', capture('stdout'));
  proc.stderr?.on('data', capture('stderr'));

  const read = createFrameReader();
  channel.on('data', (chunk: Buffer) => {
    for (const event of read(chunk)) {
      if (event.kind === 'frame') listeners.forEach((l) => l(event.value));
      else if (event.kind === 'too-large') stopFor({ kind: 'output-limit', what: `sent a value of ${event.bytes} bytes (the limit is 8 MB)` });
      else stopFor({ kind: 'protocol', what: `sent a malformed message (${event.reason})` });
    }
  });
  channel.on('error', () => {});

  const poll = plan.cgroup
    ? undefined
    : setInterval(() => {
        if (proc.pid && readRssBytes(proc.pid) > limits.memoryMb * 1024 * 1024) stopFor({ kind: 'memory' });
      }, 15);

  const exited = new Promise<ExitReason>((resolve) => {
    proc.on('error', (e) => {
      reason ??= { kind: 'protocol', what: `could not start: ${e.message}` };
    });
    proc.on('close', (code, signal) => {
      if (poll) clearInterval(poll);
      if (!reason && (hitMemoryLimit(cgroups) || /heap out of memory|Allocation failed/i.test(stderr))) reason = { kind: 'memory' };
      kill();
      removeCgroups(cgroups);
      resolve(reason ?? { kind: 'exit', code, signal });
    });
  });

  return {
    send(message) {
      if (!channel.destroyed) channel.write(encodeFrame(message));
    },
    onFrame: (l) => void listeners.push(l),
    exited,
    kill: () => stopFor({ kind: 'exit', code: null, signal: 'SIGKILL' }),
    output: () => ({ stdout, stderr }),
  };
}
