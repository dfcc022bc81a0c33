import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAssignment, DEFAULT_CHECK } from '../../grader/authoring/check.js';
import { camelCase, scaffoldAssignment } from '../../grader/authoring/scaffold.js';
import { validateSpecs } from '../../grader/cli/validate.js';
import { makeFolder } from './helpers.js';

/** An empty project: ES modules, like the repo. */
const project = (): string => makeFolder({ 'package.json': '{ "type": "module" }' });

describe('grade new', () => {
  it('names the example export after the id', () => {
    expect(camelCase('pool-basics')).toBe('poolBasics');
    expect(camelCase('lenet5')).toBe('lenet5');
  });

  it('scaffolds a spec with the editor schema line, which validates at once; check then says what to fill in', async () => {
    const root = project();
    const made = await scaffoldAssignment(root, 'pool-basics');
    expect(made).toEqual({ ok: true, files: ['assignments/pool-basics/assignment.yaml', 'solutions/pool-basics/pool_basics.ts'] });
    const yaml = readFileSync(join(root, 'assignments/pool-basics/assignment.yaml'), 'utf8');
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/assignment.schema.json');
    expect(yaml).toMatch(/visibility: visible/);
    expect(yaml).toMatch(/visibility: hidden/);

    expect(await validateSpecs(root, ['pool-basics'])).toEqual([]);

    const items = await checkAssignment(root, 'pool-basics');
    const reference = items.find((i) => i.name === 'reference');
    expect(reference?.ok).toBe(false);
    expect(reference?.message).toContain('fill in solutions/pool-basics/pool_basics.ts');
    expect(reference?.message).toContain('TODO: write the reference solution');
    // The stubs are fine already: they type-check and earn nothing.
    expect(items.find((i) => i.name === 'stubs')).toMatchObject({ ok: true });

    // Once the reference is written (the example adds two numbers), every check passes. (A copy of
    // the project: this process has already imported the first reference under its old path.)
    const written = project();
    cpSync(root, written, { recursive: true });
    const file = join(written, 'solutions/pool-basics/pool_basics.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/throw new Error\([^)]*\);/, 'return a + b;'));
    const fixed = await checkAssignment(written, 'pool-basics');
    expect(fixed.filter((i) => !i.ok)).toEqual([]);
    expect(fixed.map((i) => i.name)).toEqual(['reference', 'stubs', 'repeatable', 'timing', 'release']);

    // The timing check can fail: no case takes 0% of its limit.
    const strict = await checkAssignment(written, 'pool-basics', { ...DEFAULT_CHECK, timeShare: 0 });
    expect(strict.find((i) => i.name === 'timing')?.message).toMatch(/over 0% of the limit \(make the case smaller or raise timeout_ms/);
  });

  it('refuses an existing assignment and an invalid id, saying what to do', async () => {
    const root = project();
    expect((await scaffoldAssignment(root, 'twice')).ok).toBe(true);
    expect(await scaffoldAssignment(root, 'twice')).toEqual({ ok: false, message: 'assignments/twice already exists (choose another id, or edit the existing assignment)' });
    const bad = await scaffoldAssignment(root, 'Bad_Id');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('lower-case letters, digits and dashes');
  });
});

describe('grade check', () => {
  it('passes feature-map on every check', async () => {
    const { REPO } = await import('./helpers.js');
    const items = await checkAssignment(REPO, 'feature-map');
    expect(items.filter((i) => !i.ok)).toEqual([]);
  });

  it('fails a reference that depends on chance: not full marks, and not repeatable', async () => {
    const root = project();
    await scaffoldAssignment(root, 'twice');
    const file = join(root, 'solutions/twice/twice.ts');
    // The expected value (computed in the grader) and the graded value (computed in the sandbox)
    // come from two different calls, so they differ, and so do two gradings' messages.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/throw new Error\([^)]*\);/, 'return a + b + Math.random();'));
    const items = await checkAssignment(root, 'twice');
    expect(items.find((i) => i.name === 'reference')?.ok).toBe(false);
    expect(items.find((i) => i.name === 'repeatable')).toMatchObject({ ok: false, message: expect.stringContaining('Math.random') });
  });
});
