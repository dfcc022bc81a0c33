import { describe, expect, it } from 'vitest';
import { toFeedbackMarkdown } from '../../grader/report/feedback.js';
import { SECRET, report, test } from './fixtures.js';

const sample = report('alice', [
  test({ name: 'shape', status: 'passed' }),
  test({
    name: 'feature map | diagonal',
    status: 'failed',
    score: 0.25,
    output: 'wrong value at [1, 1]\n```\nnot the end of the block',
  }),
  test({
    name: 'seeded case 7',
    status: 'timeout',
    visibility: 'hidden',
    group: 'hidden',
    output: 'time limit exceeded',
    ta_output: SECRET,
  }),
]);

describe('toFeedbackMarkdown', () => {
  const md = toFeedbackMarkdown(sample);

  it('shows the score: 1 + 0.25 + 0 = 1.25 of 3', () => {
    expect(md).toContain('**Score: 1.25 / 3** (1 of 3 tests passed)');
  });

  it('has one table row per test, with pipes in names escaped', () => {
    const tableRows = md
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| Exercise') && !l.startsWith('| ---'));
    expect(tableRows).toHaveLength(3);
    expect(tableRows[1]).toContain('feature map \\| diagonal');
    // Escaped pipes do not split cells: 4 columns → 5 unescaped "|".
    expect(tableRows[1]!.match(/(?<!\\)\|/g)).toHaveLength(5);
  });

  it('prints the student-facing output of failed tests in a fence longer than any backticks inside', () => {
    expect(md).toContain('````text\nwrong value at [1, 1]\n```\nnot the end of the block\n````');
    expect(md).toContain('time limit exceeded');
  });

  it('never includes ta_output', () => {
    expect(md).not.toContain(SECRET);
  });
});
