import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINI_SPEC } from '../helpers/mini.js';
import { locate, makeProject, makeSubmission, REPO } from '../helpers/project.js';

// The hidden group draws from a course generator that throws for every case.
const SPEC = MINI_SPEC.replace('args: [{ gen: int, min: -50, max: 50 }]', 'args: [{ gen: shaky }]');
const GENERATORS = `import { GeneratorError, type Generator } from 'seedgrade';
export const shaky: Generator = () => { throw new GeneratorError('no value for this student'); };
`;

describe('a generator that throws while grading', () => {
  it('is one message naming the generator and its place in the spec, never an internal error', () => {
    const root = makeProject({
      'assignments/mini/assignment.yaml': SPEC,
      'assignments/mini/generators.ts': GENERATORS,
      'solutions/mini/mini.ts': 'export const double = (x: number): number => x * 2;\n',
    });
    const submission = makeSubmission(
      'mini.ts',
      'export const double = (x: number): number => x * 2;\n',
    );
    const r = spawnSync(
      process.execPath,
      [
        join(REPO, 'bin/grade.js'),
        '--root',
        root,
        'run',
        'mini',
        '--submission',
        submission,
        '--secret',
        's',
      ],
      { encoding: 'utf8' },
    );
    const at = locate(SPEC, '{ gen: shaky }');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      `grade: assignments/mini/assignment.yaml:${at.line}:${at.column}: generator "shaky" threw while drawing case 1 of group secret: no value for this student ` +
        "(fix the generator (assignments/mini/generators.ts or a built-in's parameters) so that it draws for every student)",
    );
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
