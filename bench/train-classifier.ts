/** Trains the reference classifier on one seed and measures it on another. */
import { makeShapesDataset } from '../grader/datasets/shapes.js';
import { predict, train } from '../solutions/train-classifier/classifier.js';

const trainCount = Number(process.env.TRAIN_COUNT ?? 2000);
const testCount = Number(process.env.TEST_COUNT ?? 1000);
const budgetMs = Number(process.env.BUDGET_MS ?? 10_000);
const seed = Number(process.env.SEED ?? 1);

let started = Date.now();
const trainSet = makeShapesDataset({ seed: `train-${seed}`, count: trainCount });
const testSet = makeShapesDataset({ seed: `test-${seed}`, count: testCount });
console.log(`datasets: ${trainCount} + ${testCount} images in ${Date.now() - started} ms`);

started = Date.now();
const cpuBefore = process.cpuUsage();
const model = train(trainSet, {
  numClasses: trainSet.classNames.length,
  seed,
  timeBudgetMs: budgetMs,
  onEpoch: (e) =>
    console.log(
      `epoch ${e.epoch}: loss ${e.loss.toFixed(4)}, train accuracy ${e.accuracy.toFixed(4)}, ${Date.now() - started} ms`,
    ),
});
const trainMs = Date.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = Math.round((cpu.user + cpu.system) / 1000);

const predictions = predict(model, testSet.images);
const confusion = testSet.classNames.map(() => testSet.classNames.map(() => 0));
predictions.forEach((p, i) => confusion[testSet.labels[i]][p]++);
const accuracy = predictions.filter((p, i) => p === testSet.labels[i]).length / testCount;
console.log(
  `training: ${trainMs} ms wall, ${cpuMs} ms CPU (budget ${budgetMs} ms; wall > CPU means a busy machine)`,
);
console.log(`held-out accuracy: ${accuracy.toFixed(4)} on ${testCount} images`);
console.log('confusion (rows: true, columns: predicted):', testSet.classNames.join(' '));
confusion.forEach((row, i) => console.log(`  ${testSet.classNames[i].padEnd(7)} ${row.join(' ')}`));
