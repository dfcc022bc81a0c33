// npm run lint: the dependency rules (proved able to fail first), ESLint and Prettier's check.
// Installs the tools into tools/lint/node_modules on first use (they need their own TypeScript).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(dirname(here));
const bin = (name) => join(here, 'node_modules', '.bin', name);
const run = (cmd, args, cwd = root) =>
  spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const fail = (what, r) => {
  console.error(`lint: ${what}\n${r.stdout}${r.stderr}`);
  process.exit(1);
};

if (!existsSync(bin('depcruise'))) {
  const r = run('npm', ['ci', '--no-audit', '--no-fund', '--silent'], here);
  if (r.status !== 0) fail('installing the lint tools failed', r);
}
const config = join(here, 'dependency-cruiser.cjs');

// The rules must be able to fail: a spec module importing the CLI is refused.
const probe = run(
  bin('depcruise'),
  ['grader', '--config', config],
  join(here, 'fixtures', 'upward'),
);
if (probe.status === 0 || !`${probe.stdout}`.includes('no-upward-from-spec'))
  fail('the dependency rules did not refuse an upward import (tools/lint/fixtures/upward)', probe);
console.log('dependency rules: an upward import is refused (self-test)');

const steps = [
  ['dependency rules', bin('depcruise'), ['grader', '--config', config]],
  ['eslint', bin('eslint'), ['.', '--max-warnings', '0']],
  ['prettier', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
];
for (const [name, cmd, args] of steps) {
  const r = run(cmd, args);
  if (r.status !== 0) fail(`${name} failed`, r);
  console.log(`${name}: ok`);
}
