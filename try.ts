import { readdirSync, mkdtempSync, cpSync, copyFileSync, symlinkSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadForGrading } from './grader/cli/load-spec.js';
import { gradeSubmission } from './grader/pipeline.js';
const root = process.cwd();
const { assignment, reference } = await loadForGrading(root, 'feature-map');
const H = join(root, 'tests/hostile');
const base = mkdtempSync(join(tmpdir(), 'hx-'));
const only = process.argv.slice(2);
for (const name of readdirSync(join(H, 'submissions')).sort()) {
  if (only.length && !only.includes(name)) continue;
  const to = join(base, name); mkdirSync(to);
  for (const f of readdirSync(join(H, 'submissions', name))) writeFileSync(join(to, f), readFileSync(join(H, 'submissions', name, f), 'utf8').replaceAll('__HOSTILE_PORT__', '9').replaceAll('__CANARY__', base));
  copyFileSync(join(H, 'honest.ts'), join(to, 'honest.ts'));
  if (name === 'symlink-reference') symlinkSync(join(root, 'solutions/feature-map/feature_map.ts'), join(to, 'feature_map.ts'));
  const t = Date.now();
  const r = await gradeSubmission({ assignment, reference, submissionDir: to, student: name, secret: { value: 's', source: 'provided' }, limits: { memoryMb: 128, maxProcesses: 32, outputBytes: 4 << 20 }, runtime: 'wasm' });
  const groups = new Map<string, string>();
  for (const t of r.tests) if (t.status !== 'passed') { const k = t.name.split('/')[0] + ':' + t.status; if (!groups.has(k)) groups.set(k, (t.visibility === 'visible' ? t.output : t.output).split('\n')[0].slice(0, 110)); }
  console.log(name, Date.now() - t, 'ms', JSON.stringify([...groups.entries()]));
}
