import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { schemaFiles, schemaText } from '../../grader/schemas.js';
import { REPO } from '../helpers/project.js';
import { grade } from '../helpers/grade.js';

describe('JSON Schemas in the repo', () => {
  it('match the TypeBox definitions they are generated from (run npm run schemas)', () => {
    for (const [file, schema] of Object.entries(schemaFiles))
      expect(readFileSync(join(REPO, file), 'utf8'), file).toBe(schemaText(schema));
  });

  it('a real report validates against schemas/report.schema.json, and a broken one does not', async () => {
    const schema = JSON.parse(readFileSync(join(REPO, 'schemas/report.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    const report = JSON.parse(
      JSON.stringify(
        await grade('feature-map', join(REPO, 'examples/feature-map-class/frank'), 'frank'),
      ),
    );
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    for (const key of ['version', 'assignment', 'student', 'score', 'max_score', 'tests'])
      expect(report).toHaveProperty(key);
    for (const key of ['name', 'exercise', 'score', 'max_score', 'status', 'visibility', 'output'])
      expect(report.tests[0]).toHaveProperty(key);
    expect(validate({ ...report, tests: [{ ...report.tests[0], status: 'maybe' }] })).toBe(false);
  });

  it('every assignment spec in the repo points editors at the schema', () => {
    const text = readFileSync(join(REPO, 'assignments/feature-map/assignment.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../schemas/assignment.schema.json',
    );
  });
});
