import { chmodSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './project.js';

/**
 * A course folder (npm init -y) with seedgrade installed from a packed tarball: what `npm publish`
 * would ship. The folder is readable by anyone, so another uid can run the grader from it wherever
 * the checkout lives. `--ignore-scripts`: dist/ is built already (vitest's global setup), and
 * `prepare` would rebuild it under the other tests.
 */
export function installPackedGrader(prefix: string): string {
  const packs = mkdtempSync(join(tmpdir(), 'seedgrade-pack-'));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packs], {
      cwd: REPO,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as { filename: string }[];
  const course = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(course, 0o755);
  execFileSync('npm', ['init', '-y'], { cwd: course, stdio: 'ignore' });
  const tarball = join(packs, packed[0]!.filename);
  const install = ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball];
  execFileSync('npm', install, { cwd: course, stdio: 'ignore' });
  return course;
}
