import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * The assignment spec: the single source of truth for schemas/assignment.schema.json (written by
 * `npm run schemas`, checked by a test) and for the TypeScript types below.
 */

const Id = Type.String({ pattern: '^[a-z][a-z0-9-]*$', description: 'lower-case letters, digits and dashes, starting with a letter' });
const ExportName = Type.String({ pattern: '^[A-Za-z_$][A-Za-z0-9_$]*$', description: 'a JavaScript identifier' });
const StudentFile = Type.String({ pattern: '^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.(ts|js|yaml)$', description: 'a relative path such as feature_map.ts' });

/** A number, or the name of a value bound earlier in `let:`. */
const NumberOrRef = Type.Union([Type.Number(), Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' })]);

/**
 * A generator call: `gen` names a built-in (int, float, choice, matrix, tensor, const, ref) or an
 * export of the assignment's own generators.ts; the other keys are its parameters.
 */
export const GeneratorCall = Type.Object(
  { gen: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'generator name' }) },
  { additionalProperties: true, description: 'a generator call, e.g. { gen: int, min: 1, max: n }' },
);

export const JudgeSpec = Type.Object(
  { name: Type.String({ description: 'a judge from the registry: exact, allclose, relerr, gradcheck, accuracy…' }) },
  { additionalProperties: true, description: 'the comparator and its options, e.g. { name: allclose, atol: 1e-9 }' },
);

const Visibility = Type.Union([Type.Literal('visible'), Type.Literal('hidden')]);

const GroupCommon = {
  name: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]*$' }),
  visibility: Visibility,
  description: Type.Optional(Type.String()),
  points: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: "this group's share of the exercise's points" })),
  all_or_nothing: Type.Optional(Type.Boolean({ description: 'points only when every case of the group passes' })),
  timeout_ms: Type.Optional(Type.Integer({ minimum: 1, description: 'per-case time limit' })),
  judge: Type.Optional(JudgeSpec),
};

export const LiteralCase = Type.Object(
  {
    name: Type.Optional(Type.String()),
    args: Type.Array(Type.Unknown(), { description: 'arguments; { $fixture: file } loads fixtures/<file>' }),
    expected: Type.Optional(Type.Unknown({ description: 'literal expected value (else the reference computes it)' })),
  },
  { additionalProperties: false },
);

export const LiteralGroup = Type.Object({ ...GroupCommon, cases: Type.Array(LiteralCase, { minItems: 1 }) }, { additionalProperties: false });

export const GeneratedGroup = Type.Object(
  {
    ...GroupCommon,
    count: Type.Integer({ minimum: 1, maximum: 10000 }),
    let: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), GeneratorCall, { description: 'named values, drawn in order; later ones and args may refer to them by name' })),
    args: Type.Array(Type.Union([GeneratorCall, Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' })]), { description: 'one generator call (or a let name) per argument' }),
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

export const FunctionExercise = Type.Object(
  {
    ...ExerciseCommon,
    kind: Type.Literal('function'),
    file: StudentFile,
    export: ExportName,
    signature: Type.String({ description: 'TypeScript signature, e.g. (image: number[][], kernel: number[][]) => number[][]' }),
    judge: JudgeSpec,
    timeout_ms: Type.Optional(Type.Integer({ minimum: 1 })),
    groups: Type.Array(TestGroup, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const Exercise = Type.Union([FunctionExercise]);

export const Assignment = Type.Object(
  {
    id: Id,
    title: Type.String({ minLength: 1 }),
    description: Type.String({ description: 'Markdown shown to students' }),
    files: Type.Array(StudentFile, { minItems: 1, description: 'the files a student hands in' }),
    solution: Type.Optional(Type.String({ description: 'folder of the reference solution, default solutions/<id>' })),
    types: Type.Optional(Type.String({ description: 'TypeScript declarations (e.g. type Tensor4 = number[][][][];) that signatures use; written at the top of every generated stub' })),
    exercises: Type.Array(Exercise, { minItems: 1 }),
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
export type Assignment = Static<typeof Assignment>;
export type SchemaOf<T extends TSchema> = Static<T>;
