import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Roster } from '../report/gradebook.js';
import { writeFileAtomic } from './atomic.js';
import { adjustPath } from './adjust-store.js';
import {
  finishedStudents,
  detailsPath,
  rawPath,
  statePath,
  writeClassOutputs,
  type LmsOutput,
} from './outputs.js';
import type { ClassSummary } from '../report/summary.js';

/** Written by bulk beside its outputs, so that merge knows the assignment without a spec. */
export interface Manifest {
  assignment: string;
  exercises: string[];
  title?: string;
  max_score?: number;
}

export const manifestPath = (out: string): string => join(out, '.seedgrade', 'manifest.json');

export function writeManifest(out: string, m: Manifest): void {
  writeFileAtomic(manifestPath(out), JSON.stringify(m, null, 2) + '\n');
}

export type MergeResult =
  | { ok: true; students: number; summary: ClassSummary; notInRoster: string[] }
  | { ok: false; message: string };

/** Joins shard outputs into one: each student's files as they are, then the class files rebuilt. */
export async function mergeShards(
  dirs: string[],
  out: string,
  roster?: Roster,
  lms?: LmsOutput,
): Promise<MergeResult> {
  let manifest: Manifest | undefined;
  const owner = new Map<string, string>();
  for (const dir of dirs) {
    if (!existsSync(manifestPath(dir)))
      return {
        ok: false,
        message: `${dir} is not a grade bulk output folder (no .seedgrade/manifest.json); pass the --out folders of the shards`,
      };
    const m = JSON.parse(readFileSync(manifestPath(dir), 'utf8')) as Manifest;
    if (manifest && m.assignment !== manifest.assignment)
      return {
        ok: false,
        message: `${dir} holds ${m.assignment}, not ${manifest.assignment}; merge one assignment at a time`,
      };
    manifest ??= m;
    for (const student of finishedStudents(dir).keys()) {
      const seen = owner.get(student);
      if (seen && seen !== dir)
        return {
          ok: false,
          message: `student ${student} is in both ${seen} and ${dir}; were the shards run with different --shard n?`,
        };
      owner.set(student, dir);
    }
  }
  if (!manifest) return { ok: false, message: 'no folders to merge' };
  // The stored late-penalty inputs and overrides must agree, or a later rerun of the merged folder would change grades.
  const stored = dirs.map((d) =>
    existsSync(adjustPath(d)) ? readFileSync(adjustPath(d), 'utf8') : '',
  );
  const differs = dirs.find((_, i) => stored[i] !== stored[0]);
  if (differs) {
    const fix = 'rerun the shards with the same --overrides and --submitted-at';
    return {
      ok: false,
      message: `${differs} was graded with other overrides or submission times than ${dirs[0]}; ${fix}`,
    };
  }
  for (const [student, dir] of [...owner.entries()].sort()) {
    cpSync(join(dir, student), join(out, student), { recursive: true });
    for (const stored of [rawPath, detailsPath])
      if (existsSync(stored(dir, student))) cpSync(stored(dir, student), stored(out, student));
    cpSync(statePath(dir, student), statePath(out, student));
  }
  if (stored[0]) writeFileAtomic(adjustPath(out), stored[0]);
  writeManifest(out, manifest);
  const { summary, notInRoster } = await writeClassOutputs(out, manifest, { roster, lms });
  return { ok: true, students: owner.size, summary, notInRoster };
}
