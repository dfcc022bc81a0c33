import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { hitMemoryLimit, makeCgroups, pidsIn, removeCgroups, type ChildCgroups } from './cgroup.js';
import { createFrameReader, encodeFrame, MAX_FRAME_BYTES } from './frames.js';
import { isolationPlan, type IsolationPlan } from './layers.js';
import { watchRss } from './rss.js';

export interface SandboxLimits {
  memoryMb: number;
  maxProcesses: number;
  /** stdout + stderr bytes before the child is stopped for flooding. */
  outputBytes: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  memoryMb: 512,
  maxProcesses: 32,
  outputBytes: 4 * 1024 * 1024,
};

/** Why a child stopped, as the grader sees it. */
export type ExitReason =
  | { kind: 'exit'; code: number | null; signal: string | null }
  | { kind: 'memory' }
  | { kind: 'output-limit'; what: string }
  | { kind: 'protocol'; what: string };

export interface SandboxChild {
  send(message: unknown): void;
  onFrame(listener: (value: unknown) => void): void;
  /** Resolves once the child is gone and its cgroups removed, with the first reason the grader knew of. */
  exited: Promise<ExitReason>;
  /** The limit the child broke, as soon as the grader knows (before it is gone). */
  fault(): ExitReason | undefined;
  kill(): void;
  output(): { stdout: string; stderr: string };
}

const KEEP_OUTPUT = 16 * 1024;
/** The cgroup is the hard wall a little above the limit that RSS polling enforces (see below). */
const CGROUP_SLACK_MB = 64;
/** After SIGKILL, how long to wait for the pipes to close before giving up on them. */
const CLOSE_GRACE_MS = 1000;

export function nodeArgs(box: string, plan: IsolationPlan, limits: SandboxLimits): string[] {
  // The heap cap is only a backstop: the cgroup (or RSS polling) stops the process at memoryMb,
  // before V8 nears its own cap, where it would spend seconds in last-ditch GCs first.
  const heapMb = Math.max(64, limits.memoryMb);
  // No eval/new Function: code built from strings could dodge the bundler's import check.
  return [
    plan.permissionFlag,
    `--allow-fs-read=${box}/`,
    `--max-old-space-size=${heapMb}`,
    '--disallow-code-generation-from-strings',
    '--no-warnings',
    join(box, 'runner.mjs'),
  ];
}

/** The command line: [cgroup join] → [namespaces + unprivileged uid] → node with permissions. */
export function commandLine(
  box: string,
  plan: IsolationPlan,
  limits: SandboxLimits,
  cgroupDirs: string[],
): string[] {
  let argv = [process.execPath, ...nodeArgs(box, plan, limits)];
  // A grader killed with SIGKILL runs no cleanup: the kernel's parent-death signal kills each link
  // of the chain instead.
  const dieWithParent = plan.parentDeathSignal ? ['setpriv', '--pdeathsig', 'KILL'] : [];
  if (plan.namespaces && plan.uid !== undefined) {
    // setpriv keeps the death signal across its uid change; unshare --kill-child passes it on to pid 1.
    const drop = [
      'setpriv',
      `--reuid=${plan.uid}`,
      `--regid=${plan.uid}`,
      '--clear-groups',
      '--no-new-privs',
      ...(plan.parentDeathSignal ? ['--pdeathsig', 'KILL'] : []),
    ];
    argv = [
      ...dieWithParent,
      'unshare',
      '-n',
      '-p',
      '-f',
      '--kill-child',
      '--mount-proc',
      ...drop,
      ...argv,
    ];
  } else if (plan.namespaces && plan.userNamespace) {
    // A non-root grader: the user namespace gives the network and pid namespaces; the uid stays the grader's.
    const keep = [
      'setpriv',
      '--no-new-privs',
      ...(plan.parentDeathSignal ? ['--pdeathsig', 'KILL'] : []),
    ];
    argv = [
      ...dieWithParent,
      'unshare',
      '--user',
      '--map-root-user',
      '-n',
      '-p',
      '-f',
      '--kill-child',
      '--mount-proc',
      ...keep,
      ...argv,
    ];
  } else argv = [...dieWithParent, ...argv];
  if (cgroupDirs.length) {
    // Join the cgroups before exec, so no byte is allocated outside the limit. sh exports PWD: drop it.
    const joins = cgroupDirs.map((_, i) => `echo $$ > "$${i + 1}/cgroup.procs"`).join(' && ');
    argv = [
      '/bin/sh',
      '-c',
      `${joins} && shift ${cgroupDirs.length} && unset PWD && exec "$@"`,
      'sh',
      ...cgroupDirs,
      ...argv,
    ];
  }
  return argv;
}

