import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { TSchema } from '@sinclair/typebox';
import { precompiledAssignmentValidator } from './assignment-validator.js';
import type { SpecProblem } from './errors.js';
import { Assignment } from './schema.js';
import { pointerToPath, positionOf, type YamlSource } from './yaml-source.js';

// scripts/build.mjs precompiles the assignment schema with the same options.
const AJV_OPTIONS = { allErrors: true, strict: false } as const;
let ajv: Ajv | undefined;
const compiled = new WeakMap<TSchema, ValidateFunction>();

/** Checks a parsed YAML file against a schema; every error carries its line and column. */
export function checkAgainstSchema(source: YamlSource, schema: TSchema): SpecProblem[] {
  let validate = compiled.get(schema);
  if (!validate) {
    const ahead = schema === Assignment ? precompiledAssignmentValidator : undefined;
    validate = ahead ?? (ajv ??= new Ajv(AJV_OPTIONS)).compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(source.value)) return [];
  return bestBranchErrors(validate.errors ?? []).map((e) => toProblem(source, e));
}

/**
 * anyOf failures make ajv report every branch. Keep, for each anyOf, only the branch that came
 * closest (fewest errors), so that a generated group is not told it lacks `cases`.
 */
export function bestBranchErrors(errors: ErrorObject[]): ErrorObject[] {
  const unionFailures = errors.filter((e) => e.keyword === 'anyOf');
  let kept = errors.filter((e) => e.keyword !== 'anyOf');
  // Innermost unions first, so that outer ones compare already-pruned branches.
  for (const u of unionFailures.sort((a, b) => b.schemaPath.length - a.schemaPath.length)) {
    const prefix = u.schemaPath + '/';
    const branchOf = (e: ErrorObject): number | undefined => {
      if (!e.schemaPath.startsWith(prefix) || !e.instancePath.startsWith(u.instancePath))
        return undefined;
      return Number(e.schemaPath.slice(prefix.length).split('/')[0]);
    };
    const counts = new Map<number, number>();
    for (const e of kept) {
      const b = branchOf(e);
      if (b !== undefined) counts.set(b, (counts.get(b) ?? 0) + 1);
    }
    if (counts.size === 0) continue;
    const branchErrors = kept.filter((e) => branchOf(e) !== undefined);
    if (branchErrors.every((e) => e.keyword === 'const' && e.instancePath === u.instancePath)) {
      // A union of literals: one "must be one of" instead of one error per literal.
      const allowedValues = branchErrors.map(
        (e) => (e.params as { allowedValue: unknown }).allowedValue,
      );
      kept = [
        ...kept.filter((e) => branchOf(e) === undefined),
        { ...u, keyword: 'enum', params: { allowedValues } },
      ];
      continue;
    }
    const best = [...counts.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0])[0][0];
    kept = kept.filter((e) => {
      const b = branchOf(e);
      return b === undefined || b === best;
    });
  }
  return kept;
}

function toProblem(source: YamlSource, e: ErrorObject): SpecProblem {
  const path = pointerToPath(e.instancePath);
  const where = path.length ? path.join('.') : 'the top level';
  const params = e.params as Record<string, unknown>;
  const problem = (message: string, fix: string, at = path, key = false): SpecProblem => ({
    file: source.file,
    ...positionOf(source, at, key),
    message,
    fix,
  });
  switch (e.keyword) {
    case 'required':
      return problem(
        `${where} is missing "${String(params.missingProperty)}"`,
        `add a "${String(params.missingProperty)}:" entry`,
      );
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      return problem(
        `unknown property "${extra}" in ${where}`,
        'remove it or check its spelling against the schema',
        [...path, extra],
        true,
      );
    }
    case 'type':
      return problem(
        `${where} must be ${article(String(params.type))}`,
        `write ${article(String(params.type))} here`,
      );
    case 'pattern':
      return problem(
        `${where} "${String(valueAt(source.value, path))}" has the wrong form`,
        e.parentSchema?.description
          ? `use ${e.parentSchema.description}`
          : `match ${String(params.pattern)}`,
      );
    case 'const':
      return problem(
        `${where} must be ${JSON.stringify(params.allowedValue)}`,
        `write ${JSON.stringify(params.allowedValue)}`,
      );
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return problem(`${where} must be one of ${allowed}`, `write one of ${allowed}`);
    }
    case 'minItems':
      return problem(
        `${where} needs at least ${String(params.limit)} item(s)`,
        'add the missing items',
      );
    case 'exclusiveMinimum':
    case 'minimum':
      return problem(
        `${where} must be ${e.keyword === 'minimum' ? '≥' : '>'} ${String(params.limit)}`,
        'use a larger number',
      );
    case 'maximum':
      return problem(`${where} must be ≤ ${String(params.limit)}`, 'use a smaller number');
    case 'minLength':
      return problem(`${where} must not be empty`, 'write some text');
    default:
      return problem(`${where} ${e.message ?? 'is invalid'}`, 'see schemas/assignment.schema.json');
  }
}

const article = (t: string): string =>
  t === 'array' || t === 'object' || t === 'integer' ? `an ${t}` : `a ${t}`;

function valueAt(value: unknown, path: (string | number)[]): unknown {
  let v = value;
  for (const p of path) v = (v as Record<string | number, unknown> | undefined)?.[p];
  return v;
}
