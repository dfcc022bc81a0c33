import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Roster } from '../report/gradebook.js';
import { writeFileAtomic } from './atomic.js';
import { finishedStudents, statePath, writeClassOutputs } from './outputs.js';
import type { ClassSummary } from './summary.js';

/** Written by bulk beside its outputs, so that merge knows the assignment without a spec. */
export interface Manifest {
  assignment: string;
  exercises: string[];
}

export const manifestPath = (out: string): string => join(out, '.seedgrade', 'manifest.json');

export function writeManifest(out: string, m: Manifest): void {
  writeFileAtomic(manifestPath(out), JSON.stringify(m, null, 2) + '\n');
}

export type MergeResult = { ok: true; students: number; summary: ClassSummary } | { ok: false; message: string };

/** Joins shard outputs into one: each student's files as they are, then the class files rebuilt. */
export async function mergeShards(dirs: string[], out: string, roster?: Roster): Promise<MergeResult> {
  let manifest: Manifest | undefined;
  const owner = new Map<string, string>();
  for (const dir of dirs) {
    if (!existsSync(manifestPath(dir))) return { ok: false, message: `${dir} is not a grade bulk output folder (no .seedgrade/manifest.json); pass the --out folders of the shards` };
    const m = JSON.parse(readFileSync(manifestPath(dir), 'utf8')) as Manifest;
    if (manifest && m.assignment !== manifest.assignment) return { ok: false, message: `${dir} holds ${m.assignment}, not ${manifest.assignment}; merge one assignment at a time` };
    manifest ??= m;
    for (const student of finishedStudents(dir).keys()) {
      const seen = owner.get(student);
      if (seen && seen !== dir) return { ok: false, message: `student ${student} is in both ${seen} and ${dir}; were the shards run with different --shard n?` };
      owner.set(student, dir);
    }
  }
  if (!manifest) return { ok: false, message: 'no folders to merge' };
  for (const [student, dir] of [...owner.entries()].sort()) {
    cpSync(join(dir, student), join(out, student), { recursive: true });
    cpSync(statePath(dir, student), statePath(out, student));
  }
  writeManifest(out, manifest);
  const { summary } = await writeClassOutputs(out, manifest.assignment, manifest.exercises, roster);
  return { ok: true, students: owner.size, summary };
}
