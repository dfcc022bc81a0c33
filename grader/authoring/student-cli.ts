/**
 * Entry of the grader that ships in a student bundle (bundled by esbuild into .seedgrade/grade.mjs).
 * `grade [id…] [--json]`: visible tests only, no reference, expected values from each spec.json.
 */
import { Command } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { answerFiles, answersTemplateFor } from '../answers/init.js';
import { fileURLToPath } from 'node:url';
import { reportJson, withoutTiming } from '../report/build.js';
import { reportText } from '../report/text.js';
import { bundleAssignments, gradeStudentFolder, loadStudentSpec } from './student-grade.js';

// The runtime lives in <bundle>/.seedgrade/grade.mjs, so the bundle is two levels up, whatever the cwd.
const bundleRoot = dirname(dirname(fileURLToPath(import.meta.url)));

/** Default page of `grade --html`; with several assignments each gets its own, named after it. */
export const DEFAULT_HTML = 'grade-report.html';

function htmlFile(option: string | true, id: string, several: boolean): string {
  const file = option === true ? DEFAULT_HTML : option;
  if (!several) return file;
  const dot = file.lastIndexOf('.');
  return dot > 0 ? `${file.slice(0, dot)}-${id}${file.slice(dot)}` : `${file}-${id}`;
}

async function main(ids: string[], o: { json?: boolean; html?: string | true }): Promise<number> {
  const wanted = ids.length ? ids : bundleAssignments(bundleRoot);
  if (wanted.length === 0) {
    console.error(`grade: no assignments found in ${bundleRoot}`);
    return 2;
  }
  const reports = [];
  let failed = false;
  for (const id of wanted) {
    const loaded = loadStudentSpec(bundleRoot, id);
    if (!loaded.ok) {
      console.error(`grade: ${loaded.message}`);
      return 2;
    }
    const run = await gradeStudentFolder(bundleRoot, loaded.assignment, loaded.student);
    failed ||= !run.allPassed;
    reports.push(withoutTiming(run.report));
    if (o.html) {
      // Loaded only when asked for: the page renderer (d3, templates) is not needed to print results.
      const { renderReportPage } = await import('../report/html/index.js');
      const file = htmlFile(o.html, id, wanted.length > 1);
      writeFileSync(file, renderReportPage(withoutTiming(run.report), run.details, 'student'));
      console.error(`wrote ${file} (open it in a browser)`);
    }
    // A blank line between assignments; each one's summary is its last line.
    if (!o.json) console.log(`${reports.length > 1 ? '\n' : ''}${reportText(run.report)}\n${run.summary}`);
  }
  // One assignment: its report; several: an array of reports.
  if (o.json) process.stdout.write(reports.length === 1 ? reportJson(reports[0]) : JSON.stringify(reports, null, 2) + '\n');
  return failed ? 1 : 0;
}

/** `grade init <id> --student ID`: the student's own answers.yaml (their variant's questions, no answers). */
function init(id: string, o: { student: string; force?: boolean }): number {
  const loaded = loadStudentSpec(bundleRoot, id);
  if (!loaded.ok) {
    console.error(`grade: ${loaded.message}`);
    return 2;
  }
  const files = answerFiles(loaded.assignment.spec);
  if (files.length === 0) {
    console.error(`grade: ${id} has no questions to answer`);
    return 2;
  }
  for (const file of files) {
    const path = join(loaded.assignment.dir, file);
    if (existsSync(path) && !o.force) {
      console.error(`grade: ${path} already exists and may hold your answers (use --force to start over)`);
      return 2;
    }
    writeFileSync(path, answersTemplateFor(loaded.assignment.spec, file, o.student));
    console.log(`wrote ${path} for student ${o.student}`);
  }
  return 0;
}

const program = new Command('grade')
  .description('check your solutions on the visible tests (hidden tests run when you submit)')
  .argument('[ids...]', 'assignment folders to grade (default: all)')
  .option('--json', 'print only the report JSON')
  .option('--html [file]', `also write the results as a web page with pictures (default ${DEFAULT_HTML})`)
  .action(async (ids: string[], o: { json?: boolean; html?: string | true }) => {
    process.exitCode = await main(ids, o);
  });
program
  .command('init')
  .argument('<id>', 'assignment folder')
  .requiredOption('--student <id>', 'your student id (chooses your variant of the questions)')
  .option('--force', 'overwrite an existing answers file')
  .description("write your answers.yaml: one empty entry per question, the question's text above it")
  .action((id: string, o: { student: string; force?: boolean }) => {
    process.exitCode = init(id, o);
  });

try {
  await program.parseAsync();
} catch (e) {
  console.error(`grade: internal error: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 3;
}
