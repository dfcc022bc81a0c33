import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Grading spawns child processes; two cores are shared with them.
    maxWorkers: 2,
  },
});
