import { existsSync, statSync } from 'node:fs';
import { resolveSecret } from '../cases/secret.js';
import { bulkGrade, packageVersion } from '../bulk/run.js';
import { parseShard } from '../bulk/shard.js';
import { summaryText } from '../bulk/summary.js';
import { readRoster, type Roster } from '../report/gradebook.js';
import type { RegisterCommand } from './context.js';
import { UserError } from './errors.js';
import { loadForGrading } from './load-spec.js';
import { parseRuntime, RUNTIME_NAMES } from './runtime-option.js';

interface BulkCliOptions {
  assignment: string;
  out: string;
  secret?: string;
  secretFile?: string;
  jobs?: string;
  shard?: string;
  roster?: string;
  runtime?: string;
}

export async function bulkCommand(root: string, submissions: string, o: BulkCliOptions): Promise<number> {
  if (!existsSync(submissions) || !statSync(submissions).isDirectory()) throw new UserError(`submissions folder ${submissions} not found (pass the folder the LMS download was unpacked into)`, 'SUBMISSIONS_MISSING');
  const shard = o.shard ? parseShard(o.shard) : undefined;
  if (typeof shard === 'string') throw new UserError(shard, 'BAD_SHARD');
  const jobs = o.jobs ? Number(o.jobs) : undefined;
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UserError(`--jobs must be a whole number ≥ 1, got ${o.jobs}`, 'BAD_JOBS');
  let roster: Roster | undefined;
  if (o.roster) {
    const r = readRoster(o.roster);
    if (!r.ok) throw new UserError(r.error.message, 'BAD_ROSTER');
    roster = r.roster;
  }
  const runtime = parseRuntime(o.runtime);
  const secret = resolveSecret(o);
  if (!secret.ok) throw new UserError(secret.message, 'SECRET');
  if (secret.secret.source === 'random') console.error('warning: no course secret (--secret, --secret-file or GRADE_SECRET): hidden tests use a random one, and a rerun will regrade everyone');
  const { assignment, reference } = await loadForGrading(root, o.assignment);
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts === 1) console.error('\nstopping: finishing the submissions in flight (Ctrl-C again to abandon them)…');
    else {
      console.error(`\nabandoned. Rerun the same command to resume; finished students are kept in ${o.out}.`);
      process.exit(130);
    }
  };
  process.on('SIGINT', onSigint);
  try {
    const result = await bulkGrade({ submissionsDir: submissions, outDir: o.out, assignment, reference, secret: secret.secret, jobs, shard, roster, graderVersion: packageVersion(root), runtime, shouldStop: () => interrupts > 0, log: (l) => console.error(l) });
    console.log(summaryText(result.summary, result.slowest));
    console.log(`graded ${result.graded.length}, unchanged ${result.skippedUnchanged.length}; outputs in ${o.out}/ (gradebook.csv, junit.xml, summary.json, <student>/report.json, results.json, feedback.md)`);
    if (result.interrupted) {
      console.error(`interrupted: rerun the same command to grade the rest.`);
      return 130;
    }
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

export const registerBulk: RegisterCommand = (program, ctx) => {
  program
    .command('bulk')
    .argument('<submissions>', 'folder of submissions: <student>/…, <student>.zip, or a Canvas / Moodle download')
    .requiredOption('--assignment <id>', 'assignment id')
    .requiredOption('--out <dir>', 'output folder (rerun with the same one to resume)')
    .option('--secret <value>', 'course secret for hidden tests')
    .option('--secret-file <file>', 'file holding the course secret')
    .option('--jobs <n>', 'submissions graded in parallel (default: number of cores)')
    .option('--shard <i/n>', 'grade only shard i of n (then grade merge)')
    .option('--runtime <name>', `where student code runs, whatever the spec says: ${RUNTIME_NAMES.join(' or ')}`)
    .option('--roster <csv>', 'roster CSV (student id column plus e.g. name, email) joined into the gradebook')
    .description('grade a whole class: gradebook.csv, junit.xml, summary.json and per-student reports')
    .action(async (dir: string, o: BulkCliOptions) => ctx.setExit(await bulkCommand(ctx.root(), dir, o)));
};
