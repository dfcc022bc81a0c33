import { PUBLIC_SECRET } from '../cases/seed.js';
import { datasets } from '../datasets/registry.js';
import { judges } from '../judge/registry.js';
import type { TrainingDetail } from '../report/details.js';
import type { TrainingExercise } from '../spec/schema.js';
import type { CaseResult, ExerciseKind, GradeContext, ValidateContext } from './types.js';
import { DEFAULTS } from '../spec/defaults.js';

/** Beyond the budget: time to send the data over and the model back. */
const GRACE_MS = 3_000;

type Run = TrainingExercise['runs'][number];

/**
 * train → predict in the sandbox on seeded data; accuracy judged here against labels the child
 * never sees. The model crosses back through the grader as JSON, so it cannot smuggle state.
 */
export const trainingKind: ExerciseKind<TrainingExercise> = {
  kind: 'training',
  // Long numeric loops: node's JIT, not an interpreter.
  defaultRuntime: 'process',
  validator: async () => validateTraining,
  stubFunctions: (ex) => [
    {
      file: ex.file,
      export: ex.train_export ?? 'train',
      signature: ex.train_signature,
      title: `${ex.title ?? ex.id}: train`,
      description: ex.description ?? '',
    },
    {
      file: ex.file,
      export: ex.predict_export ?? 'predict',
      signature: ex.predict_signature,
      title: `${ex.title ?? ex.id}: predict`,
      description: '',
    },
  ],
  // Visible runs need no reference (labels come from the dataset): ship them with fixed points.
  release: (ex, points) => {
    const hiddenRuns = ex.runs.filter((r) => r.visibility === 'hidden');
    return {
      exercise: {
        ...ex,
        runs: ex.runs
          .filter((r) => r.visibility === 'visible')
          .map((r) => ({ ...r, points: points.get(r.name) })),
      },
      hidden: {
        points: hiddenRuns.reduce((t, r) => t + (points.get(r.name) ?? 0), 0),
        cases: hiddenRuns.length,
      },
    };
  },
  scoringGroups: (ex) =>
    ex.runs.map((r) => ({ name: r.name, visibility: r.visibility, points: r.points, count: 1 })),
  async grade(ex, ctx) {
    const results: CaseResult[] = [];
    for (const run of ex.runs)
      if (!(ctx.visibleOnly && run.visibility === 'hidden'))
        results.push(await gradeRun(ex, run, ctx));
    return results;
  },
};

/** Data seeds: visible runs from the public key, hidden runs from (secret, student); train and test apart. */
function seedsFor(
  ex: TrainingExercise,
  run: Run,
  ctx: GradeContext,
): { train: string; test: string; model: number } {
  const key =
    run.visibility === 'visible' ? [PUBLIC_SECRET, ''] : [ctx.scope.secret, ctx.scope.student];
  const base = JSON.stringify([...key, ctx.assignment.spec.id, ex.id, run.name]);
  let model = 0;
  for (const ch of base) model = (model * 31 + ch.charCodeAt(0)) >>> 0;
  return { train: `${base}/train`, test: `${base}/test`, model };
}

