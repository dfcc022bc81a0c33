import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // A course imports the grader as 'seedgrade'; in this repo that is the TypeScript source.
    alias: { seedgrade: fileURLToPath(new URL('./grader/index.ts', import.meta.url)) },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // Tests that spawn `grade` run the compiled CLI: build it once, first.
    globalSetup: ['tests/helpers/build-once.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Grading spawns child processes; two cores are shared with them.
    maxWorkers: 2,
  },
});
