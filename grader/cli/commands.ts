import type { RegisterCommand } from './context.js';

/** A command as `grade --help` lists it; its module (and what that imports) loads only when it runs. */
export interface CommandEntry {
  name: string;
  description: string;
  load(): Promise<RegisterCommand>;
}

/** Every command, in the order `grade --help` lists them. A new command is one module plus one entry here. */
export const commands: CommandEntry[] = [
  {
    name: 'validate',
    description: 'check assignment specs: schema, references, fixtures, generators',
    load: async () => (await import('./validate.js')).registerValidate,
  },
  {
    name: 'run',
    description: 'grade one submission on every test group (visible and hidden)',
    load: async () => (await import('./run.js')).registerRun,
  },
  {
    name: 'demo',
    description:
      'grade the bundled example class of feature-map submissions, print the score table and write HTML pages',
    load: async () => (await import('./demo.js')).registerDemo,
  },
  {
    name: 'bulk',
    description:
      'grade a whole class: gradebook.csv, junit.xml, summary.json, an HTML dashboard and per-student reports',
    load: async () => (await import('./bulk.js')).registerBulk,
  },
  {
    name: 'merge',
    description: 'join shard outputs into one gradebook, junit.xml and summary',
    load: async () => (await import('./merge.js')).registerMerge,
  },
  {
    name: 'export',
    description: 'package an assignment for a course system (export gradescope: an autograder zip)',
    load: async () => (await import('./export.js')).registerExport,
  },
  {
    name: 'similarity',
    description:
      'compare every pair of submissions for copying (Dolos winnowing, locally): similarity.csv, similarity.html',
    load: async () => (await import('./similarity.js')).registerSimilarity,
  },
  {
    name: 'init',
    description:
      "write your answers.yaml: one empty entry per question, with the question's text above it",
    load: async () => (await import('./init.js')).registerInit,
  },
  {
    name: 'new',
    description:
      'scaffold assignments/<id>/assignment.yaml and solutions/<id>/ with an example test group',
    load: async () => (await import('./new.js')).registerNew,
  },
  {
    name: 'check',
    description:
      'for authors: the reference earns full marks (two secrets), stubs type-check and earn 0, grading repeats, cases are fast, release works',
    load: async () => (await import('./check.js')).registerCheck,
  },
  {
    name: 'release',
    description:
      'write the student bundle: stubs, README, visible tests with expected values, and npx grade',
    load: async () => (await import('./release.js')).registerRelease,
  },
];
