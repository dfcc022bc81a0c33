import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../grader/spec/errors.js';
import { validateSpecs } from '../../grader/cli/validate.js';
import { locate, makeProject } from '../helpers/project.js';

// A small valid spec; each test breaks one thing and checks the message's place and words.
const BASE = `# yaml-language-server: $schema=../../schemas/assignment.schema.json
id: mini
title: Mini
description: Doubles numbers.
files: [mini.ts]
exercises:
  - id: double
    kind: function
    file: mini.ts
    export: double
    signature: "(x: number) => number"
    points: 2
    judge: { name: exact }
    groups:
      - name: shown
        visibility: visible
        cases:
          - args: [2]
      - name: secret
        visibility: hidden
        count: 3
        let:
          n: { gen: int, min: 1, max: 9 }
        args: [n]
`;
const SOLUTION = 'export function double(x: number): number { return 2 * x; }\n';

async function problemsFor(yaml: string, solution = SOLUTION, extra: Record<string, string> = {}) {
  const root = makeProject({
    'assignments/mini/assignment.yaml': yaml,
    'solutions/mini/mini.ts': solution,
    ...extra,
  });
  return validateSpecs(root, ['mini']);
}

/**
 * Breaks BASE by replacing `from` with `to`, and expects one problem at the position of `at`
 * (default `to`); with `skip`, that many characters further along the line.
 */
async function expectProblem(from: string, to: string, words: RegExp, at?: string, skip = 0) {
  expect(BASE).toContain(from);
  const yaml = BASE.replace(from, to);
  const problems = await problemsFor(yaml);
  expect(problems.length, JSON.stringify(problems)).toBeGreaterThan(0);
  const found = locate(yaml, at ?? to);
  const where = { line: found.line, column: found.column + skip };
  const match = problems.find(
    (p) =>
      p.line === where.line && p.column === where.column && words.test(p.message + ' ' + p.fix),
  );
  expect(
    match,
    `wanted ${words} at ${where.line}:${where.column}, got:\n${problems.map(formatProblem).join('\n')}`,
  ).toBeDefined();
  expect(formatProblem(match!)).toMatch(/^assignments\/mini\/assignment\.yaml:\d+:\d+: .+ \(.+\)$/);
}

describe('grade validate: spec problems name file, line and column', () => {
  it('accepts the valid base spec', async () => {
    expect(await problemsFor(BASE)).toEqual([]);
  });
  it('1. YAML syntax error', () =>
    expectProblem('title: Mini', 'title: Mini: More', /YAML syntax/i, 'Mini: More'));
  it('2. unknown top-level property', () =>
    expectProblem('title: Mini', 'title: Mini\ntitel: typo', /unknown property "titel"/, 'titel'));
  it('3. missing required property', () =>
    expectProblem('title: Mini\n', '', /missing "title"/, 'id: mini'));
  it('4. wrong type for points', () =>
    expectProblem('points: 2', 'points: two', /points must be a number/, 'two'));
  it('5. points not positive', () => expectProblem('points: 2', 'points: -1', /must be > 0/, '-1'));
  it('6. id of the wrong form', () =>
    expectProblem('  - id: double', '  - id: 2double', /wrong form/, '2double'));
  it('7. visibility not visible/hidden', () =>
    expectProblem(
      'visibility: hidden',
      'visibility: secret',
      /must be one of "visible", "hidden"/,
      'visibility: secret',
      'visibility: '.length,
    ));
  it('8. generated group missing args (picks the closest branch)', () =>
    expectProblem('        args: [n]\n', '', /missing "args"/, 'name: secret'));
  it('9. empty files list', () =>
    expectProblem('files: [mini.ts]', 'files: []', /at least 1/, '[]'));
  it('10. unknown exercise kind', () =>
    expectProblem('kind: function', 'kind: essay', /kind must be/, 'essay'));
  it('11. unknown judge', () =>
    expectProblem(
      'judge: { name: exact }',
      'judge: { name: fuzzy }',
      /unknown judge "fuzzy"/,
      'fuzzy',
    ));
  it('12. unknown judge option', () =>
    expectProblem(
      'judge: { name: exact }',
      'judge: { name: allclose, tolerance: 1 }',
      /unknown option "tolerance"/,
      'tolerance',
    ));
  it('13. unknown generator', () =>
    expectProblem('gen: int', 'gen: integer', /unknown generator "integer"/, 'integer'));
  it('14. unbound let name in args', () =>
    expectProblem('args: [n]', 'args: [m]', /"m" is not bound/, 'm]'));
  it('15. reference lacks the export', () =>
    expectProblem(
      'export: double',
      'export: triple',
      /does not export a function "triple"/,
      'triple',
    ));
  it('16. missing fixture', () =>
    expectProblem(
      'args: [2]',
      'args: [{ $fixture: nope.json }]',
      /fixture "nope.json" not found/,
      'nope.json',
    ));
  it('17. duplicate group name', () =>
    expectProblem(
      'name: secret',
      'name: shown',
      /used twice/,
      'shown\n        visibility: hidden',
    ));
  it('18. generator parameter that is not a number', () =>
    expectProblem('max: 9', 'max: k', /generating a case failed.*"max"/, 'name: secret'));

  it('reports a missing reference file at files:', async () => {
    const root = makeProject({ 'assignments/mini/assignment.yaml': BASE });
    const problems = await validateSpecs(root, ['mini']);
    expect(problems.map((p) => p.message).join()).toMatch(
      /reference solution file solutions\/mini\/mini.ts is missing/,
    );
    expect(problems[0].line).toBe(locate(BASE, '[mini.ts]').line);
  });

  it('an unknown assignment id is a problem, not a crash', async () => {
    const problems = await validateSpecs(makeProject({}), ['ghost']);
    expect(problems[0].message).toMatch(/no assignment "ghost"/);
  });
});
