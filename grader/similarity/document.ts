// One student's listed files as one document: the text shown side by side and its tokens.
import type { StudentFiles } from './read-class.js';
import { tokenize, type TokenRegion, type Tokens } from './tokenize.js';

export interface Document {
  student: string;
  text: string;
  tokens: Tokens;
  /** Syntax errors the parser stepped over: listed, but the document is still compared. */
  notes: string[];
}

export type DocumentResult = { ok: true; doc: Document } | { ok: false; problems: string[] };

const isCode = (name: string): boolean => /\.(ts|js|mts|cts|mjs|cjs)$/.test(name);

/** The files that are compared: the spec's TypeScript and JavaScript files (not answers.yaml). */
export const codeFiles = (files: string[]): string[] => files.filter(isCode);

/**
 * Joins the files (with a header line each when there are several) and tokenizes them in place,
 * so every token's row is a row of the joined text.
 */
export function toDocument(s: StudentFiles, multiFile: boolean): DocumentResult {
  const problems = [...s.problems];
  const notes: string[] = [];
  const parts: string[] = [];
  const tokens: string[] = [];
  const regions: TokenRegion[] = [];
  let row = 0;
  for (const f of s.files) {
    if (multiFile) {
      parts.push(`// ── ${f.name} ──`);
      row++;
    }
    const t = tokenize(f.name, f.text, row);
    if (!t.ok) problems.push(t.problem.message);
    else {
      if (t.problem) notes.push(t.problem.message);
      tokens.push(...t.value.tokens);
      regions.push(...t.value.regions);
    }
    parts.push(f.text);
    row += f.text.split('\n').length;
  }
  if (tokens.length === 0)
    return { ok: false, problems: problems.length ? problems : ['no code to compare'] };
  return {
    ok: true,
    doc: {
      student: s.student,
      text: parts.join('\n'),
      tokens: { tokens, regions },
      notes: [...problems, ...notes],
    },
  };
}
