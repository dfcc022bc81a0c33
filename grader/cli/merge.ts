import { mergeShards } from '../bulk/merge.js';
import { summaryText } from '../report/summary.js';
import { resolveRosters } from './rosters.js';
import type { RegisterCommand } from './context.js';
import { UserError } from './errors.js';

export const registerMerge: RegisterCommand = (program, ctx) => {
  program
    .command('merge')
    .argument('<dirs...>', 'output folders of grade bulk --shard runs')
    .requiredOption('--out <dir>', 'folder for the merged outputs')
    .option('--roster <csv>', 'roster CSV joined into the gradebook; with --lms, the LMS export')
    .option('--lms <canvas|moodle>', 'also write the LMS grade import from its roster export')
    .option('--canvas-assignment <id>', 'Canvas assignment id of the import column')
    .action(
      async (
        dirs: string[],
        o: { out: string; roster?: string; lms?: string; canvasAssignment?: string },
      ) => {
        const { roster, lms } = resolveRosters(o);
        const merged = await mergeShards(dirs, o.out, roster, lms);
        if (!merged.ok) throw new UserError(merged.message);
        console.log(summaryText(merged.summary, []));
        if (merged.notInRoster.length)
          console.log(`not in the ${o.lms} roster: ${merged.notInRoster.join(', ')}`);
        console.log(`merged ${merged.students} students into ${o.out}/`);
        ctx.setExit(0);
      },
    );
};
