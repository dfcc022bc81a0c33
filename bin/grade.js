#!/usr/bin/env node
// Runs the compiled CLI (npm run build, run by npm's prepare on install, writes dist/).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error(
    `grade: seedgrade is not built (no ${cli.pathname}); run npm run build in ${new URL('..', import.meta.url).pathname}`,
  );
  process.exit(2);
}
await import(cli.href);
