import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { vi } from 'vitest';
import Papa from 'papaparse';
import { similarityCommand } from '../../grader/cli/similarity.js';
import { REPO } from '../helpers/project.js';

export const reference = (): string =>
  readFileSync(join(REPO, 'solutions/feature-map/feature_map.ts'), 'utf8');
export const example = (student: string): string =>
  readFileSync(join(REPO, 'examples/feature-map-class', student, 'feature_map.ts'), 'utf8');

/** Writes files (path → text or bytes) under root. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, data] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), data);
  }
}

/** Runs `grade similarity` on feature-map and returns what it printed, its exit code and the CSV rows. */
export async function runSimilarity(
  subs: string,
  out: string,
  extra: { threshold?: string; ignoreStubs?: boolean } = {},
) {
  const lines: string[] = [];
  const log = vi
    .spyOn(console, 'log')
    .mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const err = vi
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    const code = await similarityCommand(REPO, subs, {
      assignment: 'feature-map',
      out,
      threshold: extra.threshold ?? '0.6',
      ignoreStubs: extra.ignoreStubs,
    });
    const csvText = readFileSync(join(out, 'similarity.csv'), 'utf8');
    const rows = Papa.parse<Record<string, string>>(csvText, {
      header: true,
      skipEmptyLines: true,
    }).data;
    return { code, printed: lines.join('\n'), csvText, rows };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

/** The similarity of one pair, in either order, from the CSV rows. */
export function scoreOf(rows: Record<string, string>[], a: string, b: string): number {
  const row = rows.find((r) => (r.left === a && r.right === b) || (r.left === b && r.right === a));
  if (!row) throw new Error(`no row for ${a} / ${b}`);
  return Number(row.similarity);
}

// Every name the reference declares, renamed (a copier's search-and-replace), in one pass so that
// no new name is renamed again.
const RENAMES: Record<string, string> = {
  Matrix: 'Grid',
  outputSize: 'sizeOut',
  n: 'len',
  k: 'ks',
  padding: 'pad',
  stride: 'step',
  conv2d: 'correlate',
  image: 'img',
  kernel: 'filt',
  options: 'opts',
  p: 'pp',
  s: 'ss',
  kh: 'fh',
  kw: 'fw',
  rows: 'nr',
  cols: 'nc',
  at: 'pick',
  r: 'y',
  c: 'x',
  out: 'result',
  i: 'yy',
  row: 'line',
  j: 'xx',
  sum: 'acc',
  u: 'dy',
  v: 'dx',
  featureMap: 'fmap',
  taps: 'numel',
  maxPool: 'pool',
  size: 'win',
  count: 'windows',
  best: 'mx',
  relu: 'rect',
  x: 'val',
  alice: 'bob',
};

/**
 * A disguised copy: every declared identifier renamed, comments removed and new ones written,
 * indentation changed, and the top-level declarations in reverse order.
 */
export function disguise(source: string): string {
  const noComments = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\s\/\/.*$/gm, '');
  const renamed = noComments.replace(/\b[A-Za-z_][A-Za-z0-9_]*\b/g, (w) => RENAMES[w] ?? w);
  const reindented = renamed.replace(/^( +)/gm, (sp) => '\t'.repeat(sp.length / 2));
  const decls = reindented
    .split(/\n(?=export |import )/)
    .map((d) => d.trim())
    .filter(Boolean);
  const imports = decls.filter((d) => d.startsWith('import'));
  const rest = decls.filter((d) => !d.startsWith('import')).reverse();
  return (
    [...imports, ...rest.map((d, i) => `// part ${i + 1}: my own work, honestly\n${d}`)].join(
      '\n\n\n',
    ) + '\n'
  );
}
