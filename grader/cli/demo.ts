import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createGradingPool } from '../bulk/pool.js';
import type { Report } from '../report/schema.js';
import type { RegisterCommand } from './context.js';
import { loadForGrading } from './load-spec.js';
import { formatPoints, formatTable } from './table.js';

const DEMO_CLASS = join('examples', 'feature-map-class');

function statusCounts(report: Report): string {
  const counts = new Map<string, number>();
  for (const t of report.tests) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  return [...counts.entries()].map(([s, n]) => `${n} ${s}`).join(', ');
}

/** Grades the bundled example class (correct, buggy, crashing, looping…) and prints the score table. */
export async function demoCommand(root: string): Promise<number> {
  const { assignment } = await loadForGrading(root, 'feature-map');
  const classDir = join(root, DEMO_CLASS);
  const students = readdirSync(classDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  console.log(`Grading ${students.length} example submissions of feature-map in ${DEMO_CLASS}/ (two at a time)…`);
  const reports = new Map<string, Report>();
  const queue = [...students];
  // Two worker threads: the looping submission holds up only its own.
  const pool = await createGradingPool(2, assignment.root, assignment.spec.id);
  const worker = async (): Promise<void> => {
    for (let s = queue.shift(); s; s = queue.shift()) {
      const report = await pool.grade({ submissionDir: join(classDir, s), student: s, secret: { value: 'demo-secret', source: 'provided' } });
      reports.set(s, report);
      console.log(`  graded ${s}: ${formatPoints(report.score)}/${formatPoints(report.max_score)}`);
    }
  };
  try {
    await Promise.all([worker(), worker()]);
  } finally {
    await pool.close();
  }
  const rows = students.map((s) => {
    const r = reports.get(s)!;
    const firstProblem = r.tests.find((t) => t.status !== 'passed');
    return [s, `${formatPoints(r.score)}/${formatPoints(r.max_score)}`, statusCounts(r), firstProblem ? `${firstProblem.name}: ${firstProblem.output.split('\n')[0]}`.slice(0, 90) : ''];
  });
  console.log('\n' + formatTable(['student', 'score', 'tests', 'first problem'], rows));
  return 0;
}

export const registerDemo: RegisterCommand = (program, ctx) => {
  program
    .command('demo')
    .description('grade the bundled example class of feature-map submissions and print the score table')
    .action(async () => ctx.setExit(await demoCommand(ctx.root())));
};
