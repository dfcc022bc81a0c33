// npm run schemas: regenerates schemas/*.json from the TypeBox definitions (a test checks they match).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { schemaFiles, schemaText } from '../grader/schemas.js';

for (const [file, schema] of Object.entries(schemaFiles)) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, schemaText(schema));
  console.log(`wrote ${file}`);
}
