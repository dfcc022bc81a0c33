import { beforeAll, describe, expect, it } from 'vitest';
import { loadExpressionParser } from '../../grader/answers/expression.js';
import { judgeAnswer, type AnswerQuestion } from '../../grader/answers/judge-answer.js';

// The parser loads lazily (an answers exercise's prepare); these tests call it directly.
beforeAll(loadExpressionParser);

const SYMBOLS = [
  'X11',
  'X12',
  'X13',
  'X21',
  'X22',
  'X23',
  'X31',
  'X32',
  'X33',
  'F11',
  'F12',
  'F21',
  'F22',
];
const expressionQ: AnswerQuestion = { id: 'O11', type: 'expression', symbols: SYMBOLS };
// The lecture's O11 (section 6).
const O11 = 'F11·X11 + F12·X12 + F21·X21 + F22·X22';

describe('judgeAnswer', () => {
  it('fails a missing answer with a clear message', () => {
    expect(judgeAnswer(expressionQ, O11, undefined, 's')).toEqual({
      passed: false,
      message: 'no answer for O11 in answers.yaml',
    });
  });

  it('judges numbers with tolerance, also written as exact fractions', () => {
    const q: AnswerQuestion = { id: 'features', type: 'number' };
    // The lecture: 128 · 128 · 3 = 49,152 input features.
    expect(judgeAnswer(q, 49152, 49152, 's').passed).toBe(true);
    expect(judgeAnswer(q, 49152, '128*128*3', 's').passed).toBe(true);
    expect(judgeAnswer(q, 49152, 49151, 's').passed).toBe(false);
    const mean: AnswerQuestion = { id: 'mean', type: 'number', atol: 0.005 };
    // The lecture's 0.77 is 7/9 = 0.777…
    expect(judgeAnswer(mean, 7 / 9, 0.78, 's').passed).toBe(true);
    expect(judgeAnswer(mean, 7 / 9, 0.77, 's').passed).toBe(false);
    expect(judgeAnswer({ id: 'mean', type: 'number' }, 7 / 9, '7/9', 's').passed).toBe(true);
    const bad = judgeAnswer(q, 49152, '49,152', 's');
    expect(bad.passed).toBe(false);
    expect(bad.message).toMatch(/column 3/);
  });

  it('does not reveal the expected number', () => {
    const r = judgeAnswer({ id: 'p', type: 'number' }, 18496, 18000, 's');
    expect(r.passed).toBe(false);
    expect(r.message).not.toContain('18496');
  });

  it('judges expressions by equivalence and names the line', () => {
    const entry = { value: 'X22 F22 + X21 F21 + X12 F12 + X11 F11', line: 4, column: 8 };
    expect(judgeAnswer(expressionQ, O11, entry, 's')).toEqual({
      passed: true,
      message: 'O11 (answers.yaml line 4): correct',
    });
    expect(judgeAnswer(expressionQ, O11, 'F11*X11 + F12*X12 + F21*X21', 's').passed).toBe(false);
  });

  it('reports parse errors with column and allowed symbols', () => {
    const r = judgeAnswer(expressionQ, O11, 'F11*X11 + F12*X14', 's');
    expect(r.passed).toBe(false);
    expect(r.message).toContain('column 15');
    expect(r.message).toContain('X11…X33, F11…F22');
    const syntax = judgeAnswer(expressionQ, O11, 'F11*X11 +', 's');
    expect(syntax.message).toMatch(/column \d+/);
    expect(syntax.message).toContain('allowed: X11…X33, F11…F22');
  });

  it('judges matrices: shape first, then each cell named 1-based', () => {
    const q: AnswerQuestion = { id: 'dF', type: 'matrix', symbols: ['X11', 'X12', 'X21', 'X22'] };
    const reference = [
      ['X11', 'X12'],
      ['X21 + X22', 2],
    ];
    expect(
      judgeAnswer(
        q,
        reference,
        [
          ['X11', 'X12'],
          ['X22 + X21', 2],
        ],
        's',
      ).passed,
    ).toBe(true);
    const shape = judgeAnswer(q, reference, [['X11', 'X12']], 's');
    expect(shape.message).toMatch(/1 × 2, expected 2 × 2/);
    const cell = judgeAnswer(
      q,
      reference,
      [
        ['X11', 'X12'],
        ['X21 + X22', 3],
      ],
      's',
    );
    expect(cell.passed).toBe(false);
    expect(cell.message).toContain('[2][2]');
    expect(cell.message).not.toContain('[1][1]');
    const parse = judgeAnswer(
      q,
      reference,
      [
        ['X11', 'Y1'],
        ['X21 + X22', 2],
      ],
      's',
    );
    expect(parse.message).toMatch(/cell \[1\]\[2\].*unknown symbol "Y1"/);
    expect(judgeAnswer(q, reference, 'X11', 's').message).toMatch(/list of rows/);
  });

  it('rejects a matrix where one value is expected', () => {
    expect(judgeAnswer(expressionQ, O11, [['F11']], 's').passed).toBe(false);
  });
});
