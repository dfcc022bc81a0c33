import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderStubs } from '../../grader/authoring/render.js';
import { declarationHead, splitSignature } from '../../grader/authoring/signature.js';
import { parseStableJson, stableJson } from '../../grader/authoring/stable-json.js';
import { typecheckFiles } from '../../grader/authoring/typecheck.js';
import { gradeSubmission } from '../../grader/pipeline.js';
import { loadAssignment } from '../../grader/course/load-assignment.js';
import { loadReference } from '../../grader/course/reference.js';
import type { Assignment } from '../../grader/spec/schema.js';
import { makeFolder, REPO } from './helpers.js';

describe('splitSignature', () => {
  it('keeps optional parameters, object types and the return type of the spec', () => {
    const s = splitSignature(
      '(image: number[][], kernel: number[][], options?: { padding?: number; stride?: number }) => number[][]',
    );
    expect(s).toEqual({
      ok: true,
      parts: {
        typeParams: '',
        params:
          'image: number[][], kernel: number[][], options?: { padding?: number; stride?: number }',
        returns: 'number[][]',
      },
    });
  });

  it('handles callback parameters and type parameters', () => {
    const s = splitSignature('<T>(xs: T[], f: (x: T) => number) => { best: T }');
    if (!s.ok) throw new Error(s.message);
    expect(declarationHead('argmax', s.parts)).toBe(
      'export function argmax<T>(xs: T[], f: (x: T) => number): { best: T }',
    );
  });

  it('refuses what is not an arrow type, saying how to write it', () => {
    for (const bad of ['number', '(a: number', '(a: number) number', '(a: number) =>']) {
      const s = splitSignature(bad);
      expect(s.ok).toBe(false);
      if (!s.ok) expect(s.message).toContain('write it as an arrow type');
    }
  });
});

describe('stableJson', () => {
  it('sorts keys at every depth and keeps NaN and infinities', () => {
    expect(stableJson({ b: 1, a: { d: [Infinity], c: NaN } })).toBe(
      '{\n  "a": {\n    "c": {\n      "$number": "NaN"\n    },\n    "d": [\n      {\n        "$number": "Infinity"\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
    expect(parseStableJson(stableJson({ x: [-Infinity, NaN, 1.5] }))).toEqual({
      x: [-Infinity, NaN, 1.5],
    });
  });
});

const tinySpec = (signature: string, types?: string): Assignment => ({
  id: 't',
  title: 'T',
  description: 'd',
  files: ['t.ts', 'helpers.ts'],
  ...(types ? { types } : {}),
  exercises: [
    {
      id: 'f',
      kind: 'function',
      file: 't.ts',
      export: 'f',
      signature,
      description: 'Ends a comment: */ oops',
      points: 1,
      judge: { name: 'exact' },
      groups: [{ name: 'g', visibility: 'visible', cases: [{ args: [1] }] }],
    },
  ],
});

describe('generated stubs', () => {
  it('type-check, including a description that contains */ and a file without exercises', async () => {
    const stubs = renderStubs(tinySpec('(x: number, options?: { k?: number }) => number[][]'));
    if (!stubs.ok) throw new Error(stubs.problems.join());
    expect(Object.keys(stubs.value).sort()).toEqual(['helpers.ts', 't.ts']);
    expect(stubs.value['t.ts']).toContain(
      'export function f(x: number, options?: { k?: number }): number[][] {',
    );
    expect(await typecheckFiles(stubs.value)).toEqual({ ok: true });
  });

  it("need the spec's types: for a named type, and type-check with it", async () => {
    const without = renderStubs(tinySpec('(x: Tensor4) => Tensor4'));
    if (!without.ok) throw new Error('render');
    const failed = await typecheckFiles(without.value);
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.message).toContain("Cannot find name 'Tensor4'");
    const withTypes = renderStubs(
      tinySpec('(x: Tensor4) => Tensor4', 'export type Tensor4 = number[][][][];'),
    );
    if (!withTypes.ok) throw new Error('render');
    expect(await typecheckFiles(withTypes.value)).toEqual({ ok: true });
  });

  it('for feature-map: same file and exports as the reference, type-check, and earn zero without crashing the grader', async () => {
    const loaded = await loadAssignment(REPO, 'feature-map');
    if (!loaded.ok) throw new Error('feature-map does not load');
    const reference = await loadReference(loaded.assignment);
    if (!reference.ok) throw new Error('no reference');
    const stubs = renderStubs(loaded.assignment.spec);
    if (!stubs.ok) throw new Error(stubs.problems.join());
    expect(await typecheckFiles(stubs.value)).toEqual({ ok: true });
    const dir = makeFolder(stubs.value);
    try {
      const stubModule = (await import(`${dir}/feature_map.ts`)) as Record<string, unknown>;
      const functionsOf = (m: Record<string, unknown>) =>
        Object.keys(m)
          .filter((k) => typeof m[k] === 'function')
          .sort();
      // The contract's five exports (issue 2), in the reference and in the stub alike.
      expect(functionsOf(stubModule)).toEqual([
        'conv2d',
        'featureMap',
        'maxPool',
        'outputSize',
        'relu',
      ]);
      expect(functionsOf(reference.modules['feature_map.ts'])).toEqual(functionsOf(stubModule));
      const report = await gradeSubmission({
        assignment: loaded.assignment,
        reference: reference.modules,
        submissionDir: dir,
        student: 's',
        secret: { value: 'k', source: 'provided' },
      });
      expect(report.score).toBe(0);
      expect(report.max_score).toBe(14);
      for (const t of report.tests) {
        expect(t.status).toBe('error');
        // Visible cases show the stub's own message; hidden ones only that it threw.
        expect(t.output).toContain(
          t.visibility === 'visible' ? `TODO: implement ${t.exercise}` : `${t.exercise} threw`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
