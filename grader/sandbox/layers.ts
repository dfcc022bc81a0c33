import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sweepStaleCgroups } from './cgroup.js';

/**
 * Which isolation layers this machine allows, found out once per process. Root (or a user
 * namespace) gives network and pid namespaces and an unprivileged uid; cgroup v1 gives hard
 * memory and process-count limits. Without them the grader still runs, and says what is missing.
 */
export interface IsolationPlan {
  namespaces: boolean;
  /** Namespaces through an unprivileged user namespace (a non-root grader): no uid change. */
  userNamespace?: boolean;
  uid?: number;
  cgroup?: { memoryRoot: string; pidsRoot?: string; memsw: boolean };
  permissionFlag: string;
  /** setpriv can set a parent-death signal: children die with the grader, even on SIGKILL. */
  parentDeathSignal: boolean;
  layers: string[];
  missing: string[];
}

const MEMORY_ROOT = '/sys/fs/cgroup/memory/seedgrade';
const PIDS_ROOT = '/sys/fs/cgroup/pids/seedgrade';
const NOBODY = 65534;

let cached: IsolationPlan | undefined;

export function isolationPlan(): IsolationPlan {
  if (cached) return cached;
  const forceFallback = process.env.SEEDGRADE_SANDBOX === 'fallback';
  const layers = [
    'permission-model (fs reads: box only; no writes, child processes, workers, addons)',
    'import allow-list (no computed import(), no eval)',
    'staged copy (no links)',
    'empty environment',
    'runner guards (no process.kill of others, no getBuiltinModule, no fetch)',
    'time limits',
    'output caps',
  ];
  const missing: string[] = [];
  const permissionFlag = process.allowedNodeEnvironmentFlags.has('--permission')
    ? '--permission'
    : '--experimental-permission';

  const asRoot = process.platform === 'linux' && process.getuid?.() === 0;
  const rootNamespaces = !forceFallback && asRoot && canUseNamespaces();
  // Without root, an unprivileged user namespace still cuts the network and hides other processes.
  const userNamespace =
    !forceFallback && !asRoot && process.platform === 'linux' && canUseUserNamespace();
  const namespaces = rootNamespaces || userNamespace;
  if (rootNamespaces)
    layers.push('network namespace (no network)', 'pid namespace', `unprivileged uid ${NOBODY}`);
  else if (userNamespace) {
    layers.push('user namespace (unprivileged)', 'network namespace (no network)', 'pid namespace');
    missing.push(
      "unprivileged uid: the grader is not root, so the child runs as the grader's own user (root only inside its user namespace)",
    );
  } else
    missing.push(
      `namespaces and uid: ${forceFallback ? 'disabled by SEEDGRADE_SANDBOX=fallback' : 'need root or unprivileged user namespaces (unshare --user)'}; the network is reachable, other processes are visible and the child runs as the grader's user`,
    );

  const cgroup = forceFallback ? undefined : probeCgroup();
  if (cgroup)
    layers.push('cgroup memory limit', ...(cgroup.pidsRoot ? ['cgroup process limit'] : []));
  else
    missing.push(
      `cgroup limits: ${forceFallback ? 'disabled by SEEDGRADE_SANDBOX=fallback' : '/sys/fs/cgroup/memory (v1) not writable'}; memory is capped by heap size and RSS polling, process count by the permission model`,
    );
  if (!cgroup) layers.push('heap cap + RSS polling');
  if (cgroup) sweepStaleCgroups([cgroup.memoryRoot, ...(cgroup.pidsRoot ? [cgroup.pidsRoot] : [])]);

  const parentDeathSignal =
    process.platform === 'linux' &&
    spawnSync('setpriv', ['--pdeathsig', 'KILL', 'true'], { stdio: 'ignore', timeout: 5000 })
      .status === 0;
  if (parentDeathSignal) layers.push('parent-death signal (children die with the grader)');
  else
    missing.push(
      'parent-death signal: setpriv not found; a child outlives a grader that is killed with SIGKILL until its own limits stop it',
    );

  cached = {
    namespaces,
    userNamespace,
    uid: rootNamespaces ? NOBODY : undefined,
    cgroup,
    permissionFlag,
    parentDeathSignal,
    layers,
    missing,
  };
  return cached;
}

/** Only for tests that exercise both paths in one process. */
export function resetIsolationPlan(): void {
  cached = undefined;
}

function canUseNamespaces(): boolean {
  const probe = spawnSync(
    'unshare',
    [
      '-n',
      '-p',
      '-f',
      '--mount-proc',
      'setpriv',
      `--reuid=${NOBODY}`,
      `--regid=${NOBODY}`,
      '--clear-groups',
      '--no-new-privs',
      'true',
    ],
    { stdio: 'ignore', timeout: 5000 },
  );
  return probe.status === 0;
}

function probeCgroup(): IsolationPlan['cgroup'] {
  try {
    if (!existsSync('/sys/fs/cgroup/memory/memory.limit_in_bytes')) return undefined;
    mkdirSync(MEMORY_ROOT, { recursive: true });
    const test = join(MEMORY_ROOT, `probe-${process.pid}`);
    mkdirSync(test, { recursive: true });
    writeFileSync(join(test, 'memory.limit_in_bytes'), String(512 * 1024 * 1024));
    rmdirSync(test);
    let pidsRoot: string | undefined;
    try {
      mkdirSync(PIDS_ROOT, { recursive: true });
      pidsRoot = PIDS_ROOT;
    } catch {
      pidsRoot = undefined;
    }
    return {
      memoryRoot: MEMORY_ROOT,
      pidsRoot,
      memsw: existsSync(join(MEMORY_ROOT, 'memory.memsw.limit_in_bytes')),
    };
  } catch {
    return undefined;
  }
}

/** Whether this kernel lets an unprivileged user make a user namespace with its own network and pids. */
function canUseUserNamespace(): boolean {
  const probe = spawnSync('unshare', [...USERNS_ARGS, 'setpriv', '--no-new-privs', 'true'], {
    stdio: 'ignore',
    timeout: 5000,
  });
  return probe.status === 0;
}

/** unshare's arguments for a non-root grader (then -f --kill-child --mount-proc as for root). */
export const USERNS_ARGS = ['--user', '--map-root-user', '-n', '-p', '-f', '--mount-proc'];
