import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { bulkGrade } from '../../grader/bulk/run.js';
import type { Report } from '../../grader/report/schema.js';
import { loaded } from '../helpers/grade.js';
import { REPO } from '../helpers/project.js';

// The points of feature-map's exercises, from assignments/feature-map/assignment.yaml.
const POINTS = { featureMap: 4, outputSize: 2, conv2d: 4, maxPool: 3, relu: 1 };

describe('the demo class gradebook', () => {
  it('every exercise column is the sum of its tests, and the columns add up to the score', async () => {
    const { assignment } = await loaded('feature-map');
    const out = mkdtempSync(join(tmpdir(), 'seedgrade-demo-columns-'));
    await bulkGrade({
      submissionsDir: join(REPO, 'examples', 'feature-map-class'),
      outDir: out,
      assignment,
      secret: { value: 'demo-secret', source: 'provided' },
      jobs: 2,
      graderVersion: 'test',
      progress: false,
    });
    const text = readFileSync(join(out, 'gradebook.csv'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const rows = Papa.parse<Record<string, string>>(text, {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => r.student)).toEqual(['alice', 'bob', 'carol', 'dave', 'erin', 'frank']);
    const micro = (x: number) => Math.round(x * 1e6);
    for (const row of rows) {
      const report = JSON.parse(
        readFileSync(join(out, row.student!, 'report.json'), 'utf8'),
      ) as Report;
      let columns = 0;
      for (const ex of Object.keys(POINTS)) {
        // The tests' exact shares, summed in millionths of a point.
        const tests = report.tests.filter((t) => t.exercise === ex);
        expect(micro(Number(row[ex]))).toBe(micro(tests.reduce((s, t) => s + t.score, 0)));
        columns += micro(Number(row[ex]));
      }
      expect(columns).toBe(micro(Number(row.score)));
      expect(Number(row.max_score)).toBe(14);
    }
    // Alice is correct: each column is the exercise's points, written as a whole number (not 3.999996).
    const alice = rows.find((r) => r.student === 'alice')!;
    expect(Object.keys(POINTS).map((e) => alice[e])).toEqual(Object.values(POINTS).map(String));
    expect(alice.score).toBe('14');
  }, 240_000);
});
