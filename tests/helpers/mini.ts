import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bulkGrade, type BulkOptions, type BulkResult } from '../../grader/bulk/run.js';
import type { Secret } from '../../grader/cases/secret.js';
import { loaded } from './grade.js';
import { makeProject } from './project.js';

/** A one-exercise assignment that grades in a fraction of a second: for bulk and CLI tests. */
export const MINI_SPEC = `# yaml-language-server: $schema=../../schemas/assignment.schema.json
id: mini
title: Mini
description: Double a number.
files: [mini.ts]
exercises:
  - id: double
    kind: function
    file: mini.ts
    export: double
    signature: "(x: number) => number"
    points: 4
    timeout_ms: 400
    judge: { name: exact }
    groups:
      - name: shown
        visibility: visible
        cases:
          - args: [2]
      - name: secret
        visibility: hidden
        count: 3
        args: [{ gen: int, min: -50, max: 50 }]
`;

export const MINI_SUBMISSIONS = {
  correct: 'export const double = (x: number): number => x * 2;\n',
  // Right only for 2 (the visible case): a hard-coded answer.
  hardcoded: 'export const double = (x: number): number => (x === 2 ? 4 : 0);\n',
  throwing: 'export function double(): number { throw new Error("nope"); }\n',
  looping: 'export function double(x: number): number { for (;;) {} }\n',
  broken: 'export function double(x: number: number {\n',
};

export function makeMiniProject(): string {
  return makeProject({
    'assignments/mini/assignment.yaml': MINI_SPEC,
    'solutions/mini/mini.ts': MINI_SUBMISSIONS.correct,
    'package.json': '{ "type": "module", "version": "0.0.0-test" }\n',
  });
}

/** A folder-per-student class of every MINI_SUBMISSIONS entry, under <root>/class. */
export function makeMiniClass(root: string): string {
  const dir = join(root, 'class');
  for (const [student, code] of Object.entries(MINI_SUBMISSIONS)) {
    mkdirSync(join(dir, student), { recursive: true });
    writeFileSync(join(dir, student, 'mini.ts'), code);
  }
  return dir;
}

/** `grade bulk` of the mini assignment in `root`, two jobs, no progress output. */
export async function runMiniBulk(
  root: string,
  submissionsDir: string,
  outDir: string,
  secret: Secret,
  extra: Partial<BulkOptions> = {},
): Promise<BulkResult> {
  const { assignment } = await loaded('mini', root);
  return bulkGrade({
    submissionsDir,
    outDir,
    assignment,
    secret,
    jobs: 2,
    graderVersion: 'test',
    progress: false,
    ...extra,
  });
}
