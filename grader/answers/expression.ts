/**
 * Student answers written as expressions (e.g. "F11·X11 + F12·X12"). The text is DATA: it is parsed by
 * mathjs's parser only to get a tree, the tree is checked against a tiny grammar (numbers, allowed
 * symbols, + - * / ^, unary minus/plus, parentheses, implicit multiplication) and converted to our own
 * Expr; nothing is ever evaluated by mathjs or as JavaScript.
 */
import { formatSymbolList } from './symbol-list.js';

export { formatSymbolList } from './symbol-list.js';
export { evaluateExpression, expressionsEquivalent } from './equivalence.js';
export type { EquivalenceOptions, EquivalenceResult } from './equivalence.js';

let mathParse: ((source: string) => unknown) | undefined;

/** mathjs is large and slow to load: only specs with answers exercises load it (their kind's prepare). */
export async function loadExpressionParser(): Promise<void> {
  mathParse ??= (await import('./mathjs-parse.js')).parse;
}

function parse(source: string): unknown {
  if (!mathParse)
    throw new Error('the expression parser is not loaded (call loadExpressionParser first)');
  return mathParse(source);
}

export type { BinaryOp, Expr } from './expr.js';
import type { BinaryOp, Expr } from './expr.js';

export type ParseResult =
  | { ok: true; expr: Expr }
  | { ok: false; error: { message: string; column: number /* 1-based */ } };

/** Longer answers are not hand derivations; the cap also bounds parser recursion. */
const MAX_LENGTH = 10_000;
const MAX_NESTING = 100;
const GRAMMAR = 'use only numbers, + - * / ^ and parentheses';

/** Lecture typography → ASCII, one UTF-16 unit for one, so columns stay meaningful. */
const SAME_WIDTH_REPLACEMENTS: Record<string, string> = {
  '·': '*',
  '×': '*',
  '⋅': '*',
  '∙': '*',
  '−': '-',
  '–': '-',
};

const OPERATORS: Record<string, BinaryOp> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  pow: '^',
};

/** The mathjs node fields we read; everything else about the node is ignored. */
interface MathNodeLike {
  type: string;
  fn?: unknown;
  args?: MathNodeLike[];
  content?: MathNodeLike;
  name?: string;
  op?: string;
  value?: unknown;
}

class Rejected {
  constructor(
    readonly message: string,
    readonly column: number,
  ) {}
}

export function normalizeExpressionText(text: string): string {
  // `**` → `^ ` keeps the width, so later columns still point at the student's characters.
  return text.replace(/[·×⋅∙−–]/g, (c) => SAME_WIDTH_REPLACEMENTS[c] ?? c).replace(/\*\*/g, '^ ');
}

export function parseExpression(text: string, allowedSymbols: readonly string[]): ParseResult {
  const allowedText = `allowed: ${formatSymbolList(allowedSymbols)}`;
  if (typeof text !== 'string')
    return { ok: false, error: { message: 'the answer is not text', column: 1 } };
  if (text.length > MAX_LENGTH) {
    return {
      ok: false,
      error: {
        message: `the expression is longer than ${MAX_LENGTH} characters`,
        column: MAX_LENGTH + 1,
      },
    };
  }
  const source = normalizeExpressionText(text);
  if (source.trim() === '')
    return { ok: false, error: { message: 'the expression is empty', column: 1 } };
  const charProblem = checkCharacters(source);
  if (charProblem) return { ok: false, error: charProblem };

  let root: MathNodeLike;
  try {
    root = parse(source) as unknown as MathNodeLike;
  } catch (e) {
    const err = e as { message?: string; char?: number };
    const message = String(err.message ?? e).replace(/\s*\(char \d+\)\s*$/, '');
    const column = typeof err.char === 'number' && err.char >= 1 ? err.char : 1;
    return { ok: false, error: { message: `${lowerFirst(message)} at column ${column}`, column } };
  }
  try {
    return { ok: true, expr: convert(root, source, new Set(allowedSymbols), allowedText) };
  } catch (e) {
    if (e instanceof Rejected)
      return { ok: false, error: { message: e.message, column: e.column } };
    throw e;
  }
}

/** Rejects, before parsing, every character outside the grammar (=, [, ", ', !, %, :, ?, ;, ',' …). */
function checkCharacters(source: string): { message: string; column: number } | undefined {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (depth > MAX_NESTING)
      return {
        message: `parentheses nested deeper than ${MAX_NESTING} at column ${i + 1}`,
        column: i + 1,
      };
    if (/[\p{L}0-9_. \t+\-*/^()]/u.test(c)) continue;
    const hint =
      c === ','
        ? ' (write numbers without thousands separators and use . for decimals)'
        : c === '='
          ? ' (write only the right-hand side)'
          : '';
    return { message: `unexpected character "${c}" at column ${i + 1}${hint}`, column: i + 1 };
  }
  return undefined;
}

