import { relative } from 'node:path';
import { Ajv } from 'ajv';
import { expandGroup } from '../cases/expand.js';
import { builtinGenerators } from '../cases/generators.js';
import { judges } from '../judge/registry.js';
import type { SpecProblem } from './errors.js';
import type { LoadedAssignment } from './load.js';
import { loadReference } from './reference.js';
import type { GeneratorCall } from './schema.js';
import { positionOf } from './yaml-source.js';

const ajv = new Ajv({ strict: false, useDefaults: false });

/** Checks beyond the schema: what the spec refers to exists and makes sense. */
export async function checkMeaning(a: LoadedAssignment): Promise<SpecProblem[]> {
  const problems: SpecProblem[] = [];
  const at = (path: (string | number)[], message: string, fix: string, key = false): void => {
    problems.push({ file: a.specFile, ...positionOf(a.source, path, key), message, fix });
  };
  const reference = await loadReference(a);
  if (!reference.ok) {
    for (const m of reference.missing) at(['files'], `reference solution file ${relative(a.root, m)} is missing`, `write the reference solution there, or set solution: to its folder`);
  }
  const exerciseIds = new Set<string>();
  a.spec.exercises.forEach((ex, e) => {
    const base = ['exercises', e];
    if (exerciseIds.has(ex.id)) at([...base, 'id'], `exercise id "${ex.id}" is used twice`, 'give each exercise its own id');
    exerciseIds.add(ex.id);
    if (!a.spec.files.includes(ex.file)) at([...base, 'file'], `file "${ex.file}" is not listed in files`, `add it to files: or fix the name`);
    if (reference.ok) {
      const fn = reference.modules[ex.file]?.[ex.export];
      if (typeof fn !== 'function') at([...base, 'export'], `the reference solution's ${ex.file} does not export a function "${ex.export}"`, 'export it from the reference solution or fix the name');
    }
    checkJudge(ex.judge, [...base, 'judge'], at);
    const groupNames = new Set<string>();
    const withPoints = ex.groups.filter((g) => g.points !== undefined);
    if (withPoints.length && withPoints.length !== ex.groups.length) at([...base, 'groups'], 'some groups have points and some do not', 'give every group points, or none (then points are shared by case)');
    const sum = withPoints.reduce((s, g) => s + (g.points ?? 0), 0);
    if (withPoints.length === ex.groups.length && Math.abs(sum - ex.points) > 1e-9) at([...base, 'points'], `the groups' points add up to ${sum}, not ${ex.points}`, 'make them add up to the exercise points');
    ex.groups.forEach((g, gi) => {
      const gpath = [...base, 'groups', gi];
      if (groupNames.has(g.name)) at([...gpath, 'name'], `group name "${g.name}" is used twice in ${ex.id}`, 'give each group its own name');
      groupNames.add(g.name);
      if (g.judge) checkJudge(g.judge, [...gpath, 'judge'], at);
      if ('count' in g) {
        for (const [name, call] of Object.entries(g.let ?? {})) checkGenerator(a, call, [...gpath, 'let', name], at);
        g.args.forEach((arg, i) => {
          if (typeof arg === 'string') {
            if (!(arg in (g.let ?? {}))) at([...gpath, 'args', i], `"${arg}" is not bound in let`, 'bind it under let: or use a generator call');
          } else checkGenerator(a, arg, [...gpath, 'args', i], at);
        });
        try {
          expandGroup(a, ex, g, { secret: 'validate', student: 'validate' }, 1);
        } catch (err) {
          at(gpath, `generating a case failed: ${(err as Error).message}`, 'fix the generator parameters');
        }
      }
    });
  });
  return problems;
}

type At = (path: (string | number)[], message: string, fix: string, key?: boolean) => void;

function checkJudge(spec: { name: string } & Record<string, unknown>, path: (string | number)[], at: At): void {
  const judge = judges[spec.name];
  if (!judge) {
    at([...path, 'name'], `unknown judge "${spec.name}"`, `use one of: ${Object.keys(judges).join(', ')}`);
    return;
  }
  const { name: _n, ...options } = spec;
  const validate = ajv.compile({ ...judge.options, additionalProperties: false });
  if (!validate(options)) {
    for (const err of validate.errors ?? []) {
      const extra = (err.params as { additionalProperty?: string }).additionalProperty;
      at(extra ? [...path, extra] : [...path, ...err.instancePath.split('/').filter(Boolean)], `judge ${spec.name}: ${extra ? `unknown option "${extra}"` : err.message}`, `options of ${spec.name}: ${Object.keys((judge.options as { properties?: object }).properties ?? {}).join(', ') || 'none'}`, Boolean(extra));
    }
  }
}

function checkGenerator(a: LoadedAssignment, call: GeneratorCall, path: (string | number)[], at: At): void {
  if (!a.generators[call.gen]) {
    at([...path, 'gen'], `unknown generator "${call.gen}"`, `use a built-in (${Object.keys(builtinGenerators).join(", ")}) or export it from assignments/${a.spec.id}/generators.ts`);
  }
  const nested = call.values;
  if (nested && typeof nested === 'object' && 'gen' in nested) checkGenerator(a, nested as GeneratorCall, [...path, 'values'], at);
}
