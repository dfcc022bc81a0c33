import { existsSync, statSync } from 'node:fs';
import { resolveSecret } from '../cases/secret.js';
import { gradeSubmissionWithDetails } from '../pipeline.js';
import { writeFileAtomic } from '../bulk/atomic.js';
import { reportJson, withoutTiming } from '../report/build.js';
import { reportText } from '../report/text.js';
import type { RegisterCommand } from './context.js';
import { UserError } from './errors.js';
import { loadForGrading } from './load-spec.js';
import { parseRuntime, RUNTIME_NAMES } from './runtime-option.js';

export interface RunOptions {
  submission: string;
  student?: string;
  secret?: string;
  secretFile?: string;
  json?: boolean;
  timing?: boolean;
  html?: string;
  runtime?: string;
}

/** grade run: every group (visible and hidden) of one assignment for one submission. */
export async function runCommand(root: string, id: string, o: RunOptions): Promise<number> {
  if (!existsSync(o.submission) || !statSync(o.submission).isDirectory()) {
    throw new UserError(
      `submission folder ${o.submission} not found (pass the folder that holds the student's files)`,
    );
  }
  const { assignment, reference } = await loadForGrading(root, id);
  const secret = resolveSecret(o);
  if (!secret.ok) throw new UserError(secret.message);
  const runtime = parseRuntime(o.runtime);
  const { report, details } = await gradeSubmissionWithDetails({
    assignment,
    reference,
    submissionDir: o.submission,
    student: o.student,
    secret: secret.secret,
    ...(runtime ? { runtime } : {}),
  });
  if (o.html) {
    const { renderReportPage } = await import('../report/html/index.js');
    writeFileAtomic(o.html, renderReportPage(withoutTiming(report), details, 'staff'));
    // stderr, so that --json output stays only the report.
    console.error(`wrote ${o.html}`);
  }
  if (o.json) process.stdout.write(reportJson(o.timing ? report : withoutTiming(report)));
  else console.log(reportText(report, { ta: true }));
  return 0;
}

export const registerRun: RegisterCommand = (program, ctx) => {
  program
    .command('run')
    .argument('<assignment>', 'assignment id')
    .requiredOption('--submission <dir>', "folder with the student's files")
    .option('--student <id>', 'student id (seeds hidden tests)')
    .option('--secret <value>', 'course secret for hidden tests')
    .option('--secret-file <file>', 'file holding the course secret')
    .option('--json', 'print only the report JSON')
    .option('--timing', 'include durations in the JSON report')
    .option(
      '--html <file>',
      'also write the report as an HTML page (staff view: hidden tests in full)',
    )
    .option(
      '--runtime <name>',
      `where student code runs, whatever the spec says: ${RUNTIME_NAMES.join(' or ')}`,
    )
    .action(async (id: string, o: RunOptions) => ctx.setExit(await runCommand(ctx.root(), id, o)));
};