export function spawnSandboxChild(
  box: string,
  limits: SandboxLimits = DEFAULT_LIMITS,
  plan: IsolationPlan = isolationPlan(),
): SandboxChild {
  const cgroups: ChildCgroups = makeCgroups(
    plan.cgroup,
    limits.memoryMb + CGROUP_SLACK_MB,
    limits.maxProcesses,
  );
  const [command, ...args] = commandLine(box, plan, limits, cgroups.dirs);
  const proc: ChildProcess = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    env: {},
    detached: true,
    cwd: box,
  });
  const channel = proc.stdio[3] as Duplex;
  let reason: ExitReason | undefined;
  let stdout = '';
  let stderr = '';
  let outputTotal = 0;
  const listeners: ((value: unknown) => void)[] = [];

  const kill = (): void => {
    // The whole process group (unshare leaves node orphaned otherwise), then anything left in the cgroups.
    try {
      if (proc.pid) process.kill(-proc.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    for (const pid of pidsIn(cgroups)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  };
  const stopFor = (r: ExitReason): void => {
    reason ??= r;
    kill();
  };
  const capture = (which: 'stdout' | 'stderr') => (chunk: Buffer) => {
    outputTotal += chunk.length;
    if (which === 'stdout' && stdout.length < KEEP_OUTPUT)
      stdout += chunk.toString('utf8', 0, Math.min(chunk.length, KEEP_OUTPUT - stdout.length));
    if (which === 'stderr' && stderr.length < KEEP_OUTPUT)
      stderr += chunk.toString('utf8', 0, Math.min(chunk.length, KEEP_OUTPUT - stderr.length));
    if (outputTotal > limits.outputBytes)
      stopFor({ kind: 'output-limit', what: `printed more than ${limits.outputBytes} bytes` });
  };
  proc.stdout?.on('data', capture('stdout'));
  proc.stderr?.on('data', capture('stderr'));

  const read = createFrameReader();
  channel.on('data', (chunk: Buffer) => {
    for (const event of read(chunk)) {
      if (event.kind === 'frame') listeners.forEach((l) => l(event.value));
      else if (event.kind === 'too-large')
        stopFor({
          kind: 'output-limit',
          what: `sent a value of ${event.bytes} bytes (the limit is ${MAX_FRAME_BYTES / 1024 / 1024} MB)`,
        });
      else stopFor({ kind: 'protocol', what: `sent a malformed message (${event.reason})` });
    }
  });
  channel.on('error', () => {});

  // RSS polling stops a bomb at the limit, cgroup or not: near its own limit a cgroup reclaims
  // the process's code pages and thrashes for seconds before its OOM killer acts.
  const rss = proc.pid
    ? watchRss(proc.pid, limits.memoryMb * 1024 * 1024, () => stopFor({ kind: 'memory' }))
    : undefined;

  const exited = new Promise<ExitReason>((resolve) => {
    let done = false;
    const finish = (code: number | null, signal: string | null): void => {
      if (done) return;
      done = true;
      rss?.stop();
      const abnormal = signal !== null || (code !== null && code >= 128);
      if (
        !reason &&
        (hitMemoryLimit(cgroups) ||
          (abnormal && /heap out of memory|Allocation failed/i.test(stderr)))
      )
        reason = { kind: 'memory' };
      kill();
      void removeCgroups(cgroups).then(() => resolve(reason ?? { kind: 'exit', code, signal }));
    };
    proc.on('error', (e) => {
      reason ??= { kind: 'protocol', what: `could not start: ${e.message}` };
      finish(null, null);
    });
    proc.on('close', (code, signal) => finish(code, signal));
    // A process that escaped the group could hold the pipes open; do not wait for it forever.
    proc.on('exit', (code, signal) => {
      kill();
      setTimeout(() => {
        for (const s of [proc.stdout, proc.stderr, channel]) s?.destroy();
        finish(code, signal);
      }, CLOSE_GRACE_MS).unref();
    });
  });

  return {
    send(message) {
      if (!channel.destroyed && channel.writable) channel.write(encodeFrame(message));
    },
    onFrame: (l) => void listeners.push(l),
    exited,
    fault: () => (reason && reason.kind !== 'exit' ? reason : undefined),
    kill: () => stopFor({ kind: 'exit', code: null, signal: 'SIGKILL' }),
    output: () => ({ stdout, stderr }),
  };
}
