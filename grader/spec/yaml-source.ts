import {
  LineCounter,
  parseDocument,
  isNode,
  isPair,
  isScalar,
  type Document,
  type Node,
} from 'yaml';
import type { SpecProblem } from './errors.js';

/** A parsed YAML file that can still say where each value came from. */
export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  value: unknown;
}

export type ParseResult = { ok: true; source: YamlSource } | { ok: false; problems: SpecProblem[] };

export function parseYaml(file: string, text: string): ParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return {
          file,
          line: pos.line,
          column: pos.col,
          message: `YAML syntax error: ${firstLine(e.message)}`,
          fix: 'fix the YAML syntax here',
        };
      }),
    };
  }
  return { ok: true, source: { file, doc, lines, value: doc.toJS({ maxAliasCount: 100 }) } };
}

const firstLine = (s: string): string =>
  s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');

/**
 * Line and column of the value at `path` (or of its key, when `key` is set). Falls back to the
 * nearest ancestor that exists, so a missing property points at the object that lacks it.
 */
export function positionOf(
  source: YamlSource,
  path: readonly (string | number)[],
  key = false,
): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    const node =
      key && n === path.length && n > 0 ? keyNode(source, sub) : source.doc.getIn(sub, true);
    if (isNode(node) && node.range) {
      const pos = source.lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

function keyNode(source: YamlSource, path: readonly (string | number)[]): Node | undefined {
  const parent = source.doc.getIn(path.slice(0, -1), true) as { items?: unknown[] } | undefined;
  const last = path[path.length - 1];
  for (const item of parent?.items ?? []) {
    if (isPair(item) && isScalar(item.key) && item.key.value === last) return item.key;
  }
  return undefined;
}

/** JSON pointer (ajv's instancePath) to path segments. */
export function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
