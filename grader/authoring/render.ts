import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { graderHome } from '../home.js';
import { formatArgs } from '../exercise/format-input.js';
import { formatPoints } from '../report/table.js';
import { expandGroup } from '../cases/expand.js';
import type { LoadedAssignment } from '../spec/load.js';
import { kindOf } from '../exercise/registry.js';
import type { StubFunction } from '../exercise/types.js';
import type { Assignment, Exercise } from '../spec/schema.js';
import { declarationHead, splitSignature } from './signature.js';
import { asFunction, type StudentSpec } from './student-spec.js';

const templatesUrl = (): URL => pathToFileURL(join(graderHome(), 'templates') + '/');
const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** A template from templates/, compiled once; no HTML escaping (none of the outputs is HTML). */
export function template(name: string): HandlebarsTemplateDelegate {
  let t = compiled.get(name);
  if (!t)
    compiled.set(
      name,
      (t = Handlebars.compile(readFileSync(new URL(name, templatesUrl()), 'utf8'), {
        noEscape: true,
        strict: true,
      })),
    );
  return t;
}

const docComment = (text: string): string =>
  text
    .trim()
    .replaceAll('*/', '*\\/')
    .split('\n')
    .map((line) => ` * ${line}`.trimEnd())
    .join('\n');

export type RenderResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

type StubHead = StubFunction & { head: string };

/** Every function each exercise asks for (its kind says which), with its declaration head. */
function heads(spec: Assignment): RenderResult<Map<Exercise, StubHead[]>> {
  const out = new Map<Exercise, StubHead[]>();
  const problems: string[] = [];
  for (const ex of spec.exercises) {
    const fns: StubHead[] = [];
    for (const fn of kindOf(ex).stubFunctions(ex)) {
      const parts = splitSignature(fn.signature);
      if (parts.ok) fns.push({ ...fn, head: declarationHead(fn.export, parts.parts) });
      else problems.push(`exercise ${ex.id}: ${parts.message}`);
    }
    out.set(ex, fns);
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: out };
}

/** One stub per student .ts/.js file: every graded export with its exact signature, throwing TODO. */
export function renderStubs(spec: Assignment): RenderResult<Record<string, string>> {
  const h = heads(spec);
  if (!h.ok) return h;
  const files: Record<string, string> = {};
  for (const file of spec.files.filter((f) => f.endsWith('.ts') || f.endsWith('.js'))) {
    const functions = [...h.value.values()]
      .flat()
      .filter((fn) => fn.file === file)
      .map((fn) => ({
        docComment: docComment([fn.title, fn.description].filter(Boolean).join('\n\n')),
        head: fn.head,
        todo: JSON.stringify(`TODO: implement ${fn.export}`),
      }));
    files[file] = template('stub.ts.hbs')({
      file,
      assignmentId: spec.id,
      assignmentTitle: spec.title,
      types: (spec.types ?? '').trim(),
      functions,
    });
  }
  return { ok: true, value: files };
}

const cut = (text: string, max = 160): string =>
  text.length > max ? `${text.slice(0, max)}…` : text;
const compact = (v: unknown): string => cut(formatArgs([v], Infinity));

/** The README students read: exercises, signatures, visible examples, points, how to run grade. */
export function renderReadme(
  student: StudentSpec,
  source: Pick<LoadedAssignment, 'generators'>,
): RenderResult<string> {
  const spec = student.assignment;
  const h = heads(spec);
  if (!h.ok) return h;
  const scope = { secret: '', student: '' };
  const asLoaded = { ...source, spec } as LoadedAssignment;
  const exercises = [...h.value].map(([ex, fns]) => {
    const hiddenPoints = student.hidden.exercises[ex.id]?.points ?? 0;
    const fn = asFunction(ex);
    const examples = (fn?.groups ?? []).flatMap((g) =>
      expandGroup(asLoaded, fn!, g, scope).map((c) => ({
        call: `${fn!.export}(${cut(formatArgs(c.args, Infinity))})`,
        result: compact(c.expected ? c.expected.value : student.expected[c.name]),
      })),
    );
    return {
      title: ex.title ?? ex.id,
      file: ex.file,
      export: fns.map((f) => f.export).join(', ') || '—',
      heads: fns.map((f) => f.head),
      answers: Boolean(kindOf(ex).answersFile),
      description: (ex.description ?? '').trim(),
      examples,
      points: formatPoints(ex.points),
      visiblePoints: formatPoints(ex.points - hiddenPoints),
      hiddenPoints: formatPoints(hiddenPoints),
    };
  });
  const total = spec.exercises.reduce((t, ex) => t + ex.points, 0);
  return {
    ok: true,
    value: template('README.md.hbs')({
      id: spec.id,
      title: spec.title,
      description: spec.description.trim(),
      exercises,
      totalPoints: formatPoints(total),
      visiblePoints: formatPoints(total - student.hidden.points),
      hiddenPoints: formatPoints(student.hidden.points),
      hiddenCases: student.hidden.cases,
    }),
  };
}
