// The HTML pages: self-contained (inline CSS, no script, no network), every student string escaped
// by handlebars, a strict Content-Security-Policy, and the same bytes for the same inputs.
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { graderHome } from '../home.js';

const TEMPLATES = pathToFileURL(join(graderHome(), 'templates', 'html') + '/');
/** No script on these pages, so nothing but inline style is allowed. */
export const CSP = "default-src 'none'; style-src 'unsafe-inline'";
const COLOURS = 6;

const hb = Handlebars.create();
hb.registerPartial('style', readFileSync(new URL('similarity-style.hbs', TEMPLATES), 'utf8'));
const compiled = new Map<string, HandlebarsTemplateDelegate>();
function template(name: string): HandlebarsTemplateDelegate {
  let t = compiled.get(name);
  if (!t)
    compiled.set(
      name,
      (t = hb.compile(readFileSync(new URL(name, TEMPLATES), 'utf8'), { strict: true })),
    );
  return t;
}

/** A fragment's selection: rows and columns are 0-based, the end column exclusive. */
export interface Selection {
  startRow: number;
  startCol: number;
  endRow: number;
  endCol: number;
}
export interface ViewFragment {
  left: Selection;
  right: Selection;
  /** How many fingerprints (k-grams) it spans. */
  size: number;
}
interface Part {
  text: string;
  cls: string;
  frag: number;
}

/** Lines of `text` split into parts, each highlighted with the first fragment covering it. */
function markLines(text: string, selections: Selection[]): { no: number; parts: Part[] }[] {
  const lines = text.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  const offset = (row: number, col: number): number =>
    (starts[Math.min(row, lines.length - 1)] ?? 0) + col;
  const owner = new Int32Array(text.length).fill(-1);
  selections.forEach((s, f) => {
    const end = Math.min(offset(s.endRow, s.endCol), text.length);
    for (let i = offset(s.startRow, s.startCol); i < end; i++) if (owner[i] === -1) owner[i] = f;
  });
  return lines.map((line, row) => {
    const parts: Part[] = [];
    const base = starts[row]!;
    for (let i = 0; i < line.length; ) {
      const f = owner[base + i]!;
      let j = i + 1;
      while (j < line.length && owner[base + j] === f) j++;
      parts.push({ text: line.slice(i, j), cls: f < 0 ? '' : `f${f % COLOURS}`, frag: f + 1 });
      i = j;
    }
    return { no: row + 1, parts };
  });
}

const lineRange = (s: Selection): string =>
  s.startRow === s.endRow ? `${s.startRow + 1}` : `${s.startRow + 1}–${s.endRow + 1}`;
export const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;

export interface PairView {
  left: { student: string; text: string };
  right: { student: string; text: string };
  similarity: number;
  longest: number;
  overlap: number;
  fragments: ViewFragment[];
}

/** The side-by-side page of one pair. */
export function pairPage(v: PairView): string {
  return template('similarity-pair.html.hbs')({
    csp: CSP,
    left: v.left,
    right: v.right,
    similarity: percent(v.similarity),
    longest: v.longest,
    overlap: v.overlap,
    fragments: v.fragments.map((f, i) => ({
      no: i + 1,
      cls: `f${i % COLOURS}`,
      leftLine: f.left.startRow + 1,
      rightLine: f.right.startRow + 1,
      leftLines: lineRange(f.left),
      rightLines: lineRange(f.right),
      size: f.size,
    })),
    sides: [
      {
        student: v.left.student,
        anchor: 'L',
        lines: markLines(
          v.left.text,
          v.fragments.map((f) => f.left),
        ),
      },
      {
        student: v.right.student,
        anchor: 'R',
        lines: markLines(
          v.right.text,
          v.fragments.map((f) => f.right),
        ),
      },
    ],
  });
}

export interface IndexView {
  assignment: string;
  files: string;
  students: number;
  compared: number;
  pairCount: number;
  threshold: number;
  ignoreStubs: boolean;
  stubFingerprints: number;
  kgram: number;
  window: number;
  above: {
    rank: number;
    left: string;
    right: string;
    similarity: number;
    longest: number;
    overlap: number;
    href: string;
  }[];
  /** All pairs at or above the threshold; `above` holds the first of them. */
  aboveCount: number;
  problems: { student: string; message: string; compared: boolean }[];
  skipped: { path: string; reason: string }[];
}

/** similarity.html: the pairs above the threshold, each linking to its side-by-side page. */
export function indexPage(v: IndexView): string {
  return template('similarity.html.hbs')({
    ...v,
    csp: CSP,
    above: v.above.map((p) => ({ ...p, similarity: percent(p.similarity) })),
    unviewed: v.aboveCount - v.above.length,
  });
}
