import { createRequire } from 'node:module';

type Esbuild = typeof import('esbuild');
let loaded: Esbuild | undefined;

/**
 * esbuild, loaded on first use with require(): it is CommonJS, and importing it as an ES module
 * makes Node scan its source for export names on every start (tens of milliseconds).
 */
export const esbuild = (): Esbuild =>
  (loaded ??= createRequire(import.meta.url)('esbuild') as Esbuild);

/** One message of a failed build; `column` is 1-based, as every place seedgrade prints. */
export interface BuildMessage {
  file?: string;
  line: number;
  column: number;
  text: string;
}

/** The errors of a failed esbuild build, or undefined when `e` is not one. */
export function buildErrors(e: unknown): BuildMessage[] | undefined {
  type Raw = { text: string; location?: { file: string; line: number; column: number } | null };
  const errors = (e as { errors?: Raw[] } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return errors.map((err) => ({
    ...(err.location ? { file: err.location.file } : {}),
    line: err.location?.line ?? 1,
    column: (err.location?.column ?? 0) + 1,
    text: err.text,
  }));
}
