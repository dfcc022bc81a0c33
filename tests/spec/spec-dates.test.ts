import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MINI_SPEC, MINI_SUBMISSIONS } from '../helpers/mini.js';
import { locate, makeProject, REPO } from '../helpers/project.js';

const run = promisify(execFile);

async function validate(extra: string): Promise<{ code: number; stdout: string; spec: string }> {
  const spec = MINI_SPEC + extra;
  const root = makeProject({
    'assignments/mini/assignment.yaml': spec,
    'solutions/mini/mini.ts': MINI_SUBMISSIONS.correct,
    'package.json': '{ "type": "module" }\n',
  });
  try {
    const { stdout } = await run(process.execPath, [
      join(REPO, 'bin', 'grade.js'),
      '--root',
      root,
      'validate',
    ]);
    return { code: 0, stdout, spec };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, stdout: err.stdout, spec };
  }
}

describe('due and late in the spec', () => {
  it('accepts a due date with offset and a late policy', async () => {
    expect(
      (
        await validate(
          'due: "2026-03-01T23:59:00-05:00"\nlate: { grace_minutes: 5, per_day: 0.1, max_days: 3 }\n',
        )
      ).code,
    ).toBe(0);
  }, 30_000);

  it('refuses late: without due, a due date without offset, and per_day above 1, at their line', async () => {
    const noDue = await validate('late: { per_day: 0.1 }\n');
    expect(noDue.code).toBe(1);
    const at = locate(noDue.spec, 'late:');
    expect(noDue.stdout).toContain(
      `assignments/mini/assignment.yaml:${at.line}:${at.column}: late: needs a due date`,
    );
    const local = await validate('due: "2026-03-01T23:59:00"\n');
    expect(local.code).toBe(1);
    expect(local.stdout).toContain(`:${locate(local.spec, '"2026').line}:`);
    expect((await validate('due: "2026-03-01T23:59:00Z"\nlate: { per_day: 1.5 }\n')).code).toBe(1);
  }, 60_000);
});