async function gradeRun(ex: TrainingExercise, run: Run, ctx: GradeContext): Promise<CaseResult> {
  const hidden = run.visibility === 'hidden';
  const base = {
    name: `${ex.id}/${run.name}`,
    exercise: ex.id,
    group: run.name,
    visibility: run.visibility,
  } as const;
  const done = (
    status: CaseResult['status'],
    fraction: number,
    output: string,
    extra: Partial<CaseResult> = {},
  ): CaseResult => ({ ...base, status, fraction, output, ...extra });
  const make = datasets[ex.dataset.generator];
  const seeds = seedsFor(ex, run, ctx);
  const train = make({ seed: seeds.train, count: ex.dataset.train, size: ex.dataset.size });
  const test = make({ seed: seeds.test, count: ex.dataset.test, size: ex.dataset.size });
  const budget = ex.time_budget_ms ?? DEFAULTS.trainingBudgetMs;
  const trainName = ex.train_export ?? 'train';
  const predictName = ex.predict_export ?? 'predict';

  const trained = await ctx.session.call({
    file: ex.file,
    exportName: trainName,
    args: [
      { images: train.images, labels: train.labels },
      { numClasses: ex.dataset.classes, seed: seeds.model, timeBudgetMs: budget },
    ],
    callbacks: [{ arg: 1, key: 'onEpoch' }],
    timeoutMs: budget + GRACE_MS,
  });
  if (trained.status === 'timeout')
    return done(
      'timeout',
      0,
      `${trainName} did not return within its time budget of ${budget} ms (options.timeBudgetMs); stop training before it runs out`,
    );
  // Hidden runs show the parent's own summary: an error message could carry data the student's code chose.
  const fault = (o: { status: CaseResult['status']; message: string; summary?: string }) =>
    done(
      o.status,
      0,
      hidden ? (o.summary ?? o.message) : o.message,
      hidden ? { ta_output: o.message } : {},
    );
  if (trained.status !== 'ok') return fault(trained);
  const curve = trained.events
    .filter((e): e is Record<string, number> => isNumberRecord(e))
    .slice(0, 1000);
  const model = jsonRoundTrip(trained.value);
  if (!model.ok)
    return done(
      'error',
      0,
      `the model returned by ${trainName} must be plain JSON data: ${model.reason}`,
    );

  const predicted = await ctx.session.call({
    file: ex.file,
    exportName: predictName,
    args: [model.value, test.images],
    timeoutMs: budget + GRACE_MS,
  });
  if (predicted.status !== 'ok') return fault(predicted);
  const { name: judgeName, ...options } = ex.judge;
  const verdict = judges[judgeName].judge({
    got: predicted.value,
    expected: test.labels,
    args: [],
    options,
    exportName: predictName,
  });
  const fraction = verdict.fraction ?? (verdict.passed ? 1 : 0);
  const text =
    hidden && !verdict.passed && verdict.failure !== 'wrong-value'
      ? `hidden test: ${verdict.summary}`
      : verdict.message;
  const detail = trainingDetail(predicted.value, test.labels, ex, options);
  return done(fraction >= 1 ? 'passed' : 'failed', fraction, text, {
    ...(curve.length ? { curve } : {}),
    ...(detail ? { detail } : {}),
  });
}

/** Labels and predictions for a confusion matrix, when the predictions are class indices. */
function trainingDetail(
  got: unknown,
  labels: number[],
  ex: TrainingExercise,
  options: Record<string, unknown>,
): TrainingDetail | undefined {
  const classes = ex.dataset.classes;
  if (
    !Array.isArray(got) ||
    got.length !== labels.length ||
    !got.every((g) => Number.isInteger(g) && g >= 0 && g < classes)
  )
    return undefined;
  // The same defaults as the accuracy judge.
  const chance =
    typeof options.chance === 'number' ? options.chance : 1 / Math.max(1, new Set(labels).size);
  const full = typeof options.full === 'number' ? options.full : 0.9;
  return {
    kind: 'training',
    labels: [...labels],
    predicted: got as number[],
    classes,
    chance,
    full,
  };
}

const isNumberRecord = (e: unknown): boolean =>
  typeof e === 'object' &&
  e !== null &&
  !Array.isArray(e) &&
  Object.values(e).every((v) => typeof v === 'number');

/** The model as it survives JSON: NaN/Infinity are refused rather than silently turned into null. */
function jsonRoundTrip(
  value: unknown,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v))
        throw new Error(`it holds ${v}, which JSON cannot carry`);
      return v;
    });
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  if (text === undefined) return { ok: false, reason: 'it is undefined' };
  return { ok: true, value: JSON.parse(text) };
}

function validateTraining(ex: TrainingExercise, { path, at }: ValidateContext): void {
  if (!datasets[ex.dataset.generator])
    at(
      [...path, 'dataset', 'generator'],
      `unknown dataset "${ex.dataset.generator}"`,
      `use one of: ${Object.keys(datasets).join(', ')}`,
    );
  if (!judges[ex.judge.name])
    at(
      [...path, 'judge', 'name'],
      `unknown judge "${ex.judge.name}"`,
      `use one of: ${Object.keys(judges).join(', ')}`,
    );
  const names = new Set<string>();
  ex.runs.forEach((r, i) => {
    if (names.has(r.name))
      at(
        [...path, 'runs', i, 'name'],
        `run name "${r.name}" is used twice`,
        'give each run its own name',
      );
    names.add(r.name);
  });
}
