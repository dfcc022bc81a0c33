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
      else if (info.isFile())
        hash.update(relative(dir, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex');
}

/**
 * What every grading of a run shares: the assignment (spec, fixtures, generators), the reference,
 * the grader's version and the secret. Hashed once per run, not once per student.
 */
export function runFingerprint(parts: {
  assignmentDir: string;
  solutionDir: string;
  graderVersion: string;
  secret: string;
  runtime?: string;
}): string {
  const h = createHash('sha256');
  // A --runtime override is part of how a run grades (it changes the report's environment).
  const runtime = parts.runtime ? [`runtime=${parts.runtime}`] : [];
  for (const part of [
    hashTree(parts.assignmentDir),
    hashTree(parts.solutionDir),
    parts.graderVersion,
    createHash('sha256').update(parts.secret).digest('hex'),
    ...runtime,
  ])
    h.update(part).update('\0');
  return h.digest('hex');
}

/** Unchanged key → the stored result stands: the run's fingerprint, the student and their files. */
export function gradingKey(run: string, student: string, submissionDir: string): string {
  return createHash('sha256')
    .update(run)
    .update('\0')
    .update(student)
    .update('\0')
    .update(hashTree(submissionDir))
    .digest('hex');
}
