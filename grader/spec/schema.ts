import { Type, type Static } from '@sinclair/typebox';

/**
 * The assignment spec: the single source of truth for schemas/assignment.schema.json (written by
 * `npm run schemas`, checked by a test) and for the TypeScript types below.
 */

const Id = Type.String({
  pattern: '^[a-z][a-z0-9-]*$',
  description: 'lower-case letters, digits and dashes, starting with a letter',
});
const ExportName = Type.String({
  pattern: '^[A-Za-z_$][A-Za-z0-9_$]*$',
  description: 'a JavaScript identifier',
});
const StudentFile = Type.String({
  pattern: '^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.(ts|js|yaml)$',
  description: 'a relative path such as feature_map.ts',
});

/**
 * A generator call: `gen` names a built-in (int, float, choice, matrix, tensor, const, ref) or an
 * export of the assignment's own generators.ts; the other keys are its parameters.
 */
export const GeneratorCall = Type.Object(
  { gen: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'generator name' }) },
  {
    additionalProperties: true,
    description: 'a generator call, e.g. { gen: int, min: 1, max: n }',
  },
);

export const JudgeSpec = Type.Object(
  {
    name: Type.String({
      description: 'a judge from the registry: exact, allclose, relerr, gradcheck, accuracy…',
    }),
  },
  {
    additionalProperties: true,
    description: 'the comparator and its options, e.g. { name: allclose, atol: 1e-9 }',
  },
);

const Visibility = Type.Union([Type.Literal('visible'), Type.Literal('hidden')]);

const GroupCommon = {
  name: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]*$' }),
  visibility: Visibility,
  description: Type.Optional(Type.String()),
  points: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      description: "this group's share of the exercise's points",
    }),
  ),
  all_or_nothing: Type.Optional(
    Type.Boolean({ description: 'points only when every case of the group passes' }),
  ),
  timeout_ms: Type.Optional(Type.Integer({ minimum: 1, description: 'per-case time limit' })),
  judge: Type.Optional(JudgeSpec),
};

export const LiteralCase = Type.Object(
  {
    name: Type.Optional(Type.String()),
    args: Type.Array(Type.Unknown(), {
      description: 'arguments; { $fixture: file } loads fixtures/<file>',
    }),
    expected: Type.Optional(
      Type.Unknown({ description: 'literal expected value (else the reference computes it)' }),
    ),
  },
  { additionalProperties: false },
);

export const LiteralGroup = Type.Object(
  { ...GroupCommon, cases: Type.Array(LiteralCase, { minItems: 1 }) },
  { additionalProperties: false },
);

export const GeneratedGroup = Type.Object(
  {
    ...GroupCommon,
    count: Type.Integer({ minimum: 1, maximum: 10000 }),
    let: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), GeneratorCall, {
        description: 'named values, drawn in order; later ones and args may refer to them by name',
      }),
    ),
    args: Type.Array(
      Type.Union([GeneratorCall, Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' })]),
      { description: 'one generator call (or a let name) per argument' },
    ),
  },
  { additionalProperties: false },
);

export const TestGroup = Type.Union([LiteralGroup, GeneratedGroup]);

const ExerciseCommon = {
  id: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]*$' }),
  title: Type.Optional(Type.String()),
  description: Type.Optional(Type.String({ description: 'Markdown' })),
  points: Type.Number({ exclusiveMinimum: 0 }),
};

/** Where student code runs (grader/sandbox/runtimes): QuickJS in WebAssembly, or a sandboxed node child. */
export const RuntimeChoice = Type.Union([Type.Literal('wasm'), Type.Literal('process')], {
  description:
    'wasm: QuickJS in WebAssembly (fast start, interpreted); process: a sandboxed node child (full speed). Default by kind: wasm for function, process for training',
});

export const FunctionExercise = Type.Object(
  {
    ...ExerciseCommon,
    kind: Type.Literal('function'),
    file: StudentFile,
    export: ExportName,
    signature: Type.String({
      description:
        'TypeScript signature, e.g. (image: number[][], kernel: number[][]) => number[][]',
    }),
    judge: JudgeSpec,
    timeout_ms: Type.Optional(Type.Integer({ minimum: 1 })),
    runtime: Type.Optional(RuntimeChoice),
    groups: Type.Array(TestGroup, { minItems: 1 }),
  },
  { additionalProperties: false },
);

const Template = Type.String({
  description: 'text with {{name}} placeholders for variant values (handlebars)',
});
/** `O[1..m][1..m]` expands to O11, O12, …; bounds are numbers or expressions in variant values. */
const RangePattern = Type.String({
  description: 'a name, optionally with index ranges such as X[1..n][1..n]',
});

export const AnswerQuestion = Type.Object(
  {
    id: RangePattern,
    type: Type.Union([Type.Literal('number'), Type.Literal('expression'), Type.Literal('matrix')]),
    text: Template,
    symbols: Type.Optional(
      Type.Array(RangePattern, {
        description: 'symbols an expression may use, e.g. X[1..n][1..n]',
      }),
    ),
    answer: Type.Optional(
      Type.Union([Type.Number(), Template], {
        description:
          'the reference answer (a template over variant values; numbers may be arithmetic); else from reference_answers',
      }),
    ),
    atol: Type.Optional(Type.Number({ minimum: 0 })),
    rtol: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const AnswersExercise = Type.Object(
  {
    ...ExerciseCommon,
    kind: Type.Literal('answers'),
    file: Type.String({
      pattern: '^[A-Za-z0-9_-]+\\.yaml$',
      description: 'the answers file, e.g. answers.yaml',
    }),
    visibility: Type.Optional(
      Type.Union([Type.Literal('visible'), Type.Literal('hidden')], {
        description: 'hidden (default): judged only when grading a submission',
      }),
    ),
    reference_answers: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9_-]+\\.ts#[A-Za-z_$][A-Za-z0-9_$]*$',
        description:
          'file.ts#export in the solution folder: (variant) => Record<question id, answer>',
      }),
    ),
    questions: Type.Array(AnswerQuestion, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const TrainingRun = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]*$' }),
    visibility: Type.Union([Type.Literal('visible'), Type.Literal('hidden')]),
    points: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  },
  {
    additionalProperties: false,
    description: 'one train → predict run on fresh data; hidden runs draw data from the secret',
  },
);