function convert(
  node: MathNodeLike,
  source: string,
  allowed: ReadonlySet<string>,
  allowedText: string,
): Expr {
  const recur = (n: MathNodeLike): Expr => convert(n, source, allowed, allowedText);
  switch (node.type) {
    case 'ConstantNode': {
      if (typeof node.value === 'number' && Number.isFinite(node.value))
        return { kind: 'number', value: node.value };
      if (typeof node.value === 'number' && !Number.isNaN(node.value)) {
        const column = indexOrStart(source, /[0-9.]+e[+-]?[0-9]+/i);
        throw new Rejected(`the number at column ${column} is too large`, column);
      }
      const shown = String(node.value);
      const column = findWord(source, shown);
      throw new Rejected(
        `"${shown}" at column ${column} is not allowed; ${GRAMMAR}; ${allowedText}`,
        column,
      );
    }
    case 'SymbolNode': {
      const name = String(node.name);
      if (allowed.has(name)) return { kind: 'symbol', name };
      const column = findWord(source, name);
      throw new Rejected(`unknown symbol "${name}" at column ${column}; ${allowedText}`, column);
    }
    case 'ParenthesisNode':
      return recur(node.content as MathNodeLike);
    case 'OperatorNode': {
      const fn = String(node.fn);
      const args = node.args ?? [];
      if (fn === 'unaryMinus' && args.length === 1) return { kind: 'negate', arg: recur(args[0]) };
      if (fn === 'unaryPlus' && args.length === 1) return recur(args[0]);
      const op = OPERATORS[fn];
      if (op && args.length === 2)
        return { kind: 'binary', op, left: recur(args[0]), right: recur(args[1]) };
      const shown = node.op ?? fn;
      const column = /^\w+$/.test(shown) ? findWord(source, shown) : indexOrStart(source, shown);
      throw new Rejected(
        `the operator "${shown}" at column ${column} is not allowed; ${GRAMMAR}; ${allowedText}`,
        column,
      );
    }
    case 'FunctionNode': {
      const name = String((node.fn as MathNodeLike | undefined)?.name ?? 'function');
      const column = findCall(source, name);
      const hint = allowed.has(name) ? `; to multiply write ${name}*(…)` : '';
      throw new Rejected(
        `function calls are not allowed: "${name}(" at column ${column}${hint}; ${allowedText}`,
        column,
      );
    }
    default: {
      const column =
        node.type === 'AccessorNode'
          ? indexOrStart(source, /\.\s*[\p{L}_]/u)
          : firstNonSpace(source);
      throw new Rejected(
        `${describeNode(node.type)} is not allowed (near column ${column}); ${GRAMMAR}; ${allowedText}`,
        column,
      );
    }
  }
}

/** mathjs nodes carry no positions, so the column is that of the first whole-word occurrence. */
function findWord(source: string, word: string): number {
  const at = source.search(
    new RegExp(`(?<![\\p{L}0-9_])${escapeRegExp(word)}(?![\\p{L}0-9_])`, 'u'),
  );
  return at >= 0 ? at + 1 : firstNonSpace(source);
}

function findCall(source: string, name: string): number {
  const at = source.search(new RegExp(`(?<![\\p{L}0-9_])${escapeRegExp(name)}\\s*\\(`, 'u'));
  return at >= 0 ? at + 1 : findWord(source, name);
}

function indexOrStart(source: string, what: string | RegExp): number {
  const at = typeof what === 'string' ? source.indexOf(what) : source.search(what);
  return at >= 0 ? at + 1 : firstNonSpace(source);
}

const firstNonSpace = (s: string): number => Math.max(1, s.search(/\S/) + 1);
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function describeNode(type: string): string {
  const names: Record<string, string> = {
    AssignmentNode: 'an assignment',
    FunctionAssignmentNode: 'a function definition',
    AccessorNode: 'property access',
    IndexNode: 'indexing',
    ArrayNode: 'a matrix',
    ObjectNode: 'an object',
    BlockNode: 'more than one expression',
    ConditionalNode: 'a conditional',
    RangeNode: 'a range',
    RelationalNode: 'a comparison',
  };
  return names[type] ?? `"${type}"`;
}

/** Plain text of an Expr (for messages and tests); fully parenthesised where precedence needs it. */
export function formatExpr(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'symbol':
      return e.name;
    case 'negate':
      return `-(${formatExpr(e.arg)})`;
    case 'binary':
      return `(${formatExpr(e.left)} ${e.op} ${formatExpr(e.right)})`;
  }
}
