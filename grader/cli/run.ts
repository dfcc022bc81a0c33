import { existsSync, statSync } from 'node:fs';
import { resolveSecret } from '../cases/secret.js';
import { gradeSubmission } from '../pipeline.js';
import { reportJson, withoutTiming } from '../report/build.js';
import { reportText } from '../report/text.js';
import { UserError } from './errors.js';
import { loadForGrading } from './load-spec.js';

export interface RunOptions {
  submission: string;
  student?: string;
  secret?: string;
  secretFile?: string;
  json?: boolean;
  timing?: boolean;
}

/** grade run: every group (visible and hidden) of one assignment for one submission. */
export async function runCommand(root: string, id: string, o: RunOptions): Promise<number> {
  if (!existsSync(o.submission) || !statSync(o.submission).isDirectory()) {
    throw new UserError(`submission folder ${o.submission} not found (pass the folder that holds the student's files)`, 'SUBMISSION_MISSING');
  }
  const { assignment, reference } = await loadForGrading(root, id);
  const secret = resolveSecret(o);
  if (!secret.ok) throw new UserError(secret.message, 'SECRET');
  const report = await gradeSubmission({ assignment, reference, submissionDir: o.submission, student: o.student ?? 'anonymous', secret: secret.secret });
  if (o.json) process.stdout.write(reportJson(o.timing ? report : withoutTiming(report)));
  else console.log(reportText(report, { ta: true }));
  return 0;
}
