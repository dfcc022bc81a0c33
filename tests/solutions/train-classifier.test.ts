import { beforeAll, describe, expect, it } from 'vitest';
import { makeShapesDataset } from '../../grader/datasets/shapes.js';
import { type Model, predict, train } from '../../solutions/train-classifier/classifier.js';

type EpochReport = { epoch: number; loss: number; accuracy: number };

const accuracy = (predicted: number[], labels: number[]): number =>
  predicted.filter((p, i) => p === labels[i]).length / labels.length;

describe('reference train-classifier solution', () => {
  const trainSet = makeShapesDataset({ seed: 'classifier-test-train', count: 2000 });
  const testSet = makeShapesDataset({ seed: 'classifier-test-held-out', count: 1000 });
  const epochs: EpochReport[] = [];
  let model: Model;
  let trainMs = 0;
  // Generous budget: the machine is shared with other test files; the bench reports real times.
  const budgetMs = 30_000;

  beforeAll(() => {
    const started = Date.now();
    model = train(trainSet, {
      numClasses: 4,
      seed: 7,
      timeBudgetMs: budgetMs,
      onEpoch: (e) => epochs.push(e),
    });
    trainMs = Date.now() - started;
  });

  it('reaches at least 0.95 accuracy on held-out images of a different seed', () => {
    const predicted = predict(model, testSet.images);
    expect(predicted).toHaveLength(1000);
    expect(accuracy(predicted, testSet.labels)).toBeGreaterThanOrEqual(0.95);
    expect(trainMs).toBeLessThan(budgetMs);
  });

  it('predicts class indices in [0, numClasses)', () => {
    const predicted = predict(model, testSet.images.slice(0, 50));
    expect(predicted.every((p) => Number.isInteger(p) && p >= 0 && p < 4)).toBe(true);
    expect(predict(model, [])).toEqual([]);
  });

  it('is plain JSON data and predicts identically after a JSON round trip', () => {
    const copy = JSON.parse(JSON.stringify(model)) as Model;
    expect(copy).toEqual(model); // typed arrays or functions would not survive unchanged
    expect(predict(copy, testSet.images)).toEqual(predict(model, testSet.images));
  });

  it('reports every epoch in order, with finite loss that falls and accuracy that rises', () => {
    expect(epochs.length).toBeGreaterThanOrEqual(3);
    expect(epochs.map((e) => e.epoch)).toEqual(epochs.map((_, i) => i));
    for (const e of epochs) {
      expect(Number.isFinite(e.loss) && e.loss >= 0).toBe(true);
      expect(e.accuracy).toBeGreaterThanOrEqual(0);
      expect(e.accuracy).toBeLessThanOrEqual(1);
    }
    const first = epochs[0];
    const last = epochs[epochs.length - 1];
    expect(last.loss).toBeLessThan(first.loss / 2);
    expect(last.accuracy).toBeGreaterThan(first.accuracy);
    // "Decreasing-ish": no epoch's loss is more than 1.5 × the best loss before it.
    epochs.slice(1).forEach((e, i) => {
      const bestBefore = Math.min(...epochs.slice(0, i + 1).map((p) => p.loss));
      expect(e.loss).toBeLessThan(bestBefore * 1.5);
    });
  });

  it('returns within the time budget when it is tiny, with a usable model', () => {
    const started = Date.now();
    const quick = train(trainSet, { numClasses: 4, seed: 7, timeBudgetMs: 300 });
    expect(Date.now() - started).toBeLessThan(1000);
    const predicted = predict(quick, testSet.images.slice(0, 20));
    expect(predicted.every((p) => p >= 0 && p < 4)).toBe(true);
  });

  it('is deterministic for a seed when the budget is not reached, and the seed matters', () => {
    const small = { images: trainSet.images.slice(0, 200), labels: trainSet.labels.slice(0, 200) };
    const a = train(small, { numClasses: 4, seed: 11, timeBudgetMs: 30_000 });
    const b = train(small, { numClasses: 4, seed: 11, timeBudgetMs: 30_000 });
    const c = train(small, { numClasses: 4, seed: 12, timeBudgetMs: 30_000 });
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });
});
