import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassAdjustInputs } from '../adjust/times.js';
import { writeFileAtomic } from './atomic.js';

/**
 * The overrides, submission times and roster dates a run applied, kept in its output folder: a rerun
 * (or a regrade after a fix) that does not pass them again keeps them, so a TA's points survive.
 * Passing a new file replaces that part; an overrides file with only its header clears them.
 */
export const adjustPath = (out: string): string => join(out, '.seedgrade', 'adjust.json');

export function loadAdjustInputs(out: string): Partial<ClassAdjustInputs> {
  if (!existsSync(adjustPath(out))) return {};
  return JSON.parse(readFileSync(adjustPath(out), 'utf8')) as Partial<ClassAdjustInputs>;
}

const isEmpty = (i: ClassAdjustInputs) =>
  i.overrides.length === 0 &&
  Object.keys(i.submittedAt).length === 0 &&
  Object.keys(i.dates).length === 0;

export function saveAdjustInputs(out: string, inputs: ClassAdjustInputs): void {
  // Nothing stored when there is nothing to keep: outputs stay as they were before adjustments existed.
  if (isEmpty(inputs) && !existsSync(adjustPath(out))) return;
  writeFileAtomic(adjustPath(out), JSON.stringify(inputs, null, 2) + '\n');
}
