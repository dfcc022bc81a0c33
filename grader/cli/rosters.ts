import type { LmsOutput } from '../bulk/outputs.js';
import { readRoster, type Roster } from '../report/gradebook.js';
import { readLmsRoster } from '../report/lms-roster.js';
import { UserError } from './errors.js';

/**
 * --lms and --roster: Canvas's or Moodle's roster export, else a plain roster CSV; --canvas-
 * assignment or the spec's id.
 */
export function resolveRosters(
  o: { roster?: string; lms?: string; canvasAssignment?: string },
  specCanvasId?: string | number,
): { roster?: Roster; lms?: LmsOutput } {
  if (o.lms !== undefined && o.lms !== 'canvas' && o.lms !== 'moodle')
    throw new UserError(`--lms must be canvas or moodle, got ${o.lms}`);
  if (o.lms && !o.roster) {
    const what =
      o.lms === 'canvas'
        ? 'gradebook export (Grades → Export)'
        : 'grading worksheet (Download grading worksheet)';
    throw new UserError(`--lms ${o.lms} needs --roster: the ${what} of the course`);
  }
  if (!o.roster) return {};
  if (!o.lms) {
    const r = readRoster(o.roster);
    if (!r.ok) throw new UserError(r.error.message);
    return { roster: r.roster };
  }
  const r = readLmsRoster(o.lms, o.roster);
  if (!r.ok) throw new UserError(r.message);
  const canvasAssignment =
    o.canvasAssignment ?? (specCanvasId !== undefined ? String(specCanvasId) : undefined);
  if (o.lms === 'canvas' && !canvasAssignment) {
    const fix =
      'pass --canvas-assignment <id> (the number in the assignment URL) or set canvas: { assignment_id } in the spec';
    throw new UserError(`--lms canvas needs the Canvas assignment id: ${fix}`);
  }
  if (canvasAssignment !== undefined && !/^\d+$/.test(canvasAssignment)) {
    throw new UserError(
      `--canvas-assignment must be the number in the assignment's URL, got ${canvasAssignment}`,
    );
  }
  return {
    lms: { roster: r.roster, where: o.roster, ...(canvasAssignment ? { canvasAssignment } : {}) },
  };
}
