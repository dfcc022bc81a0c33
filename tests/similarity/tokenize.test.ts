import { beforeAll, describe, expect, it } from 'vitest';
import { loadTokenizer, tokenize } from '../../grader/similarity/tokenize.js';

beforeAll(loadTokenizer);

describe('tokenize', () => {
  it('keeps keywords and operators, turns names and constants into their kind, drops comments', () => {
    const t = tokenize(
      'a.ts',
      'let total: number = 0; // running sum\nfor (const x of xs) total += x * 2.5;',
    );
    if (!t.ok) throw new Error(t.problem.message);
    // Written out by hand from the source above.
    expect(t.value.tokens).toEqual([
      'let',
      'I',
      ':',
      'number',
      '=',
      'N',
      ';',
      'for',
      '(',
      'const',
      'I',
      'of',
      'I',
      ')',
      'I',
      '+=',
      'I',
      '*',
      'N',
      ';',
    ]);
    // `for` is the first token of the second line: row 1, column 0, three characters long.
    expect(t.value.regions[7]).toEqual({ startRow: 1, startCol: 0, endRow: 1, endCol: 3 });
  });

  it('gives renamed code the same tokens', () => {
    const a = tokenize('a.ts', 'function area(w: number, h: number) { return w * h; }');
    const b = tokenize(
      'b.ts',
      'function surface(width: number, height: number) {\n  /* product */ return width * height;\n}',
    );
    if (!a.ok || !b.ok) throw new Error('parse');
    expect(b.value.tokens).toEqual(a.value.tokens);
  });

  it('tells + from - and < from >= (babel groups them in one token type)', () => {
    const plus = tokenize('a.ts', 'a + b < c');
    const minus = tokenize('a.ts', 'a - b >= c');
    if (!plus.ok || !minus.ok) throw new Error('parse');
    expect(plus.value.tokens).toEqual(['I', '+', 'I', '<', 'I']);
    expect(minus.value.tokens).toEqual(['I', '-', 'I', '>=', 'I']);
  });

  it('offsets rows and names the file, line and column of a syntax error', () => {
    const t = tokenize('b.ts', 'x;', 5);
    expect(t.ok && t.value.regions[0]!.startRow).toBe(5);
    const bad = tokenize('b.ts', 'let a = ;\n}}');
    expect(bad.ok).toBe(false);
    expect(bad.problem?.message).toMatch(/^b\.ts:1:9: syntax error: Unexpected token/);
  });
});
