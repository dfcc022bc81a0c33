import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** A throwaway project folder holding the given files (relative path → text). */
export function makeProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'seedgrade-test-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** A submission folder holding one file. */
export function makeSubmission(
  file: string,
  text: string,
  extra: Record<string, string> = {},
): string {
  return makeProject({ [file]: text, ...extra });
}

/** Copies a folder of the repo into a fresh temp folder (for tests that change it). */
export function copyOfRepoFolder(relative: string): string {
  const to = mkdtempSync(join(tmpdir(), 'seedgrade-copy-'));
  cpSync(join(REPO, relative), to, { recursive: true });
  return to;
}

/** 1-based line and column of the first occurrence of `needle` in `text` (independent of the YAML library). */
export function locate(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
