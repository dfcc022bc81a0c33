// The grader's layers, top to bottom (ARCHITECTURE.md explains them). A module may import its own
// layer and any layer below it, never one above; no cycles anywhere. Checked in CI:
//   npm run lint:deps   (tools/lint/node_modules/.bin/depcruise grader --config tools/lint/dependency-cruiser.cjs)
const layers = [
  ['cli', '^grader/cli/'],
  ['workflows', '^grader/(bulk|authoring|similarity|lms|export)/'],
  ['course', '^grader/course/'],
  ['pipeline', '^grader/pipeline\\.ts$'],
  ['report', '^grader/(adjust/|report/(?!(schema|details)\\.ts$))'],
  ['score', '^grader/score/'],
  ['exercise', '^grader/exercise/'],
  ['engines', '^grader/(judge|sandbox|cases|answers|datasets)/'],
  // The contracts: the spec's and the report's types (and the values behind pictures), no logic.
  ['spec', '^grader/spec/|^grader/report/(schema|details)\\.ts$'],
  ['base', '^grader/(home|esbuild)\\.ts$'],
];

const upward = layers.flatMap(([name, path], i) =>
  i === 0
    ? []
    : [
        {
          name: `no-upward-from-${name}`,
          comment: `${name} may import only its own layer and those below it (${
            layers
              .slice(i + 1)
              .map(([n]) => n)
              .join(', ') || 'none'
          })`,
          severity: 'error',
          from: { path },
          to: {
            path: layers
              .slice(0, i)
              .map(([, p]) => `(${p})`)
              .join('|'),
          },
        },
      ],
);

const { existsSync } = require('node:fs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'no cycles: each layer can be read and tested alone',
      from: {},
      to: { circular: true },
    },
    ...upward,
    {
      name: 'only-cli-prints-errors',
      comment: 'errors are typed values turned into text at the CLI edge only (grader/cli)',
      severity: 'error',
      from: { path: '^grader/', pathNot: '^grader/cli/' },
      to: { path: '^grader/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    ...(existsSync('tsconfig.json') ? { tsConfig: { fileName: 'tsconfig.json' } } : {}),
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
