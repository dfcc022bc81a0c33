// Reads a class one student at a time, through the same layouts and zip limits as `grade bulk`,
// so a Canvas or Moodle download, zips and folders all work and a broken zip is one student's problem.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectLayout, stageSubmission, type LayoutKind } from '../bulk/layouts.js';

export interface StudentFiles {
  student: string;
  /** The listed files this student handed in, in the spec's order. */
  files: { name: string; text: string }[];
  /** What kept a file (or the whole submission) out: broken zip, missing file. */
  problems: string[];
}

export interface ClassReader {
  layout: LayoutKind;
  skipped: { path: string; reason: string }[];
  count: number;
  students: AsyncIterable<StudentFiles>;
}

/** The class in `dir`; each student's files are staged, read and removed before the next one. */
export async function readClass(dir: string, fileNames: string[]): Promise<ClassReader> {
  const layout = await detectLayout(dir);
  async function* students(): AsyncGenerator<StudentFiles> {
    const work = await mkdtemp(join(tmpdir(), 'seedgrade-similarity-'));
    try {
      for (const sub of layout.submissions) {
        const staged = join(work, sub.student);
        const stage = await stageSubmission(sub, staged);
        const out: StudentFiles = { student: sub.student, files: [], problems: [] };
        if (!stage.ok) out.problems.push(`could not be unpacked: ${stage.error.message}`);
        else {
          for (const name of fileNames) {
            const text = await readFile(join(staged, name), 'utf8').catch(() => undefined);
            if (text === undefined) out.problems.push(`${name} is missing`);
            else out.files.push({ name, text });
          }
        }
        await rm(staged, { recursive: true, force: true });
        yield out;
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  return {
    layout: layout.layout,
    skipped: layout.skipped,
    count: layout.submissions.length,
    students: students(),
  };
}
