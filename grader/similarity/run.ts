// grade similarity: read the class once (one student at a time), fingerprint each document once
// into Dolos's index, score every pair as numbers, then write the CSV and the pages.
import type { TokenizedFile } from '@dodona/dolos-core';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../bulk/atomic.js';
import { codeFiles, toDocument } from './document.js';
import { writeSimilarityCsv } from './csv.js';
import {
  addDocument,
  ignoreTokens,
  KGRAM_LENGTH,
  KGRAMS_IN_WINDOW,
  loadDolos,
  newIndex,
} from './fingerprint.js';
import { indexPage, pairPage, type ViewFragment } from './page.js';
import { rankPairs, scorePairs } from './pairs.js';
import { readClass } from './read-class.js';
import { loadTokenizer } from './tokenize.js';

/** Side-by-side pages are written for at most this many pairs above the threshold. */
export const MAX_VIEWS = 500;

export interface SimilarityOptions {
  assignment: string;
  submissionsDir: string;
  outDir: string;
  /** The spec's `files`; only the .ts/.js ones are compared. */
  files: string[];
  /** The released stub of each file; its fingerprints are ignored when given. */
  stubs?: Record<string, string>;
  threshold: number;
  maxViews?: number;
  log?: (line: string) => void;
}

export interface SimilarityResult {
  layout: string;
  students: number;
  compared: number;
  pairs: number;
  /** Pairs at or above the threshold (similarity > 0). */
  aboveCount: number;
  /** The first of them, highest first (at most maxViews), each with a side-by-side page. */
  above: { left: string; right: string; similarity: number; longest: number; overlap: number }[];
  problems: { student: string; message: string; compared: boolean }[];
  skipped: { path: string; reason: string }[];
  stubFingerprints: number;
}

export async function compareClass(o: SimilarityOptions): Promise<SimilarityResult> {
  await Promise.all([loadTokenizer(), loadDolos()]);
  const log = o.log ?? (() => {});
  const files = codeFiles(o.files);
  const multi = files.length > 1;
  const index = newIndex();
  let stubFingerprints = 0;
  if (o.stubs) {
    const given = files
      .filter((f) => o.stubs![f] !== undefined)
      .map((name) => ({ name, text: o.stubs![name]! }));
    const stub = toDocument({ student: '(stub)', files: given, problems: [] }, multi);
    if (stub.ok) stubFingerprints = ignoreTokens(index, stub.doc.tokens);
    else
      log(
        `warning: the stubs could not be tokenized (${stub.problems.join('; ')}); nothing is ignored`,
      );
  }
  const reader = await readClass(o.submissionsDir, files);
  const skipped = reader.skipped.length ? `; ${reader.skipped.length} skipped` : '';
  log(`layout: ${reader.layout}; ${reader.count} submissions${skipped}`);
  const compared: TokenizedFile[] = [];
  const students: string[] = [];
  const notes = new Map<string, string[]>();
  const problems: SimilarityResult['problems'] = [];
  const excluded: { student: string; message: string }[] = [];
  for await (const s of reader.students) {
    const d = toDocument(s, multi);
    if (!d.ok) {
      const message = d.problems.join('; ');
      excluded.push({ student: s.student, message });
      problems.push({ student: s.student, message, compared: false });
      continue;
    }
    if (d.doc.notes.length) {
      notes.set(s.student, d.doc.notes);
      problems.push({ student: s.student, message: d.doc.notes.join('; '), compared: true });
    }
    compared.push(addDocument(index, d.doc));
    students.push(s.student);
  }
  const entries = index.entries();
  const table = scorePairs(entries);
  const order = rankPairs(table);
  writeSimilarityCsv(join(o.outDir, 'similarity.csv'), { students, table, order, notes, excluded });

  const maxViews = o.maxViews ?? MAX_VIEWS;
  const above: SimilarityResult['above'] = [];
  let aboveCount = 0;
  for (const k of order) {
    if (table.similarity[k]! < o.threshold || table.similarity[k] === 0) break;
    if (aboveCount++ >= maxViews) continue;
    above.push({
      left: students[table.left[k]!]!,
      right: students[table.right[k]!]!,
      similarity: table.similarity[k]!,
      longest: table.longest[k]!,
      overlap: table.overlap[k]!,
    });
  }
  const pagesDir = join(o.outDir, 'pairs');
  rmSync(pagesDir, { recursive: true, force: true }); // pages of an earlier run would be stale
  const width = Math.max(4, String(above.length).length);
  const hrefs: string[] = [];
  for (let r = 0; r < above.length; r++) {
    const k = order[r]!;
    const [l, rt] = [compared[table.left[k]!]!, compared[table.right[k]!]!];
    const fragments: ViewFragment[] = index
      .getPair(l, rt)
      .buildFragments()
      .map((f) => ({ left: f.leftSelection, right: f.rightSelection, size: f.leftkgrams.length }));
    const href = `pairs/${String(r + 1).padStart(width, '0')}.html`;
    const p = above[r]!;
    const page = pairPage({
      ...p,
      left: { student: p.left, text: l.content },
      right: { student: p.right, text: rt.content },
      fragments,
    });
    writeFileAtomic(join(o.outDir, href), page);
    hrefs.push(href);
  }
  writeFileAtomic(
    join(o.outDir, 'similarity.html'),
    indexPage({
      assignment: o.assignment,
      files: files.join(', '),
      students: reader.count,
      compared: students.length,
      pairCount: table.count,
      threshold: o.threshold,
      ignoreStubs: o.stubs !== undefined,
      stubFingerprints,
      kgram: KGRAM_LENGTH,
      window: KGRAMS_IN_WINDOW,
      above: above.map((p, r) => ({ rank: r + 1, ...p, href: hrefs[r]! })),
      aboveCount,
      problems,
      skipped: reader.skipped,
    }),
  );
  const counts = {
    students: reader.count,
    compared: students.length,
    pairs: table.count,
    aboveCount,
  };
  return {
    layout: reader.layout,
    ...counts,
    above,
    problems,
    skipped: reader.skipped,
    stubFingerprints,
  };
}
