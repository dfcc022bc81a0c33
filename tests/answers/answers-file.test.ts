import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseAnswersText,
  readAnswersFile,
  writeAnswersTemplate,
} from '../../grader/answers/answers-file.js';

const dir = mkdtempSync(join(tmpdir(), 'answers-file-'));
function fileWith(text: string): string {
  const path = join(dir, `answers-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, text);
  return path;
}

function errorOf(text: string) {
  const r = readAnswersFile(fileWith(text));
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('readAnswersFile', () => {
  it('reads numbers, expressions and matrices with their positions', () => {
    const text = [
      'student: alice',
      'answers:',
      '  O11: F11·X11 + F12·X12 + F21·X21 + F22·X22',
      '  params: 320',
      '  dF: [[X11, 2], [3, "X22"]]',
      '  blank:',
      '',
    ].join('\n');
    const r = readAnswersFile(fileWith(text));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.student).toBe('alice');
    expect(r.answers.get('O11')).toEqual({
      value: 'F11·X11 + F12·X12 + F21·X21 + F22·X22',
      line: 3,
      column: 8,
    });
    expect(r.answers.get('params')).toEqual({ value: 320, line: 4, column: 11 });
    expect(r.answers.get('dF')?.value).toEqual([
      ['X11', 2],
      [3, 'X22'],
    ]);
    expect(r.answers.has('blank')).toBe(false);
  });

  it('reports malformed YAML with line and column', () => {
    const e = errorOf('student: alice\nanswers:\n  O11: [1, 2\n');
    expect(e.message).toMatch(/YAML syntax error/);
    expect(e.line).toBeGreaterThanOrEqual(3);
    expect(e.column).toBeGreaterThanOrEqual(1);
    expect(e.file).toMatch(/\.yaml$/);
  });

  it('reports a duplicate question at its line', () => {
    const e = errorOf('answers:\n  O11: X11\n  O11: X12\n');
    expect(e.line).toBe(3);
    expect(e.column).toBe(3);
  });

  it('reports an empty file (or only comments) as a typed error', () => {
    for (const text of ['', '# nothing yet\n']) {
      const e = errorOf(text);
      expect(e).toMatchObject({ line: 1, column: 1 });
      expect(e.message).toMatch(/empty/);
    }
  });

  it('rejects a top level that is not a mapping', () => {
    const e = errorOf('- O11: X11\n- O12: X12\n');
    expect(e.message).toMatch(/top level must be a mapping/);
    expect(e).toMatchObject({ line: 1, column: 1 });
    expect(errorOf('just some text\n').message).toMatch(/top level/);
  });

  it('rejects answers that is not a mapping, and an object as an answer', () => {
    const e = errorOf('student: bob\nanswers: [1, 2]\n');
    expect(e).toMatchObject({ line: 2, column: 10 });
    expect(e.message).toMatch(/"answers" must be a mapping/);
    const e2 = errorOf('answers:\n  O11:\n    a: 1\n');
    expect(e2.line).toBe(3);
    expect(e2.message).toMatch(/O11 is a mapping/);
    const e3 = errorOf('answers:\n  O11: [1, 2]\n');
    expect(e3.message).toMatch(/list of rows/);
    const e4 = errorOf('answers:\n  O11: true\n');
    expect(e4.message).toMatch(/true/);
  });

  it('rejects unknown top-level keys with a hint', () => {
    const e = errorOf('answer:\n  O11: X11\n');
    expect(e.message).toMatch(/did you mean "answers"/);
  });

  it('reports a missing file without throwing', () => {
    const r = readAnswersFile(join(dir, 'nope.yaml'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/does not exist/);
  });
});

describe('writeAnswersTemplate', () => {
  const questions = [
    { id: 'O11', text: 'Write O11 in terms of X and F.\nUse · or * for products.' },
    { id: 'params', text: 'How many parameters does the first layer have?' },
    { id: 'yes', text: 'A key YAML would read as a boolean.' },
  ];

  it('round-trips to empty answers with the student id', () => {
    const text = writeAnswersTemplate(questions, 'student: "tricky" #1');
    const r = parseAnswersText(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.student).toBe('student: "tricky" #1');
    expect(r.answers.size).toBe(0);
    expect(text).toContain('# Write O11 in terms of X and F.');
    expect(text).toContain('# Use · or * for products.');
  });

  it('reads back answers filled in after the colons', () => {
    const filled = writeAnswersTemplate(questions, 'alice')
      .replace(/^ {2}O11:$/m, '  O11: F11·X11 + F12·X12')
      .replace(/^ {2}params:$/m, '  params: 320')
      .replace(/^ {2}"yes":$/m, '  "yes": 1');
    const r = parseAnswersText(filled);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.answers.get('O11')?.value).toBe('F11·X11 + F12·X12');
    expect(r.answers.get('params')?.value).toBe(320);
    expect(r.answers.get('yes')?.value).toBe(1);
  });
});
