import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../bulk/atomic.js';
import { writeStudentPages } from '../bulk/pages.js';
import { summarize } from '../bulk/summary.js';
import { gradeSubmissionWithDetails } from '../pipeline.js';
import { withoutTiming } from '../report/build.js';
import type { Report } from '../report/schema.js';
import type { RegisterCommand } from './context.js';
import { loadForGrading } from './load-spec.js';
import { formatPoints, formatTable } from '../report/table.js';

const DEMO_CLASS = join('examples', 'feature-map-class');

function statusCounts(report: Report): string {
  const counts = new Map<string, number>();
  for (const t of report.tests) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  return [...counts.entries()].map(([s, n]) => `${n} ${s}`).join(', ');
}

/** Where the demo writes its HTML pages unless told otherwise (relative to the project root). */
export const DEMO_PAGES = 'demo-pages';

/** Grades the bundled example class (correct, buggy, crashing, looping…), prints the score table and writes the pages. */
export async function demoCommand(root: string, o: { out?: string } = {}): Promise<number> {
  const { assignment, reference } = await loadForGrading(root, 'feature-map');
  const classDir = join(root, DEMO_CLASS);
  const students = readdirSync(classDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  console.log(`Grading ${students.length} example submissions of feature-map in ${DEMO_CLASS}/ (two at a time)…`);
  const out = o.out ?? join(root, DEMO_PAGES);
  const reports = new Map<string, Report>();
  const ms = new Map<string, number>();
  const queue = [...students];
  const worker = async (): Promise<void> => {
    for (let s = queue.shift(); s; s = queue.shift()) {
      const graded = await gradeSubmissionWithDetails({ assignment, reference, submissionDir: join(classDir, s), student: s, secret: { value: 'demo-secret', source: 'provided' } });
      const report = withoutTiming(graded.report);
      reports.set(s, report);
      ms.set(s, graded.report.timing?.total_ms ?? 0);
      await writeStudentPages(join(out, s), report, graded.details);
      console.log(`  graded ${s}: ${formatPoints(report.score)}/${formatPoints(report.max_score)}`);
    }
  };
  await Promise.all([worker(), worker()]);
  const rows = students.map((s) => {
    const r = reports.get(s)!;
    const firstProblem = r.tests.find((t) => t.status !== 'passed');
    return [s, `${formatPoints(r.score)}/${formatPoints(r.max_score)}`, statusCounts(r), firstProblem ? `${firstProblem.name}: ${firstProblem.output.split('\n')[0]}`.slice(0, 90) : ''];
  });
  console.log('\n' + formatTable(['student', 'score', 'tests', 'first problem'], rows));
  const status = (r: Report): string => r.problem?.kind ?? 'graded';
  const all = students.map((s) => reports.get(s)!);
  const summary = summarize('feature-map', all, Object.fromEntries(students.map((s) => [s, status(reports.get(s)!)])));
  const { renderDashboardPage } = await import('../report/html/index.js');
  writeFileAtomic(join(out, 'index.html'), renderDashboardPage(summary, students.map((s) => ({ student: s, report: reports.get(s)!, status: status(reports.get(s)!), ms: ms.get(s) ?? 0 }))));
  const shown = relative(process.cwd(), out) || '.';
  console.log(`\nHTML pages: ${join(shown, 'index.html')} (class dashboard), ${join(shown, '<student>', 'report.html')} (staff) and feedback.html (students); open them in a browser`);
  return 0;
}

export const registerDemo: RegisterCommand = (program, ctx) => {
  program
    .command('demo')
    .option('--out <dir>', `folder for the HTML pages (default: ${DEMO_PAGES}/ in the project folder)`)
    .action(async (o: { out?: string }) => ctx.setExit(await demoCommand(ctx.root(), o)));
};
