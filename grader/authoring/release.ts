import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { formatProblem } from '../spec/errors.js';
import type { LoadedAssignment } from '../spec/load.js';
import { loadAssignmentWithReference } from '../course/load-assignment.js';
import { renderReadme, renderStubs, template } from './render.js';
import { pinnedVersions, RUNTIME_PACKAGE, studentRuntimeFiles } from './runtime.js';
import { stableJson } from './stable-json.js';
import { runSteps } from './steps.js';
import { STUDENT_SPEC } from './student-grade.js';
import { initialState, toStudentSpec, type StudentSpec } from './student-spec.js';

/** Every file of one assignment's folder in a bundle, by path relative to that folder. */
export type AssignmentFiles = Record<string, string>;

export type Prepared =
  | { ok: true; student: StudentSpec; files: AssignmentFiles }
  | { ok: false; problems: string[] };

/** Runs the release steps and renders stubs, README and spec.json, in memory. */
export function prepareAssignment(
  source: LoadedAssignment,
  reference: Parameters<typeof initialState>[1],
): Prepared {
  const state = runSteps(initialState(source, reference));
  if (state.problems.length) return { ok: false, problems: state.problems };
  const student = toStudentSpec(state);
  const stubs = renderStubs(student.assignment);
  const readme = renderReadme(student, source);
  if (!stubs.ok || !readme.ok)
    return {
      ok: false,
      problems: [...(stubs.ok ? [] : stubs.problems), ...(readme.ok ? [] : readme.problems)],
    };
  return {
    ok: true,
    student,
    files: { ...stubs.value, 'README.md': readme.value, [STUDENT_SPEC]: stableJson(student) },
  };
}

/** Loads an assignment and its reference, then prepares it; every failure as text with its fix. */
export async function prepareById(root: string, id: string): Promise<Prepared> {
  const loaded = await loadAssignmentWithReference(root, id);
  if (!loaded.ok) return { ok: false, problems: loaded.problems.map(formatProblem) };
  return prepareAssignment(loaded.assignment, loaded.reference);
}

export type ReleaseResult = { ok: true; files: string[] } | { ok: false; problems: string[] };

/** A bundle may only replace a folder that is empty or holds an earlier bundle. */
function outProblem(out: string): string | undefined {
  if (!existsSync(out)) return undefined;
  const entries = readdirSync(out);
  if (entries.length === 0 || existsSync(join(out, '.seedgrade', 'package.json'))) return undefined;
  return `${out} is not empty and holds no earlier bundle (choose an empty or new folder for --out)`;
}

/** Writes the student bundle for `ids` into `out`: package.json, the runtime, one folder per assignment. */
export async function releaseBundle(
  root: string,
  ids: string[],
  out: string,
): Promise<ReleaseResult> {
  const bad = outProblem(out);
  if (bad) return { ok: false, problems: [bad] };
  const prepared: [string, AssignmentFiles][] = [];
  const problems: string[] = [];
  for (const id of [...new Set(ids)].sort()) {
    const p = await prepareById(root, id);
    if (p.ok) prepared.push([id, p.files]);
    else problems.push(...p.problems.map((m) => `${id}: ${m}`));
  }
  if (problems.length) return { ok: false, problems };

  const versions = pinnedVersions();
  const runtime = Object.entries(studentRuntimeFiles()).map(
    ([rel, bytes]) => [join('.seedgrade', rel), bytes] as const,
  );
  const files: Record<string, string | Buffer> = {
    'package.json': template('package.json.hbs')({
      name: 'seedgrade-assignments',
      ids: prepared.map(([id]) => id).join(', '),
      esbuildVersion: versions.esbuild,
      quickjsVersion: versions.quickjs,
      runtimeName: RUNTIME_PACKAGE,
    }),
    '.seedgrade/package.json': stableJson({
      name: RUNTIME_PACKAGE,
      version: versions.grader,
      private: true,
      type: 'module',
      bin: { grade: 'grade.mjs' },
    }),
    ...Object.fromEntries(runtime),
  };
  for (const [id, assignmentFiles] of prepared)
    for (const [rel, text] of Object.entries(assignmentFiles)) files[join(id, rel)] = text;

  await rm(join(out, '.seedgrade'), { recursive: true, force: true });
  for (const [id] of prepared) await rm(join(out, id), { recursive: true, force: true });
  for (const [rel, text] of Object.entries(files)) {
    const path = join(out, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    await chmod(path, rel === '.seedgrade/grade.mjs' ? 0o755 : 0o644);
  }
  return { ok: true, files: Object.keys(files).sort() };
}
