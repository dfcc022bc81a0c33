import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const HOSTILE = join(ROOT, 'tests', 'hostile');
export const REFERENCE_DIR = join(ROOT, 'solutions', 'feature-map');

/** Text that must never reach a student: a line of the reference, of the spec, of another student's folder. */
export const SECRETS = {
  reference: 'Reference solution for `feature-map`',
  spec: 'yaml-language-server',
  victim: 'victim-sentinel-7f3a',
  env: `env-marker-${process.pid}-${Date.now()}`,
};

export interface Classroom {
  /** Holds one folder per student (attack name, "victim", "buggy", ...). */
  dir: string;
  /** Folder where write attacks aim; must stay empty. */
  canary: string;
  /** TMPDIR for the grader: its boxes go under here, so leftovers can be found. */
  boxTmp: string;
}

/** A fresh world under the system temp folder, traversable by the sandbox's unprivileged uid. */
export function makeClassroom(): Classroom {
  const base = mkdtempSync(join(tmpdir(), 'seedgrade-hostile-'));
  chmodSync(base, 0o755);
  const dir = join(base, 'class');
  const canary = join(base, 'canary');
  const boxTmp = join(base, 'boxes');
  for (const d of [dir, canary, boxTmp]) mkdirSync(d);
  // Anyone may write here: only the sandbox can keep a write attack out.
  chmodSync(canary, 0o777);
  chmodSync(boxTmp, 0o755);
  const victim = join(dir, 'victim');
  mkdirSync(victim);
  copyFileSync(join(REFERENCE_DIR, 'feature_map.ts'), join(victim, 'feature_map.ts'));
  writeFileSync(join(victim, 'notes.txt'), SECRETS.victim);
  return { dir, canary, boxTmp };
}

/** Copies a submission folder into the classroom with honest.ts beside it and the placeholders filled in. */
export function addStudent(
  room: Classroom,
  name: string,
  from: string,
  port: number,
  attack = name,
): string {
  const to = join(room.dir, name);
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from)) {
    const text = readFileSync(join(from, file), 'utf8')
      .replaceAll('__HOSTILE_PORT__', String(port))
      .replaceAll('__CANARY__', room.canary);
    writeFileSync(join(to, file), text);
  }
  copyFileSync(join(HOSTILE, 'honest.ts'), join(to, 'honest.ts'));
  // Git may not keep a link, so the symlink attack gets its link here.
  if (attack === 'symlink-reference')
    symlinkSync(join(REFERENCE_DIR, 'feature_map.ts'), join(to, 'feature_map.ts'));
  return to;
}

/** A TCP server on the loopback that records every byte anyone sends it. */
export async function listeningServer(): Promise<{
  server: Server;
  port: number;
  received: () => string;
  connections: () => number;
}> {
  let data = '';
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, port, received: () => data, connections: () => connections };
}

/** Every file under a folder with its size and modification time, to see that nothing changed. */
export function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const info = statSync(path, { throwIfNoEntry: false });
        out.push(`${relative(dir, path)} ${info?.size ?? 'link'} ${info?.mtimeMs ?? ''}`);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** Processes whose command line mentions a path: a sandbox child still running there. */
export function processesMentioning(path: string): { pid: number; uid: number; cmdline: string }[] {
  const found: { pid: number; uid: number; cmdline: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (!cmdline.includes(path)) continue;
      const uid = Number(/Uid:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1]);
      found.push({ pid: Number(name), uid, cmdline });
    } catch {
      /* exited meanwhile */
    }
  }
  return found;
}
