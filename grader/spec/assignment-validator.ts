import type { ValidateFunction } from 'ajv';

/**
 * The assignment schema's validator, compiled ahead of time: `npm run build` replaces this module
 * with ajv's standalone code for schemas/assignment.schema.json (same options as schema-check.ts),
 * which saves compiling the schema (~100 ms) at every start. From the sources it is absent, and
 * schema-check.ts compiles the schema on first use.
 */
export const precompiledAssignmentValidator: ValidateFunction | undefined = undefined;
