// Lexical tokens of TypeScript for fingerprinting, from @babel/parser (pure JavaScript, no native build).
// Identifiers and literals become their kind, so renaming every identifier or changing constants
// leaves the token stream as it was; comments and whitespace are not tokens at all.

import { formatPlace } from '../spec/errors.js';

/** Where a token sits in the document: 0-based rows, 0-based columns, end exclusive (Dolos's Region). */
export interface TokenRegion {
  startRow: number;
  startCol: number;
  endRow: number;
  endCol: number;
}

export interface Tokens {
  tokens: string[];
  regions: TokenRegion[];
}

/** `file:line:col: message` for a syntax error; `recovered` when the parser went on past it. */
export interface SyntaxProblem {
  message: string;
  recovered: boolean;
}

export type TokenizeResult =
  | { ok: true; value: Tokens; problem?: SyntaxProblem }
  | { ok: false; problem: SyntaxProblem };

// Words that babel reports as names but that are part of the language (contextual keywords and
// built-in types): kept, since a student cannot rename them.
const CONTEXTUAL = new Set(
  (
    'let of as async await get set static type interface enum namespace declare readonly keyof infer is asserts abstract ' +
    'implements private protected public override satisfies unique accessor from module global constructor ' +
    'number string boolean bigint symbol object any unknown never undefined'
  ).split(' '),
);
// Token kinds whose value is a name or a constant: the kind alone is kept.
const NORMALISED: Record<string, string> = {
  name: 'I',
  privateName: 'I',
  jsxName: 'I',
  num: 'N',
  bigint: 'N',
  decimal: 'N',
  string: 'S',
  template: 'T',
  regexp: 'R',
  jsxText: 'T',
};

interface BabelToken {
  type: string | { label: string; keyword?: string };
  value?: unknown;
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}
type Parse = (typeof import('@babel/parser'))['parse'];
let parser: Parse | undefined;

/** Loads the parser on first use (it is not needed by any other command). */
export async function loadTokenizer(): Promise<void> {
  // CommonJS: compiled into a chunk of its own, it is that chunk's default export.
  parser ??= (await import('@babel/parser')).default.parse;
}

/** One token's fingerprint text: keywords and punctuation as written, names and constants as their kind. */
function tokenText(t: BabelToken): string | undefined {
  if (typeof t.type === 'string') return undefined; // CommentLine, CommentBlock
  const label = t.type.label;
  if (label === 'eof') return undefined;
  if (label === 'name' && typeof t.value === 'string' && CONTEXTUAL.has(t.value)) return t.value;
  const kind = NORMALISED[label];
  if (kind) return kind;
  return t.type.keyword ?? (typeof t.value === 'string' ? t.value : label);
}

/**
 * Tokens of one file whose first line is row `rowOffset` of the document. A syntax error the parser
 * can step over is reported with the tokens; one it cannot gives no tokens.
 */
export function tokenize(file: string, text: string, rowOffset = 0): TokenizeResult {
  if (!parser) throw new Error('tokenize() before loadTokenizer()');
  let ast: ReturnType<Parse>;
  try {
    const options: Parameters<Parse>[1] = {
      sourceType: 'module',
      plugins: ['typescript'],
      tokens: true,
      errorRecovery: true,
    };
    ast = parser(text, options);
  } catch (e) {
    return { ok: false, problem: { message: syntaxMessage(file, e), recovered: false } };
  }
  const tokens: string[] = [];
  const regions: TokenRegion[] = [];
  for (const t of (ast.tokens ?? []) as BabelToken[]) {
    const text = tokenText(t);
    if (text === undefined) continue;
    tokens.push(text);
    const { start, end } = t.loc;
    regions.push({
      startRow: start.line - 1 + rowOffset,
      startCol: start.column,
      endRow: end.line - 1 + rowOffset,
      endCol: end.column,
    });
  }
  const first = ast.errors?.[0];
  if (!first) return { ok: true, value: { tokens, regions } };
  return {
    ok: true,
    value: { tokens, regions },
    problem: { message: syntaxMessage(file, first), recovered: true },
  };
}

/** Babel's messages end in "(line:col)"; the file name goes in front, as everywhere else in seedgrade. */
function syntaxMessage(file: string, e: unknown): string {
  const err = e as { message?: string; loc?: { line: number; column: number } };
  const text = (err.message ?? String(e)).replace(/\s*\(\d+:\d+\)$/, '');
  return err.loc
    ? `${formatPlace({ file, line: err.loc.line, column: err.loc.column + 1 })}: syntax error: ${text}`
    : `${file}: syntax error: ${text}`;
}