export const TrainingExercise = Type.Object(
  {
    ...ExerciseCommon,
    kind: Type.Literal('training'),
    file: StudentFile,
    train_export: Type.Optional(ExportName),
    predict_export: Type.Optional(ExportName),
    train_signature: Type.String({
      description:
        'TypeScript signature of train, e.g. (data: { images: number[][][]; labels: number[] }, options: {…}) => Model',
    }),
    predict_signature: Type.String({
      description:
        'TypeScript signature of predict, e.g. (model: Model, images: number[][][]) => number[]',
    }),
    dataset: Type.Object(
      {
        generator: Type.String({
          description: 'a dataset from the registry (grader/datasets): shapes',
        }),
        train: Type.Integer({ minimum: 1, maximum: 100000 }),
        test: Type.Integer({ minimum: 1, maximum: 100000 }),
        size: Type.Optional(Type.Integer({ minimum: 4, maximum: 64 })),
        classes: Type.Integer({ minimum: 2 }),
      },
      { additionalProperties: false },
    ),
    time_budget_ms: Type.Optional(
      Type.Integer({ minimum: 100, description: 'time for one train call (default 60000)' }),
    ),
    runtime: Type.Optional(RuntimeChoice),
    judge: JudgeSpec,
    runs: Type.Array(TrainingRun, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const Exercise = Type.Union([FunctionExercise, AnswersExercise, TrainingExercise]);

export const VariantParam = Type.Union([
  Type.Object({ min: Type.Integer(), max: Type.Integer() }, { additionalProperties: false }),
  Type.Object(
    { choices: Type.Array(Type.Union([Type.Number(), Type.String()]), { minItems: 1 }) },
    { additionalProperties: false },
  ),
]);

export const LatePolicy = Type.Object(
  {
    grace_minutes: Type.Optional(
      Type.Number({
        minimum: 0,
        description:
          'a submission this many minutes past the due date counts as on time (default 0)',
      }),
    ),
    per_day: Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'fraction of the points taken per started day late, e.g. 0.1',
    }),
    max_days: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'more days late than this scores 0 (default: no limit)',
      }),
    ),
  },
  { additionalProperties: false, description: 'late penalty; needs due' },
);

export const Assignment = Type.Object(
  {
    id: Id,
    title: Type.String({ minLength: 1 }),
    description: Type.String({ description: 'Markdown shown to students' }),
    files: Type.Array(StudentFile, { minItems: 1, description: 'the files a student hands in' }),
    solution: Type.Optional(
      Type.String({ description: 'folder of the reference solution, default solutions/<id>' }),
    ),
    variants: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), VariantParam, {
        description: 'per-student parameters, drawn from a public hash of (assignment, student id)',
      }),
    ),
    derived: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Type.String(), {
        description: 'values computed from the variant, e.g. m: n - k + 1',
      }),
    ),
    types: Type.Optional(
      Type.String({
        description:
          'TypeScript declarations (e.g. type Tensor4 = number[][][][];) that signatures use; written at the top of every generated stub',
      }),
    ),
    runtime: Type.Optional(RuntimeChoice),
    exercises: Type.Array(Exercise, { minItems: 1 }),
    due: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$',
        description: 'due date, ISO 8601 with its offset, e.g. 2026-03-01T23:59:00-05:00',
      }),
    ),
    late: Type.Optional(LatePolicy),
    gradescope: Type.Optional(
      Type.Object(
        {
          hidden_visibility: Type.Optional(
            Type.Union(
              [
                Type.Literal('hidden'),
                Type.Literal('after_due_date'),
                Type.Literal('after_published'),
                Type.Literal('visible'),
              ],
              {
                description: 'when Gradescope shows hidden tests (default after_published)',
              },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    canvas: Type.Optional(
      Type.Object(
        {
          assignment_id: Type.Union(
            [Type.Integer({ minimum: 1 }), Type.String({ pattern: '^[0-9]+$' })],
            {
              description: "the Canvas assignment id (the number in the assignment's URL)",
            },
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, $id: 'https://seedgrade.dev/schemas/assignment.schema.json' },
);

export type GeneratorCall = Static<typeof GeneratorCall> & Record<string, unknown>;
export type JudgeSpec = Static<typeof JudgeSpec> & Record<string, unknown>;
export type LiteralCase = Static<typeof LiteralCase>;
export type LiteralGroup = Static<typeof LiteralGroup>;
export type GeneratedGroup = Static<typeof GeneratedGroup>;
export type TestGroup = Static<typeof TestGroup>;
export type FunctionExercise = Static<typeof FunctionExercise>;
export type Exercise = Static<typeof Exercise>;
export type AnswerQuestion = Static<typeof AnswerQuestion>;
export type AnswersExercise = Static<typeof AnswersExercise>;
export type TrainingExercise = Static<typeof TrainingExercise>;
export type Assignment = Static<typeof Assignment>;
export type LatePolicy = Static<typeof LatePolicy>;
