import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseSubmittedAt, rosterDates } from '../adjust/times.js';
import { resolveSecret } from '../cases/secret.js';
import { bulkGrade, type BulkOptions } from '../bulk/run.js';
import { graderVersion } from '../home.js';
import { parseShard } from '../bulk/shard.js';
import { summaryText } from '../report/summary.js';
import { resolveRosters } from './rosters.js';
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
  lms?: string;
  canvasAssignment?: string;
  submittedAt?: string;
  overrides?: string;
  runtime?: string;
}

const readText = (path: string, what: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new UserError(`cannot read ${what} ${path} (check the path)`);
  }
};

export async function bulkCommand(
  root: string,
  submissions: string,
  o: BulkCliOptions,
): Promise<number> {
  if (!existsSync(submissions) || !statSync(submissions).isDirectory())
    throw new UserError(
      `submissions folder ${submissions} not found (pass the folder the LMS download was unpacked into)`,
    );
  const shard = o.shard ? parseShard(o.shard) : undefined;
  if (typeof shard === 'string') throw new UserError(shard);
  const jobs = o.jobs ? Number(o.jobs) : undefined;
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1))
    throw new UserError(`--jobs must be a whole number ≥ 1, got ${o.jobs}`);
  const runtime = parseRuntime(o.runtime);
  const secret = resolveSecret(o);
  if (!secret.ok) throw new UserError(secret.message);
  if (secret.secret.source === 'random')
    console.error(
      'warning: no course secret (--secret, --secret-file or GRADE_SECRET): hidden tests use a random one, and a rerun will regrade everyone',
    );
  // Loaded here too (the workers load their own) so that a broken spec or reference stops with its message first.
  const { assignment } = await loadForGrading(root, o.assignment);
  const { roster, lms } = resolveRosters(o, assignment.spec.canvas?.assignment_id);
  const adjust: NonNullable<BulkOptions['adjust']> = {};
  if (o.overrides)
    adjust.overridesCsv = { text: readText(o.overrides, 'overrides file'), where: o.overrides };
  if (o.submittedAt) {
    const t = parseSubmittedAt(readText(o.submittedAt, 'submission times file'), o.submittedAt);
    if (!t.ok) throw new UserError(t.message);
    adjust.submittedAt = t.value;
  }
  if (roster) {
    const d = rosterDates(roster, o.roster!);
    if (!d.ok) throw new UserError(d.message);
    adjust.dates = d.value;
  }
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts === 1)
      console.error(
        '\nstopping: finishing the submissions in flight (Ctrl-C again to abandon them)…',
      );
    else {
      console.error(
        `\nabandoned. Rerun the same command to resume; finished students are kept in ${o.out}.`,
      );
      process.exit(130);
    }
  };
  process.on('SIGINT', onSigint);
  try {
    const result = await bulkGrade({
      submissionsDir: submissions,
      outDir: o.out,
      assignment,
      secret: secret.secret,
      jobs,
      shard,
      roster,
      lms,
      adjust,
      graderVersion: graderVersion(),
      runtime,
      shouldStop: () => interrupts > 0,
      log: (l) => console.error(l),
    });
    if (result.problem) throw new UserError(result.problem);
    console.log(summaryText(result.summary, result.slowest));
    if (result.notInRoster.length) {
      console.log(
        `not in the ${o.lms} roster (graded, but not in ${o.lms}-import.csv): ${result.notInRoster.join(', ')}`,
      );
    }
    const files = `gradebook.csv, ${lms ? `${o.lms}-import.csv, ` : ''}junit.xml, summary.json, index.html, <student>/report.json, results.json, feedback.md, report.html, feedback.html`;
    console.log(
      `graded ${result.graded.length}, unchanged ${result.skippedUnchanged.length}; outputs in ${o.out}/ (${files})`,
    );
    console.log(`class dashboard: ${join(o.out, 'index.html')}`);
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
    .argument(
      '<submissions>',
      'folder of submissions: <student>/…, <student>.zip, or a Canvas / Moodle download',
    )
    .requiredOption('--assignment <id>', 'assignment id')
    .requiredOption('--out <dir>', 'output folder (rerun with the same one to resume)')
    .option('--secret <value>', 'course secret for hidden tests')
    .option('--secret-file <file>', 'file holding the course secret')
    .option('--jobs <n>', 'submissions graded in parallel (default: number of cores)')
    .option('--shard <i/n>', 'grade only shard i of n (then grade merge)')
    .option(
      '--runtime <name>',
      `where student code runs, whatever the spec says: ${RUNTIME_NAMES.join(' or ')}`,
    )
    .option(
      '--roster <csv>',
      'roster CSV (student id plus e.g. name, email, extension_days, due, submitted_at); with --lms, its export',
    )
    .option(
      '--lms <canvas|moodle>',
      "also write the LMS's grade import (canvas-import.csv or moodle-import.csv)",
    )
    .option(
      '--canvas-assignment <id>',
      'Canvas assignment id of the import column (else canvas.assignment_id in the spec)',
    )
    .option('--submitted-at <csv>', 'submission times: student,submitted_at (ISO 8601 with offset)')
    .option(
      '--overrides <csv>',
      'TA overrides: student, test or exercise (neither: the total), points or delta, comment; kept',
    )
    .action(async (dir: string, o: BulkCliOptions) =>
      ctx.setExit(await bulkCommand(ctx.root(), dir, o)),
    );
};
