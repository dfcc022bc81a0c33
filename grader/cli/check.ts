import { CHECK_NAMES, checkAssignment, type CheckItem } from '../authoring/check.js';
import { listAssignments } from '../spec/load.js';
import type { RegisterCommand } from './context.js';
import { formatTable } from '../report/table.js';

const mark = (i: CheckItem | undefined): string =>
  !i ? '-' : i.skipped ? 'n/a' : i.ok ? 'ok' : 'FAIL';

/** grade check: one row per assignment (reference, stubs, repeatable, timing, release), then what failed. */
export async function checkCommand(root: string, ids: string[]): Promise<number> {
  const chosen = ids.length ? ids : listAssignments(root);
  const rows: string[][] = [];
  const failures: string[] = [];
  const notes: string[] = [];
  for (const id of chosen) {
    const items = await checkAssignment(root, id);
    const byName = new Map<string, CheckItem>(items.map((i) => [i.name, i]));
    const ok = items.every((i) => i.ok);
    rows.push([id, ...CHECK_NAMES.map((n) => mark(byName.get(n))), ok ? 'ok' : 'FAIL']);
    for (const i of items) if (!i.ok) failures.push(`${id} ${i.name}: ${i.message}`);
    for (const i of items) if (i.skipped) notes.push(`${id} ${i.name}: ${i.message}`);
  }
  if (chosen.length === 0) console.log('no assignments found (create one with grade new <id>)');
  else console.log(formatTable(['assignment', ...CHECK_NAMES, 'result'], rows));
  if (notes.length) console.log(['', 'Not checked:', ...notes.map((n) => `- ${n}`)].join('\n'));
  if (failures.length) console.log(['', 'To fix:', ...failures.map((f) => `- ${f}`)].join('\n'));
  return failures.length ? 1 : 0;
}

export const registerCheck: RegisterCommand = (program, ctx) => {
  program
    .command('check')
    .argument('[ids...]', 'assignment ids (default: all)')
    .action(async (ids: string[]) => ctx.setExit(await checkCommand(ctx.root(), ids)));
};
