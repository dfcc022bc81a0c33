import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAssignment, DEFAULT_CHECK } from '../../grader/authoring/check.js';
import { camelCase, scaffoldAssignment } from '../../grader/authoring/scaffold.js';
import { validateSpecs } from '../../grader/cli/validate.js';
import { REPO } from '../helpers/project.js';
import { makeFolder } from './helpers.js';

/** An empty project: ES modules, like the repo. */
const project = (): string => makeFolder({ 'package.json': '{ "type": "module" }' });

describe('grade new', () => {
  it('names the example export after the id', () => {
    expect(camelCase('pool-basics')).toBe('poolBasics');
    expect(camelCase('lenet5')).toBe('lenet5');
  });

  it('scaffolds a spec with the editor schema line and a working example, which validates and passes check at once', async () => {
    const root = project();
    const made = await scaffoldAssignment(root, 'pool-basics');
    expect(made).toEqual({
      ok: true,
      files: ['assignments/pool-basics/assignment.yaml', 'solutions/pool-basics/pool_basics.ts'],
    });
    const yaml = readFileSync(join(root, 'assignments/pool-basics/assignment.yaml'), 'utf8');
    // The schema line points at the grader's own schema file, wherever the project is.
    const schemaLine = yaml.split('\n')[0];
    expect(schemaLine).toMatch(/^# yaml-language-server: \$schema=/);
    const schemaFile = join(
      root,
      'assignments/pool-basics',
      schemaLine.replace(/^.*\$schema=/, ''),
    );
    expect(readFileSync(schemaFile, 'utf8')).toBe(
      readFileSync(join(REPO, 'schemas/assignment.schema.json'), 'utf8'),
    );
    expect(yaml).toMatch(/visibility: visible/);
    expect(yaml).toMatch(/visibility: hidden/);

    expect(await validateSpecs(root, ['pool-basics'])).toEqual([]);

    // The example (it adds two numbers) passes every check: the stubs type-check and earn nothing.
    const fixed = await checkAssignment(root, 'pool-basics');
    expect(fixed.filter((i) => !i.ok)).toEqual([]);
    expect(fixed.map((i) => i.name)).toEqual([
      'reference',
      'stubs',
      'repeatable',
      'timing',
      'release',
    ]);

    // A reference that does not work yet: check says what to fill in.
    const written = project();
    cpSync(root, written, { recursive: true });
    const file = join(written, 'solutions/pool-basics/pool_basics.ts');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'return a + b;',
        "throw new Error('TODO: write the reference');",
      ),
    );
    const items = await checkAssignment(written, 'pool-basics');
    const reference = items.find((i) => i.name === 'reference');
    expect(reference?.ok).toBe(false);
    expect(reference?.message).toContain('fill in solutions/pool-basics/pool_basics.ts');
    expect(reference?.message).toContain('TODO: write the reference');

    // The timing check can fail: no case takes 0% of its limit.
    const strict = await checkAssignment(root, 'pool-basics', { ...DEFAULT_CHECK, timeShare: 0 });
    expect(strict.find((i) => i.name === 'timing')?.message).toMatch(
      /over 0% of the limit \(make the case smaller or raise timeout_ms/,
    );
  });

  it('refuses an existing assignment and an invalid id, saying what to do', async () => {
    const root = project();
    expect((await scaffoldAssignment(root, 'twice')).ok).toBe(true);
    expect(await scaffoldAssignment(root, 'twice')).toEqual({
      ok: false,
      message:
        'assignments/twice already exists (choose another id, or edit the existing assignment)',
    });
    const bad = await scaffoldAssignment(root, 'Bad_Id');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('lower-case letters, digits and dashes');
  });
});

describe('grade check', () => {
  it('passes feature-map on every check', async () => {
    const items = await checkAssignment(REPO, 'feature-map');
    expect(items.filter((i) => !i.ok)).toEqual([]);
  });

  it('fails a reference that depends on chance: not full marks, and not repeatable', async () => {
    const root = project();
    await scaffoldAssignment(root, 'twice');
    const file = join(root, 'solutions/twice/twice.ts');
    // The expected value (computed in the grader) and the graded value (computed in the sandbox)
    // come from two different calls, so they differ, and so do two gradings' messages.
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('return a + b;', 'return a + b + Math.random();'),
    );
    const items = await checkAssignment(root, 'twice');
    expect(items.find((i) => i.name === 'reference')?.ok).toBe(false);
    expect(items.find((i) => i.name === 'repeatable')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Math.random'),
    });
  });
});
