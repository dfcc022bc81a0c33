import { chmod, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSubmission, type BuildError, type BundleTarget } from './bundle.js';
import { stageSubmission, type StageError } from './stage.js';

const RUNNER = fileURLToPath(new URL('./child/runner.mjs', import.meta.url));

export interface Box {
  /** The folder the child may read: runner.mjs and submission.mjs, nothing else. */
  dir: string;
  /** Student files that were found. */
  present: string[];
  dispose(): Promise<void>;
}

export type BoxResult =
  | { ok: true; box: Box }
  | { ok: false; stage?: StageError; build?: BuildError[] };

/**
 * Where boxes go: under the system temp folder, which an unprivileged uid can traverse. One folder
 * per user: another user's folder (say root's) cannot be chmod-ed or written by this one.
 */
export async function boxesRoot(): Promise<string> {
  // The child may run as another uid: every folder above the box must let others through (o+x).
  const base = traversableByOthers(tmpdir()) ? tmpdir() : '/tmp';
  const root = join(base, `seedgrade-boxes-${process.getuid?.() ?? 'user'}`);
  await mkdir(root, { recursive: true, mode: 0o755 });
  await chmod(root, 0o755);
  return root;
}

function traversableByOthers(dir: string): boolean {
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      if ((statSync(d).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    if (d === dirname(d)) return true;
  }
}

export type BundledResult =
  | { ok: true; code: string; present: string[] }
  | { ok: false; stage?: StageError; build?: BuildError[] };

/** How a submission arrives: `staged` when bulk grading has already copied it through the stager. */
export interface StageOptions {
  staged?: boolean;
}

/**
 * Stages a submission (links and oversize files refused) and bundles it for where it will run. A
 * folder that bulk grading already staged (a fresh copy of regular files within the same limits)
 * is bundled as it is: each submission is copied once.
 */
export async function stageAndBundle(
  submissionDir: string,
  studentFiles: readonly string[],
  target: BundleTarget,
  options: StageOptions = {},
): Promise<BundledResult> {
  if (options.staged) {
    const bundle = await bundleSubmission(submissionDir, studentFiles, target);
    return bundle.ok
      ? { ok: true, code: bundle.code, present: bundle.present }
      : { ok: false, build: bundle.errors };
  }
  const staging = await mkdtemp(join(await boxesRoot(), 'stage-'));
  try {
    const staged = await stageSubmission(submissionDir, staging);
    if (staged) return { ok: false, stage: staged };
    const bundle = await bundleSubmission(staging, studentFiles, target);
    if (!bundle.ok) return { ok: false, build: bundle.errors };
    return { ok: true, code: bundle.code, present: bundle.present };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Stages a submission, bundles it, and lays out a fresh box for it. Nothing of the grader's is inside. */
export async function prepareBox(
  submissionDir: string,
  studentFiles: readonly string[],
  options: StageOptions = {},
): Promise<BoxResult> {
  const bundle = await stageAndBundle(submissionDir, studentFiles, 'process', options);
  if (!bundle.ok) return bundle;
  const root = await boxesRoot();
  const dir = await mkdtemp(join(root, 'box-'));
  await writeFile(join(dir, 'submission.mjs'), bundle.code, { mode: 0o644 });
  await copyFile(RUNNER, join(dir, 'runner.mjs'));
  await chmod(join(dir, 'runner.mjs'), 0o644);
  await chmod(dir, 0o755);
  return {
    ok: true,
    box: { dir, present: bundle.present, dispose: () => rm(dir, { recursive: true, force: true }) },
  };
}
