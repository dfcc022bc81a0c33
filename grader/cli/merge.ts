import { mergeShards } from '../bulk/merge.js';
import { summaryText } from '../bulk/summary.js';
import { readRoster } from '../report/gradebook.js';
import type { RegisterCommand } from './context.js';
import { UserError } from './errors.js';

export const registerMerge: RegisterCommand = (program, ctx) => {
  program
    .command('merge')
    .argument('<dirs...>', 'output folders of grade bulk --shard runs')
    .requiredOption('--out <dir>', 'folder for the merged outputs')
    .option('--roster <csv>', 'roster CSV joined into the gradebook')
    .description('join shard outputs into one gradebook, junit.xml and summary')
    .action(async (dirs: string[], o: { out: string; roster?: string }) => {
      let roster;
      if (o.roster) {
        const r = readRoster(o.roster);
        if (!r.ok) throw new UserError(r.error.message, 'BAD_ROSTER');
        roster = r.roster;
      }
      const merged = await mergeShards(dirs, o.out, roster);
      if (!merged.ok) throw new UserError(merged.message, 'MERGE');
      console.log(summaryText(merged.summary, []));
      console.log(`merged ${merged.students} students into ${o.out}/`);
      ctx.setExit(0);
    });
};
