import type { Report } from './schema.js';
import { roundPoints } from '../score/points.js';

/** One line per late penalty and override, in words a student and a TA both read. */
export function adjustmentNotes(report: Report): string[] {
  const notes: string[] = [];
  const late = report.late;
  if (late) {
    if (late.submitted_at === undefined) notes.push(late.note ?? 'submission time unknown');
    else if (late.days_late > 0) {
      const penalty = late.penalty > 0 ? `: −${roundPoints(late.penalty)} points` : '';
      notes.push(
        `${late.days_late} day${late.days_late === 1 ? '' : 's'} late (due ${late.due})${penalty}`,
      );
    } else notes.push(`on time (due ${late.due})`);
  }
  for (const t of report.tests) {
    if (!t.override) continue;
    const why = t.override.comment ? `: ${t.override.comment}` : '';
    notes.push(
      `${t.name}: ${roundPoints(t.override.graded)} → ${roundPoints(t.score)} points by a TA${why}`,
    );
  }
  for (const o of report.overrides ?? []) {
    const what = o.target === 'total' ? 'total' : `exercise ${o.name}`;
    notes.push(
      `${what}: ${roundPoints(o.before)} → ${roundPoints(o.after)} points by a TA${o.comment ? `: ${o.comment}` : ''}`,
    );
  }
  return notes;
}
