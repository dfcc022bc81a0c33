import { Type, type Static } from '@sinclair/typebox';

/**
 * The report: the single source of truth for its JSON Schema (written to schemas/report.schema.json)
 * and its TypeScript type. Bump REPORT_VERSION on any incompatible change.
 */
export const REPORT_VERSION = '1.0';

export const TestStatus = Type.Union(
  [
    Type.Literal('passed'),
    Type.Literal('failed'),
    Type.Literal('error'),
    Type.Literal('timeout'),
    Type.Literal('memory'),
    Type.Literal('output-limit'),
    Type.Literal('crash'),
  ],
  {
    description:
      'passed; failed (wrong answer); error (threw, missing export, bad value); timeout; memory, output-limit, crash (the sandbox killed the run)',
  },
);

export const TestResult = Type.Object(
  {
    name: Type.String(),
    exercise: Type.String(),
    group: Type.String(),
    score: Type.Number(),
    max_score: Type.Number(),
    status: TestStatus,
    visibility: Type.Union([Type.Literal('visible'), Type.Literal('hidden')]),
    output: Type.String({
      description:
        'What the student sees. For hidden cases: the kind of failure, never inputs or expected values.',
    }),
    ta_output: Type.Optional(
      Type.String({
        description:
          'Full details for course staff (inputs, expected, got). Never shown to students.',
      }),
    ),
    curve: Type.Optional(
      Type.Array(Type.Record(Type.String(), Type.Number()), {
        description: 'Training curve recorded through options.onEpoch.',
      }),
    ),
    override: Type.Optional(
      Type.Object(
        {
          graded: Type.Number({ description: 'the score the grader gave' }),
          comment: Type.String(),
          line: Type.Integer({ description: 'line of the overrides CSV' }),
        },
        {
          additionalProperties: false,
          description: "a TA's override of this test's score (score holds the overridden value)",
        },
      ),
    ),
  },
  { additionalProperties: false },
);

export const SandboxInfo = Type.Object(
  {
    runtime: Type.Optional(
      Type.String({
        description:
          "Where student code ran: 'wasm' (QuickJS in WebAssembly), 'process' (a sandboxed node child), both joined by '+', or 'none'.",
      }),
    ),
    layers: Type.Array(Type.String(), {
      description: 'Isolation layers that were active (of every runtime that ran).',
    }),
    missing: Type.Array(Type.String(), {
      description: 'Layers that could not be enabled here, with the reason.',
    }),
  },
  { additionalProperties: false },
);

export const Late = Type.Object(
  {
    due: Type.String({ description: "the student's due date (ISO 8601), extension included" }),
    submitted_at: Type.Optional(
      Type.String({ description: 'submission time (ISO 8601); absent when unknown' }),
    ),
    days_late: Type.Integer({
      minimum: 0,
      description: 'started days past the due date (0 within the grace period)',
    }),
    penalty: Type.Number({ description: 'points taken off raw_score' }),
    note: Type.Optional(
      Type.String({
        description: 'e.g. that the submission time was unknown, so no penalty was applied',
      }),
    ),
  },
  { additionalProperties: false },
);

export const Override = Type.Object(
  {
    line: Type.Integer({ description: 'line of the overrides CSV' }),
    target: Type.Union([Type.Literal('exercise'), Type.Literal('total')]),
    name: Type.String({ description: 'the exercise id, or "total"' }),
    before: Type.Number(),
    after: Type.Number(),
    comment: Type.String(),
  },
  { additionalProperties: false },
);

export const Report = Type.Object(
  {
    version: Type.Literal(REPORT_VERSION),
    assignment: Type.String(),
    student: Type.String(),
    score: Type.Number(),
    max_score: Type.Number(),
    secret: Type.Union([Type.Literal('provided'), Type.Literal('random'), Type.Literal('none')], {
      description:
        'Where hidden inputs came from: the course secret, a per-process random one (not reproducible), or none (visible tests only).',
    }),
    problem: Type.Optional(
      Type.Object(
        {
          kind: Type.Union([
            Type.Literal('unreadable'),
            Type.Literal('refused'),
            Type.Literal('compile-error'),
          ]),
          message: Type.String(),
        },
        {
          additionalProperties: false,
          description:
            'why the code could not run at all (then every test failed with this message)',
        },
      ),
    ),
    tests: Type.Array(TestResult),
    raw_score: Type.Optional(
      Type.Number({
        description:
          'with a due date or overrides: the score before the late penalty and total overrides (test and exercise overrides included)',
      }),
    ),
    late: Type.Optional(Late),
    overrides: Type.Optional(
      Type.Array(Override, {
        description:
          'TA overrides of exercises and the total, in the order applied (test overrides are on the tests)',
      }),
    ),
    environment: SandboxInfo,
    timing: Type.Optional(
      Type.Object(
        {
          total_ms: Type.Number(),
          tests_ms: Type.Record(Type.String(), Type.Number(), {
            description: 'wall time per test, by test name',
          }),
        },
        { description: 'Durations; omitted when comparing reports.' },
      ),
    ),
  },
  { additionalProperties: false, $id: 'https://seedgrade.dev/schemas/report.schema.json' },
);

export type TestStatus = Static<typeof TestStatus>;
export type TestResult = Static<typeof TestResult>;
export type SandboxInfo = Static<typeof SandboxInfo>;
export type Report = Static<typeof Report>;
export type Late = Static<typeof Late>;
export type Override = Static<typeof Override>;
