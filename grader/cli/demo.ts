import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bulkGrade } from '../bulk/run.js';
import { readReport } from '../bulk/outputs.js';
import { graderVersion } from '../home.js';
import type { Report } from '../report/schema.js';
import { formatPoints, formatTable } from '../report/table.js';
import type { RegisterCommand } from './context.js';
import { loadForGrading } from './load-spec.js';

const DEMO_CLASS = join('examples', 'feature-map-class');

/** Where the demo writes its outputs unless told otherwise (relative to the project root). */
export const DEMO_PAGES = 'demo-pages';

function statusCounts(report: Report): string {
  const counts = new Map<string, number>();
  for (const t of report.tests) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  return [...counts.entries()].map(([s, n]) => `${n} ${s}`).join(', ');
}

/**
 * Grades the bundled example class (correct, buggy, crashing, looping…) exactly as `grade bulk`
 * does (the same pool and outputs, pages included), then prints the score table.
 */
export async function demoCommand(root: string, o: { out?: string } = {}): Promise<number> {
  // Loaded here too (the workers load their own) so that a broken spec or reference stops with its message first.
  const { assignment } = await loadForGrading(root, 'feature-map');
  const classDir = join(root, DEMO_CLASS);
  const students = readdirSync(classDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  console.log(`Grading ${students.length} example submissions of feature-map in ${DEMO_CLASS}/…`);
  const out = o.out ?? join(root, DEMO_PAGES);
  const secret = { value: 'demo-secret', source: 'provided' as const };
  await bulkGrade({
    submissionsDir: classDir,
    outDir: out,
    assignment,
    secret,
    graderVersion: graderVersion(),
    progress: false,
  });
  const rows = students.map((s) => {
    const r = readReport(out, s);
    const firstProblem = r.tests.find((t) => t.status !== 'passed');
    const problem = firstProblem
      ? `${firstProblem.name}: ${firstProblem.output.split('\n')[0]}`.slice(0, 90)
      : '';
    return [s, `${formatPoints(r.score)}/${formatPoints(r.max_score)}`, statusCounts(r), problem];
  });
  console.log('\n' + formatTable(['student', 'score', 'tests', 'first problem'], rows));
  const shown = relative(process.cwd(), out) || '.';
  console.log(
    `\nHTML pages: ${join(shown, 'index.html')} (class dashboard), ${join(shown, '<student>', 'report.html')} (staff) and feedback.html (students); open them in a browser`,
  );
  return 0;
}

export const registerDemo: RegisterCommand = (program, ctx) => {
  program
    .command('demo')
    .option(
      '--out <dir>',
      `folder for the outputs and HTML pages (default: ${DEMO_PAGES}/ in the project folder)`,
    )
    .action(async (o: { out?: string }) => ctx.setExit(await demoCommand(ctx.root(), o)));
};
