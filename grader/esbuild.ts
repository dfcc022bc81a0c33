import { createRequire } from 'node:module';

type Esbuild = typeof import('esbuild');
let loaded: Esbuild | undefined;

/**
 * esbuild, loaded on first use with require(): it is CommonJS, and importing it as an ES module
 * makes Node scan its source for export names on every start (tens of milliseconds).
 */
export const esbuild = (): Esbuild =>
  (loaded ??= createRequire(import.meta.url)('esbuild') as Esbuild);
