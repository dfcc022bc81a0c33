import { Ajv } from 'ajv';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { toGradescopeResults } from '../../grader/report/gradescope.js';
import { Report } from '../../grader/report/schema.js';
import { SECRET, report, test } from './fixtures.js';

// Written from Gradescope's "Autograder Specifications" page
// (gradescope-autograders.readthedocs.io/en/latest/specs/, "Output format", "Controlling Test Case
// Visibility", "Test case status", "Output String Formatting"), not from our code.
const VISIBILITY = ['hidden', 'after_due_date', 'after_published', 'visible'];
const FORMAT = ['text', 'simple_format', 'html', 'md', 'ansi'];
const DOCUMENTED_TEST = {
  type: 'object',
  additionalProperties: false,
  properties: {
    score: { type: 'number' },
    max_score: { type: 'number' },
    status: { enum: ['passed', 'failed'] },
    name: { type: 'string' },
    name_format: { enum: FORMAT },
    number: { type: 'string' },
    output: { type: 'string' },
    output_format: { enum: FORMAT },
    tags: { type: 'array', items: { type: 'string' } },
    visibility: { enum: VISIBILITY },
    extra_data: { type: 'object' },
  },
};
const DOCUMENTED_RESULTS = {
  type: 'object',
  additionalProperties: false,
  // "score": optional, but required if not on each test case; we always give it.
  required: ['score', 'tests'],
  properties: {
    score: { type: 'number' },
    execution_time: { type: 'number' },
    output: { type: 'string' },
    output_format: { enum: FORMAT },
    test_output_format: { enum: FORMAT },
    test_name_format: { enum: FORMAT },
    visibility: { enum: VISIBILITY },
    stdout_visibility: { enum: VISIBILITY },
    extra_data: { type: 'object' },
    tests: { type: 'array', items: DOCUMENTED_TEST },
    leaderboard: { type: 'array' },
  },
};

const sample = report(
  'alice',
  [
    test({ name: 'shape of output', status: 'passed' }),
    test({
      name: 'X-detector map',
      status: 'failed',
      score: 0.5,
      output: 'wrong value at [1, 1]: got 0.9',
    }),
    test({
      name: 'seeded case 3',
      status: 'timeout',
      group: 'hidden',
      visibility: 'hidden',
      output: 'time limit exceeded',
      ta_output: `inputs: ${SECRET}`,
    }),
    test({
      name: 'seeded case 4',
      status: 'passed',
      group: 'hidden',
      visibility: 'hidden',
      ta_output: `inputs: ${SECRET}`,
    }),
  ],
  { timing: { total_ms: 1500, tests_ms: {} } },
);

describe('toGradescopeResults', () => {
  it('builds a report that our own schema accepts (fixture sanity)', () => {
    expect(Value.Check(Report, sample)).toBe(true);
  });

  it('uses only documented fields and values', () => {
    const validate = new Ajv({ strict: false }).compile(DOCUMENTED_RESULTS);
    const out = toGradescopeResults(sample);
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
  });

  it('carries the scores: 1 + 0.5 + 0 + 1 = 2.5 of 4', () => {
    const out = toGradescopeResults(sample);
    expect(out.score).toBe(2.5);
    expect(out.tests.map((t) => [t.score, t.max_score])).toEqual([
      [1, 1],
      [0.5, 1],
      [0, 1],
      [1, 1],
    ]);
    expect(out.execution_time).toBe(1.5); // 1500 ms; the spec counts seconds
  });

  it('maps every status other than passed to failed', () => {
    expect(toGradescopeResults(sample).tests.map((t) => t.status)).toEqual([
      'passed',
      'failed',
      'failed',
      'passed',
    ]);
  });

  it('never leaks ta_output of hidden tests and shows them once grades are published by default', () => {
    const out = toGradescopeResults(sample);
    expect(JSON.stringify(out)).not.toContain(SECRET);
    expect(out.tests[2]!.output).toContain('time limit exceeded');
    expect(out.tests.map((t) => t.visibility)).toEqual([
      'visible',
      'visible',
      'after_published',
      'after_published',
    ]);
    const shown = toGradescopeResults(sample, { hiddenTestVisibility: 'visible' });
    expect(shown.tests.every((t) => t.visibility === 'visible')).toBe(true);
  });

  it('writes markdown in which student output stays text: fenced longer than any backtick run in it', () => {
    const evil = report('mallory', [
      test({
        name: 'x',
        status: 'failed',
        output: 'got ```` <img src=x onerror=alert(1)> **bold**',
      }),
    ]);
    const out = toGradescopeResults(evil);
    expect(out.output_format).toBe('md');
    expect(out.tests[0]!.output_format).toBe('md');
    expect(out.tests[0]!.name_format).toBe('text');
    // Five backticks: one more than the longest run (4) in the student's text, so it cannot close the fence.
    expect(out.tests[0]!.output).toBe(
      '`````text\ngot ```` <img src=x onerror=alert(1)> **bold**\n`````',
    );
    expect(out.stdout_visibility).toBe('hidden');
  });

  it('numbers tests exercise.test in spec order', () => {
    const two = report('bob', [
      test({ name: 'a', status: 'passed' }),
      test({ name: 'b', status: 'passed' }),
      test({ name: 'c', status: 'passed', exercise: 'pool' }),
      test({ name: 'd', status: 'passed' }),
    ]);
    expect(toGradescopeResults(two).tests.map((t) => t.number)).toEqual([
      '1.1',
      '1.2',
      '2.1',
      '1.3',
    ]);
  });

  it('rounds test scores so they add up to the total exactly: 4 points over 7 cases', () => {
    const share = 4 / 7;
    const seven = report(
      'carol',
      Array.from({ length: 7 }, (_, i) =>
        test({ name: `c${i}`, status: 'passed', score: share, max_score: share }),
      ),
      { score: 4, max_score: 4 },
    );
    const out = toGradescopeResults(seven);
    const cents = (xs: number[]) => xs.reduce((s, x) => s + Math.round(x * 1e6), 0);
    expect(cents(out.tests.map((t) => t.score))).toBe(4_000_000);
    expect(cents(out.tests.map((t) => t.max_score))).toBe(4_000_000);
    // Each within one unit of the sixth decimal of 4/7 = 0.571428571…
    for (const t of out.tests) expect(Math.abs(t.score - 0.571428571)).toBeLessThan(1.1e-6);
    expect(out.score).toBe(4);
  });

  it('omits execution_time when the report has no timing', () => {
    const { timing: _omit, ...untimed } = sample;
    expect('execution_time' in toGradescopeResults(untimed)).toBe(false);
  });
});
