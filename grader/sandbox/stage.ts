import { lstat, mkdir, readdir, copyFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DEFAULTS } from '../spec/defaults.js';

/** A submission refused while it was staged: what and where. */
export interface StageError {
  code: 'missing' | 'link' | 'hard-link' | 'too-large' | 'too-many-files' | 'not-a-file';
  path: string;
  message: string;
}

export interface StageLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxFiles: number;
}

export const DEFAULT_STAGE_LIMITS: StageLimits = DEFAULTS.submission;

const IGNORED = new Set(['node_modules', '.git', '__MACOSX', '.DS_Store']);

/**
 * Copies a submission into a fresh folder, refusing symlinks, hard links and oversize files, so
 * that nothing later (the bundler included) can be led outside the student's own files.
 */
export async function stageSubmission(
  from: string,
  to: string,
  limits = DEFAULT_STAGE_LIMITS,
): Promise<StageError | null> {
  const top = await lstat(from).catch(() => null);
  if (!top?.isDirectory())
    return {
      code: 'missing',
      path: from,
      message: `submission folder ${from} does not exist or is not a folder`,
    };
  let files = 0;
  let total = 0;
  const walk = async (dir: string): Promise<StageError | null> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    );
    await mkdir(join(to, relative(from, dir)), { recursive: true });
    for (const entry of entries) {
      if (IGNORED.has(entry.name)) continue;
      const path = join(dir, entry.name);
      const rel = relative(from, path);
      const info = await lstat(path);
      if (info.isSymbolicLink())
        return {
          code: 'link',
          path: rel,
          message: `${rel} is a symbolic link; submit the file itself`,
        };
      if (info.isDirectory()) {
        const inner = await walk(path);
        if (inner) return inner;
        continue;
      }
      if (!info.isFile())
        return { code: 'not-a-file', path: rel, message: `${rel} is not a regular file` };
      if (info.nlink > 1)
        return {
          code: 'hard-link',
          path: rel,
          message: `${rel} is a hard link; submit a plain copy of the file`,
        };
      if (info.size > limits.maxFileBytes)
        return {
          code: 'too-large',
          path: rel,
          message: `${rel} is ${info.size} bytes; the limit is ${limits.maxFileBytes}`,
        };
      total += info.size;
      if (++files > limits.maxFiles)
        return {
          code: 'too-many-files',
          path: rel,
          message: `the submission has more than ${limits.maxFiles} files`,
        };
      if (total > limits.maxTotalBytes)
        return {
          code: 'too-large',
          path: rel,
          message: `the submission is larger than ${limits.maxTotalBytes} bytes`,
        };
      await copyFile(path, join(to, rel));
    }
    return null;
  };
  return walk(from);
}
