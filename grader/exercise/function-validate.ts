import { Ajv } from 'ajv';
import { expandGroup } from '../cases/expand.js';
import { builtinGenerators } from '../cases/generators.js';
import { judges } from '../judge/registry.js';
import type { FunctionExercise, GeneratorCall } from '../spec/schema.js';
import type { LoadedAssignment } from '../spec/load.js';
import type { ProblemAt, ValidateContext } from './types.js';

const ajv = new Ajv({ strict: false });

/** A function exercise's references: the export, judges and their options, groups, generators. */
export function validateFunctionExercise(
  ex: FunctionExercise,
  { assignment: a, reference, path: base, at }: ValidateContext,
): void {
  if (reference) {
    const fn = reference[ex.file]?.[ex.export];
    if (typeof fn !== 'function')
      at(
        [...base, 'export'],
        `the reference solution's ${ex.file} does not export a function "${ex.export}"`,
        'export it from the reference solution or fix the name',
      );
  }
  checkJudge(ex.judge, [...base, 'judge'], at);
  const groupNames = new Set<string>();
  const withPoints = ex.groups.filter((g) => g.points !== undefined);
  if (withPoints.length && withPoints.length !== ex.groups.length)
    at(
      [...base, 'groups'],
      'some groups have points and some do not',
      'give every group points, or none (then points are shared by case)',
    );
  const sum = withPoints.reduce((s, g) => s + (g.points ?? 0), 0);
  if (withPoints.length === ex.groups.length && Math.abs(sum - ex.points) > 1e-9)
    at(
      [...base, 'points'],
      `the groups' points add up to ${sum}, not ${ex.points}`,
      'make them add up to the exercise points',
    );
  ex.groups.forEach((g, gi) => {
    const gpath = [...base, 'groups', gi];
    if (groupNames.has(g.name))
      at(
        [...gpath, 'name'],
        `group name "${g.name}" is used twice in ${ex.id}`,
        'give each group its own name',
      );
    groupNames.add(g.name);
    if (g.judge) checkJudge(g.judge, [...gpath, 'judge'], at);
    if (!('count' in g)) return;
    for (const [name, call] of Object.entries(g.let ?? {}))
      checkGenerator(a, call as GeneratorCall, [...gpath, 'let', name], at);
    g.args.forEach((arg, i) => {
      if (typeof arg === 'string') {
        if (!(arg in (g.let ?? {})))
          at(
            [...gpath, 'args', i],
            `"${arg}" is not bound in let`,
            'bind it under let: or use a generator call',
          );
      } else checkGenerator(a, arg as GeneratorCall, [...gpath, 'args', i], at);
    });
    try {
      expandGroup(a, ex, g, { secret: 'validate', student: 'validate' }, 1);
    } catch (err) {
      at(
        gpath,
        `generating a case failed: ${(err as Error).message}`,
        'fix the generator parameters',
      );
    }
  });
}

function checkJudge(
  spec: { name: string } & Record<string, unknown>,
  path: (string | number)[],
  at: ProblemAt,
): void {
  const judge = judges[spec.name];
  if (!judge) {
    at(
      [...path, 'name'],
      `unknown judge "${spec.name}"`,
      `use one of: ${Object.keys(judges).join(', ')}`,
    );
    return;
  }
  const { name: _n, ...options } = spec;
  const validate = ajv.compile({ ...judge.options, additionalProperties: false });
  if (validate(options)) return;
  const known =
    Object.keys((judge.options as { properties?: object }).properties ?? {}).join(', ') || 'none';
  for (const err of validate.errors ?? []) {
    const extra = (err.params as { additionalProperty?: string }).additionalProperty;
    const where = extra
      ? [...path, extra]
      : [...path, ...err.instancePath.split('/').filter(Boolean)];
    at(
      where,
      `judge ${spec.name}: ${extra ? `unknown option "${extra}"` : err.message}`,
      `options of ${spec.name}: ${known}`,
      Boolean(extra),
    );
  }
}

function checkGenerator(
  a: LoadedAssignment,
  call: GeneratorCall,
  path: (string | number)[],
  at: ProblemAt,
): void {
  if (!a.generators[call.gen]) {
    at(
      [...path, 'gen'],
      `unknown generator "${call.gen}"`,
      `use a built-in (${Object.keys(builtinGenerators).join(', ')}) or export it from assignments/${a.spec.id}/generators.ts`,
    );
  }
  const nested = call.values;
  if (nested && typeof nested === 'object' && 'gen' in nested)
    checkGenerator(a, nested as GeneratorCall, [...path, 'values'], at);
}
