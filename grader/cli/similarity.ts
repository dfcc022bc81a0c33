import { existsSync, statSync } from 'node:fs';
import type { RegisterCommand } from './context.js';
import { UserError } from './errors.js';

interface SimilarityCliOptions {
  assignment: string;
  out: string;
  threshold: string;
  ignoreStubs?: boolean;
}

export async function similarityCommand(
  root: string,
  submissions: string,
  o: SimilarityCliOptions,
): Promise<number> {
  if (!existsSync(submissions) || !statSync(submissions).isDirectory()) {
    throw new UserError(
      `submissions folder ${submissions} not found (pass the folder the LMS download was unpacked into)`,
    );
  }
  const threshold = Number(o.threshold);
  if (o.threshold.trim() === '' || !Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new UserError(
      `--threshold must be a number from 0 to 1 (a share of the code), got ${o.threshold}`,
    );
  }
  const { loadAssignment } = await import('../course/load-assignment.js');
  const { formatProblem } = await import('../spec/errors.js');
  const loaded = await loadAssignment(root, o.assignment);
  if (!loaded.ok) throw new UserError(loaded.problems.map(formatProblem).join('\n'));
  const { codeFiles } = await import('../similarity/document.js');
  const files = loaded.assignment.spec.files;
  if (codeFiles(files).length === 0) {
    throw new UserError(
      `assignment ${o.assignment} lists no .ts or .js files to compare (files: ${files.join(', ')})`,
    );
  }
  let stubs: Record<string, string> | undefined;
  if (o.ignoreStubs !== false) {
    // The stubs exactly as `grade release` renders them for students.
    const { prepareById } = await import('../authoring/release.js');
    const prepared = await prepareById(root, o.assignment);
    if (!prepared.ok) {
      throw new UserError(
        `cannot render the stubs to ignore (fix these, or pass --no-ignore-stubs):\n${prepared.problems.join('\n')}`,
      );
    }
    stubs = prepared.files;
  }
  const { compareClass } = await import('../similarity/run.js');
  const log = (l: string): void => console.error(l);
  const r = await compareClass({
    assignment: o.assignment,
    submissionsDir: submissions,
    outDir: o.out,
    files,
    stubs,
    threshold,
    log,
  });
  for (const s of r.skipped) console.error(`  skipped ${s.path}: ${s.reason}`);
  for (const p of r.problems)
    console.log(`${p.student}: ${p.message} (${p.compared ? 'compared anyway' : 'not compared'})`);
  const colon = r.aboveCount ? ':' : '';
  console.log(
    `compared ${r.compared} of ${r.students} submissions (${r.pairs} pairs); ${r.aboveCount} pairs at or above ${threshold}${colon}`,
  );
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(6);
  for (const p of r.above.slice(0, 10)) {
    console.log(
      `  ${pct(p.similarity)}  ${p.left} ↔ ${p.right}  (longest fragment ${p.longest}, overlap ${p.overlap})`,
    );
  }
  if (r.aboveCount > 10) console.log(`  … ${r.aboveCount - 10} more`);
  console.log(`outputs in ${o.out}/ (similarity.csv, similarity.html, pairs/)`);
  return 0;
}

export const registerSimilarity: RegisterCommand = (program, ctx) => {
  program
    .command('similarity')
    .argument(
      '<submissions>',
      'folder of submissions: <student>/…, <student>.zip, or a Canvas / Moodle download',
    )
    .requiredOption('--assignment <id>', 'assignment id (its files are compared)')
    .requiredOption('--out <dir>', 'output folder for similarity.csv, similarity.html and pairs/')
    .option(
      '--threshold <share>',
      'pairs at or above this similarity (0 to 1) are listed in similarity.html',
      '0.6',
    )
    .option('--ignore-stubs', 'ignore code that is in the released stubs (default)')
    .option('--no-ignore-stubs', 'compare the stub code too')
    .action(async (dir: string, o: SimilarityCliOptions) =>
      ctx.setExit(await similarityCommand(ctx.root(), dir, o)),
    );
};
