/**
 * Entry of the grader that ships in a student bundle (compiled into .seedgrade/grade.mjs).
 * `grade [id…] [--json]`: visible tests only, no reference, expected values from each spec.json.
 * Errors and exit codes go through the same edge as `grade` (edge.ts).
 */
import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundleAssignments,
  gradeStudentFolder,
  loadStudentSpec,
} from '../authoring/student-grade.js';
import { reportJson, withoutTiming } from '../report/build.js';
import { reportText } from '../report/text.js';
import { EXIT, runProgram } from './edge.js';
import { UserError } from './errors.js';
import { writeAnswersFiles } from './init.js';

// The runtime lives in <bundle>/.seedgrade/grade.mjs, so the bundle is two levels up, whatever the cwd.
const bundleRoot = dirname(dirname(fileURLToPath(import.meta.url)));

async function loaded(id: string) {
  const r = await loadStudentSpec(bundleRoot, id);
  if (!r.ok) throw new UserError(r.message);
  return r;
}

/** Default page of `grade --html`; with several assignments each gets its own, named after it. */
export const DEFAULT_HTML = 'grade-report.html';

function htmlFile(option: string | true, id: string, several: boolean): string {
  const file = option === true ? DEFAULT_HTML : option;
  if (!several) return file;
  const dot = file.lastIndexOf('.');
  return dot > 0 ? `${file.slice(0, dot)}-${id}${file.slice(dot)}` : `${file}-${id}`;
}

type GradeOptions = { json?: boolean; html?: string | true };

async function gradeBundle(ids: string[], o: GradeOptions): Promise<number> {
  const wanted = ids.length ? ids : bundleAssignments(bundleRoot);
  if (wanted.length === 0)
    throw new UserError(
      `no assignments found in ${bundleRoot} (run npx grade from the folder you were given)`,
    );
  const reports = [];
  let failed = false;
  for (const id of wanted) {
    const { assignment, student } = await loaded(id);
    const run = await gradeStudentFolder(bundleRoot, assignment, student);
    failed ||= !run.allPassed;
    reports.push(withoutTiming(run.report));
    // A blank line between assignments; each one's summary is its last line.
    if (!o.json)
      console.log(`${reports.length > 1 ? '\n' : ''}${reportText(run.report)}\n${run.summary}`);
    if (o.html) {
      // Loaded only when asked for: the page renderer (d3, templates) is not needed to print results.
      const { renderReportPage } = await import('../report/html/index.js');
      const file = htmlFile(o.html, id, wanted.length > 1);
      writeFileSync(file, renderReportPage(withoutTiming(run.report), run.details, 'student'));
      console.error(`wrote ${file} (open it in a browser)`);
    }
  }
  // One assignment: its report; several: an array of reports.
  if (o.json)
    process.stdout.write(
      reports.length === 1 ? reportJson(reports[0]) : JSON.stringify(reports, null, 2) + '\n',
    );
  return failed ? EXIT.problems : EXIT.ok;
}

let exitCode: number = EXIT.ok;
const program = new Command('grade')
  .description('check your solutions on the visible tests (hidden tests run when you submit)')
  .argument('[ids...]', 'assignment folders to grade (default: all)')
  .option('--json', 'print only the report JSON')
  .option(
    '--html [file]',
    `also write the results as a web page with pictures (default ${DEFAULT_HTML})`,
  )
  .action(async (ids: string[], o: GradeOptions) => {
    exitCode = await gradeBundle(ids, o);
  });
program
  .command('init')
  .argument('<id>', 'assignment folder')
  .requiredOption('--student <id>', 'your student id (chooses your variant of the questions)')
  .option('--force', 'overwrite an existing answers file')
  .description(
    "write your answers.yaml: one empty entry per question, the question's text above it",
  )
  .action(async (id: string, o: { student: string; force?: boolean }) => {
    const { assignment } = await loaded(id);
    await writeAnswersFiles(assignment.spec, assignment.dir, o.student, o.force);
  });

await runProgram(program, () => exitCode);
