import { Report } from './report/schema.js';
import { Assignment } from './spec/schema.js';

/** The JSON Schema files kept in the repo (for editors and other tools), generated from the TypeBox types. */
export const schemaFiles: Record<string, unknown> = {
  'schemas/assignment.schema.json': {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...Assignment,
  },
  'schemas/report.schema.json': { $schema: 'http://json-schema.org/draft-07/schema#', ...Report },
};

export const schemaText = (schema: unknown): string => JSON.stringify(schema, null, 2) + '\n';
