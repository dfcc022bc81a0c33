import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeShapesDataset } from '../../grader/datasets/shapes.js';
import { gradeSubmissionWithDetails } from '../../grader/pipeline.js';
import { byName, grade, loaded } from '../helpers/grade.js';
import { makeProject, makeSubmission, REPO } from '../helpers/project.js';

// A small training assignment (few images, short budget) so that each grading takes a second or two.
const SPEC = `id: mini-train
title: Mini training
description: Tell shapes apart.
files: [classifier.ts]
types: |
  export type Model = unknown;
exercises:
  - id: classifier
    kind: training
    file: classifier.ts
    train_signature: "(data: { images: number[][][]; labels: number[] }, options: { numClasses: number; seed: number; timeBudgetMs: number }) => Model"
    predict_signature: "(model: Model, images: number[][][]) => number[]"
    points: 10
    dataset: { generator: shapes, train: 400, test: 200, size: 12, classes: 4 }
    time_budget_ms: 1500
    judge: { name: accuracy, full: 0.9, chance: 0.25 }
    runs:
      - { name: public, visibility: visible, points: 4 }
      - { name: secret, visibility: hidden, points: 6 }
`;

function project(): string {
  const root = makeProject({
    'assignments/mini-train/assignment.yaml': SPEC,
    'package.json': '{ "type": "module" }\n',
  });
  cpSync(join(REPO, 'solutions', 'train-classifier'), join(root, 'solutions', 'mini-train'), {
    recursive: true,
  });
  return root;
}

const gradeTraining = (root: string, code: string) =>
  grade('mini-train', makeSubmission('classifier.ts', code), 'student-7', 'train-secret', root);

describe('training exercises', () => {
  it("a classifier that always answers one class scores the curve's lowest point (0)", async () => {
    // One class of four: accuracy is the share of that class in the test set, 1/4 when balanced.
    const test = makeShapesDataset({ seed: 'any', count: 200, size: 12 });
    expect(test.labels.filter((l) => l === 0).length).toBe(50);
    const report = await gradeTraining(
      project(),
      'export const train = () => ({}); export const predict = (_m: unknown, images: number[][][]) => images.map(() => 0);',
    );
    for (const t of report.tests) {
      expect(t.score).toBe(0);
      expect(t.output).toMatch(/accuracy 25\.0% \(50\/200\)/);
    }
  }, 60_000);

  it('the HTML page draws the confusion matrix from the held-out labels; the student view only for the visible run', async () => {
    const root = project();
    const { assignment, reference } = await loaded('mini-train', root);
    const sub = makeSubmission(
      'classifier.ts',
      'export const train = () => ({}); export const predict = (_m: unknown, images: number[][][]) => images.map(() => 0);',
    );
    const { report, details } = await gradeSubmissionWithDetails({
      assignment,
      reference,
      submissionDir: sub,
      student: 'student-7',
      secret: { value: 'train-secret', source: 'provided' },
    });
    const d = details.get('classifier/public');
    expect(d?.kind).toBe('training');
    const { renderReportPage } = await import('../../grader/report/html/index.js');
    const staff = renderReportPage(report, details, 'staff');
    // Balanced test set of 200 (50 per class), everything predicted 0: column 0 holds 50 per row.
    for (const c of [0, 1, 2, 3]) expect(staff).toContain(`true ${c}, predicted 0: 50`);
    expect(staff).toContain('true 2, predicted 2: 0');
    expect(staff.match(/confusion matrix \(/g)).toHaveLength(2);
    const student = renderReportPage(report, details, 'student');
    expect(student.match(/confusion matrix \(/g)).toHaveLength(1); // the hidden run's labels stay with staff
  }, 60_000);

  it('partial credit follows the curve linearly between chance and full marks', async () => {
    // Cycling through the classes lands near chance: whatever accuracy it gets, the score must be on the line.
    const report = await gradeTraining(
      project(),
      'export const train = () => ({}); export const predict = (_m: unknown, images: number[][][]) => images.map((_, i) => i % 4);',
    );
    for (const t of report.tests) {
      const acc = Number(/accuracy ([\d.]+)%/.exec(t.output)![1]) / 100;
      expect(t.score).toBeCloseTo(
        t.max_score * Math.max(0, Math.min(1, (acc - 0.25) / (0.9 - 0.25))),
        3,
      );
    }
  }, 60_000);

  it('a train that loops forever is a timeout that names the budget; nothing else is lost', async () => {
    const report = await gradeTraining(
      project(),
      'export function train(): unknown { for (;;) {} } export const predict = () => [];',
    );
    for (const t of report.tests) {
      expect(t.status).toBe('timeout');
      expect(t.output).toMatch(/time budget of 1500 ms/);
    }
    expect(report.tests).toHaveLength(2);
  }, 60_000);

  it('a model holding a function or a cycle gets a clear error', async () => {
    const withFunction = await gradeTraining(
      project(),
      'export const train = () => ({ f: () => 1 }); export const predict = () => [];',
    );
    for (const t of withFunction.tests) {
      expect(t.status).toBe('error');
      expect(t.output).toMatch(/cannot be sent|function/i);
    }
    const withCycle = await gradeTraining(
      project(),
      'export function train() { const m: Record<string, unknown> = {}; m.self = m; return m; } export const predict = () => [];',
    );
    for (const t of withCycle.tests) {
      expect(t.status).toBe('error');
      expect(t.output).toMatch(/cycle/);
    }
  }, 60_000);

  it('the reference trains to full marks and its onEpoch curve is recorded', async () => {
    const root = project();
    const report = await grade(
      'mini-train',
      join(root, 'solutions', 'mini-train'),
      'student-7',
      'train-secret',
      root,
    );
    const pub = byName(report).get('classifier/public')!;
    expect(pub.score).toBeGreaterThan(0);
    expect(pub.curve?.length).toBeGreaterThan(0);
    expect(Object.keys(pub.curve![0])).toEqual(
      expect.arrayContaining(['epoch', 'loss', 'accuracy']),
    );
  }, 60_000);
});
