import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every output file of a bulk run, path → text, with durations taken out (summary.json's timing,
 * the dashboard's time column and slowest list, state files' ms): what two runs must agree on.
 */
export function bulkOutputs(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith('.tmp')) files[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  const summary = JSON.parse(files['summary.json']!);
  delete summary.timing;
  files['summary.json'] = JSON.stringify(summary);
  if (files['index.html'] !== undefined) {
    files['index.html'] = files['index.html']
      .replace(/<table id="slowest">[\s\S]*?<\/table>/, '')
      .replace(/ data-ms="\d+"/g, '')
      .replace(/\d+\.\d s</g, 's<');
  }
  for (const k of Object.keys(files))
    if (k.startsWith('.seedgrade/state/'))
      files[k] = JSON.stringify({ ...JSON.parse(files[k]!), ms: 0 });
  return files;
}
