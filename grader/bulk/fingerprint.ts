import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** sha256 over a folder's files (sorted relative paths and contents); absent folders hash as empty. */
export function hashTree(dir: string, hash = createHash('sha256')): string {
  const walk = (d: string): void => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const info = statSync(path);
      if (info.isDirectory()) walk(path);
      else if (info.isFile()) hash.update(relative(dir, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex');
}

/**
 * What a grading depends on. Unchanged key → the stored result stands: the submission's files,
 * the assignment (spec, fixtures, generators), the reference, the grader's version and the secret.
 */
export function gradingKey(parts: { submissionDir: string; assignmentDir: string; solutionDir: string; graderVersion: string; secret: string; student: string }): string {
  const h = createHash('sha256');
  for (const part of [hashTree(parts.submissionDir), hashTree(parts.assignmentDir), hashTree(parts.solutionDir), parts.graderVersion, createHash('sha256').update(parts.secret).digest('hex'), parts.student]) {
    h.update(part).update('\0');
  }
  return h.digest('hex');
}
