import { beforeAll, describe, expect, it } from 'vitest';
import { loadExpressionParser } from '../../grader/answers/expression.js';
import {
  concreteQuestions,
  expandPattern,
  QuestionError,
  variantValues,
} from '../../grader/answers/questions.js';
import type { AnswersExercise } from '../../grader/spec/schema.js';

// The parser loads lazily (an answers exercise's prepare); these tests call it directly.
beforeAll(loadExpressionParser);

describe('expandPattern', () => {
  it('expands index ranges row by row, the last index fastest', () => {
    expect(expandPattern('X[1..n][1..n]', { n: 2 })).toEqual(['X11', 'X12', 'X21', 'X22']);
    expect(expandPattern('F[1..2][1..3]', {})).toEqual(['F11', 'F12', 'F13', 'F21', 'F22', 'F23']);
  });

  it('takes bounds that are expressions over variant values', () => {
    // n = 4, k = 3: rows 1..(4 − 3 + 1) = 1..2, columns 2..3
    expect(expandPattern('dX[1..n - k + 1][2..k]', { n: 4, k: 3 })).toEqual([
      'dX12',
      'dX13',
      'dX22',
      'dX23',
    ]);
    expect(expandPattern('O[1..m][1..m]', { n: 5, k: 3, m: 3 })).toEqual([
      'O11',
      'O12',
      'O13',
      'O21',
      'O22',
      'O23',
      'O31',
      'O32',
      'O33',
    ]);
    expect(expandPattern('w[ 1 .. 2*k ]', { k: 2 })).toEqual(['w1', 'w2', 'w3', 'w4']);
  });

  it('keeps text between and after ranges, and a plain name as itself', () => {
    expect(expandPattern('features', { n: 3 })).toEqual(['features']);
    expect(expandPattern('w[1..2]_b[1..2]', {})).toEqual(['w1_b1', 'w1_b2', 'w2_b1', 'w2_b2']);
    expect(expandPattern('dL_dF[1..1][1..2]', {})).toEqual(['dL_dF11', 'dL_dF12']);
  });

  it('gives nothing for an empty range', () => {
    expect(expandPattern('X[1..n]', { n: 0 })).toEqual([]);
  });

  it('reports bounds that are not integers or name unknown values as the author’s mistake', () => {
    expect(() => expandPattern('X[1..n/2]', { n: 3 })).toThrow(QuestionError); // 1.5
    expect(() => expandPattern('X[1..q]', { n: 3 })).toThrow(QuestionError);
    expect(() => expandPattern('X[1..5000]', {})).toThrow(/not a small integer range/);
  });
});

describe('variantValues', () => {
  it('adds derived values, each computed from the variant and the ones before it', () => {
    // One-value ranges pin the variant, so the expectation is plain arithmetic: m = 4 − 2 + 1 = 3, cells = 9.
    const spec = {
      id: 'a',
      variants: { n: { min: 4, max: 4 }, k: { choices: [2] } },
      derived: { m: 'n - k + 1', cells: 'm * m' },
    };
    expect(variantValues(spec, 'anyone')).toEqual({ n: 4, k: 2, m: 3, cells: 9 });
  });

  it('keeps derived values consistent with drawn ones for every student', () => {
    const spec = {
      id: 'conv-gradients',
      variants: { n: { min: 3, max: 5 }, k: { min: 2, max: 3 } },
      derived: { m: 'n - k + 1' },
    };
    for (let s = 0; s < 30; s++) {
      const v = variantValues(spec, `s${s}`);
      expect(v.m).toBe((v.n as number) - (v.k as number) + 1);
      expect(v.m as number).toBeGreaterThanOrEqual(1);
    }
  });

  it('works without variants, and rejects a derived value naming an unknown parameter', () => {
    expect(variantValues({ id: 'a', derived: { six: '2 * 3' } }, 'x')).toEqual({ six: 6 });
    expect(variantValues({ id: 'a' }, 'x')).toEqual({});
    expect(() => variantValues({ id: 'a', derived: { m: 'n + 1' } }, 'x')).toThrow(QuestionError);
  });
});

const exercise = (questions: AnswersExercise['questions']): AnswersExercise => ({
  id: 'q',
  kind: 'answers',
  file: 'answers.yaml',
  points: 1,
  questions,
});

describe('concreteQuestions', () => {
  const variant = { n: 3, k: 2, m: 2, side: 32 };

  it('renders texts over the variant and each question’s own id, and expands symbols', () => {
    const qs = concreteQuestions(
      exercise([
        {
          id: 'O[1..m][1..m]',
          type: 'expression',
          text: '{{id}} for a {{n}} × {{n}} input',
          symbols: ['X[1..n][1..n]', 'F[1..k][1..k]'],
        },
      ]),
      variant,
    );
    expect(qs.map((q) => [q.id, q.text])).toEqual([
      ['O11', 'O11 for a 3 × 3 input'],
      ['O12', 'O12 for a 3 × 3 input'],
      ['O21', 'O21 for a 3 × 3 input'],
      ['O22', 'O22 for a 3 × 3 input'],
    ]);
    expect(qs[0].symbols).toEqual([
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
    ]);
    expect(qs[0].answer).toBeUndefined();
  });

  it('evaluates number answers, renders expression answers as text, keeps tolerances and order', () => {
    const qs = concreteQuestions(
      exercise([
        {
          id: 'features',
          type: 'number',
          text: 'RGB {{side}} × {{side}}',
          answer: '{{side}} * {{side}} * 3',
          rtol: 0.01,
        },
        { id: 'fixed', type: 'number', text: 'a constant', answer: 7, atol: 0.5 },
        {
          id: 'O11',
          type: 'expression',
          text: 'O11',
          symbols: ['X[1..n][1..n]'],
          answer: 'X11 * {{k}}',
        },
      ]),
      variant,
    );
    // 32 · 32 · 3 = 3072
    expect(qs).toEqual([
      {
        id: 'features',
        type: 'number',
        text: 'RGB 32 × 32',
        symbols: [],
        answer: 3072,
        rtol: 0.01,
      },
      { id: 'fixed', type: 'number', text: 'a constant', symbols: [], answer: 7, atol: 0.5 },
      {
        id: 'O11',
        type: 'expression',
        text: 'O11',
        symbols: ['X11', 'X12', 'X13', 'X21', 'X22', 'X23', 'X31', 'X32', 'X33'],
        answer: 'X11 * 2',
      },
    ]);
  });

  it('does not escape HTML in texts and refuses a template naming an unknown value', () => {
    expect(
      concreteQuestions(
        exercise([{ id: 'a', type: 'number', text: 'n < {{n}} & "m"', answer: 1 }]),
        variant,
      )[0].text,
    ).toBe('n < 3 & "m"');
    expect(() =>
      concreteQuestions(
        exercise([{ id: 'a', type: 'number', text: '{{nope}}', answer: 1 }]),
        variant,
      ),
    ).toThrow();
  });
});
