/**
 * The HTML pages in a real browser (Debian's chromium through playwright-core), on the demo class
 * plus a hostile submission: one browser for the whole file.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersTemplateFor } from '../../../../grader/answers/init.js';
import { bulkGrade } from '../../../../grader/bulk/run.js';
import { gradeSubmissionWithDetails } from '../../../../grader/pipeline.js';
import { renderDashboardPage, renderReportPage } from '../../../../grader/report/html/index.js';
import type { Report } from '../../../../grader/report/schema.js';
import type { LoadedAssignment } from '../../../../grader/spec/load.js';
import { loaded } from '../../../helpers/grade.js';
import { REPO } from '../../../helpers/project.js';
import { report as fakeReport, test as fakeTest } from '../../fixtures.js';
import { clear, launch, SCREENSHOTS, watchedPage, type Watch } from './browser.js';
import { EVIL, HOSTILE_FEATURE_MAP } from './hostile.js';
import { answersFiles } from '../../../../grader/exercise/registry.js';

/** The demo's looping student would take 2 s per case: the same grading with shorter limits. */
function withTimeout(a: LoadedAssignment, ms: number): LoadedAssignment {
  return {
    ...a,
    spec: {
      ...a.spec,
      exercises: a.spec.exercises.map((ex) =>
        ex.kind === 'function' ? { ...ex, timeout_ms: ms } : ex,
      ),
    },
  };
}

let browser: Browser;
let page: Page;
let watch: Watch;
let out: string;
let students: string[];
const reportOf = (s: string): Report =>
  JSON.parse(readFileSync(join(out, s, 'report.json'), 'utf8')) as Report;

async function open(file: string): Promise<void> {
  clear(watch);
  await page.goto(pathToFileURL(file).href);
}

/** Nothing on the page went wrong and nothing left the file. */
function expectQuiet(): void {
  expect(watch.errors).toEqual([]);
  expect(watch.dialogs).toEqual([]);
  expect(watch.blocked).toEqual([]);
  expect(watch.requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual(
    [],
  );
}

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'seedgrade-html-'));
  const cls = join(root, 'class');
  cpSync(join(REPO, 'examples', 'feature-map-class'), cls, { recursive: true });
  mkdirSync(join(cls, 'mallory'));
  writeFileSync(join(cls, 'mallory', 'feature_map.ts'), HOSTILE_FEATURE_MAP);
  out = join(root, 'out');
  const { assignment } = await loaded('feature-map');
  const [result, b] = await Promise.all([
    bulkGrade({
      submissionsDir: cls,
      outDir: out,
      assignment: withTimeout(assignment, 800),
      secret: { value: 'browser', source: 'provided' },
      jobs: 2,
      graderVersion: 'test',
      progress: false,
    }),
    launch(),
  ]);
  students = result.graded;
  browser = b;
  ({ page, watch } = await watchedPage(browser));
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('pages of a graded class', () => {
  it('every page loads with no console error, no dialog and no request leaving the file', async () => {
    expect(students).toEqual(['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'mallory']);
    const pages = [
      join(out, 'index.html'),
      ...students.flatMap((s) => [join(out, s, 'report.html'), join(out, s, 'feedback.html')]),
    ];
    for (const file of pages) {
      await open(file);
      expect(await page.locator('h1').count(), file).toBe(1);
      expectQuiet();
    }
  });

  it('each heatmap has one cell per value of its matrix', async () => {
    await open(join(out, 'carol', 'report.html'));
    // The example: carol's featureMap on a 5 × 5 output, "16 of 25 values differ".
    const random1 = page.locator('details.test', { hasText: 'random/1' }).first();
    const cellsPerGrid = await random1
      .locator('svg.heatmap')
      .evaluateAll((svgs) => svgs.map((s) => s.querySelectorAll('rect.cell').length));
    expect(cellsPerGrid).toEqual([25, 25, 25]);
    // Every failed comparison states "(d of n values differ)" in the judge's words: its expected map has n cells.
    const checked = await page.locator('details.test').evaluateAll((tests) =>
      tests.flatMap((t) => {
        const m = (t.textContent ?? '').match(/\((\d+) of (\d+) values differ\)/);
        const first = t.querySelector('svg.heatmap');
        return m && first ? [[Number(m[2]), first.querySelectorAll('rect.cell').length]] : [];
      }),
    );
    expect(checked.length).toBeGreaterThan(3);
    for (const [n, cells] of checked) expect(cells).toBe(n);
    // The first difference is outlined once per grid.
    expect(await random1.locator('rect.first').count()).toBe(3);
    // Hover text names the cell and all three values.
    expect(await random1.locator('svg.heatmap rect.cell title').first().textContent()).toMatch(
      /^\[0\]\[0\] expected -?[\d.]+ · yours -?[\d.]+ · difference -?[\d.]+$/,
    );
    // The top of the page: score, then the first failing test's three heatmaps.
    await page.screenshot({
      path: join(SCREENSHOTS, 'report.png'),
      clip: { x: 0, y: 0, width: 1200, height: 780 },
    });
  });

  it('the dashboard sorts by score on a click and filters by status', async () => {
    await open(join(out, 'index.html'));
    const order = () =>
      page
        .locator('#students tbody tr:not([hidden])')
        .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.student));
    expect(await order()).toEqual(students);
    // Expected orders from report.json on disk: score ratio, highest first, ties by name.
    const ratio = (s: string) => reportOf(s).score / reportOf(s).max_score;
    const byScore = [...students].sort((a, b) => ratio(b) - ratio(a) || (a < b ? -1 : 1));
    await page.getByRole('button', { name: 'score' }).click();
    expect(await order()).toEqual(byScore);
    expect(await page.locator('th[data-key="score"]').getAttribute('aria-sort')).toBe('descending');
    await page.getByRole('button', { name: 'score' }).click();
    expect(await order()).toEqual(
      [...students].sort((a, b) => ratio(a) - ratio(b) || (a < b ? -1 : 1)),
    );

    const withStatus = (st: string) =>
      students.filter((s) => reportOf(s).tests.some((t) => t.status === st)).sort();
    await page.selectOption('#status-filter', 'test:timeout');
    expect((await order())?.sort()).toEqual(withStatus('timeout'));
    expect(withStatus('timeout')).toEqual(['erin']);
    await page.selectOption('#status-filter', 'test:error');
    expect((await order())?.sort()).toEqual(withStatus('error'));
    expect(await page.locator('#shown').textContent()).toBe(
      `${withStatus('error').length} of ${students.length} shown`,
    );
    await page.selectOption('#status-filter', 'graded');
    expect(await order()).toHaveLength(students.length);
    await page.fill('#search', 'car');
    expect(await order()).toEqual(['carol']);
    await page.fill('#search', '');
    await page.selectOption('#status-filter', '');
    await page.getByRole('button', { name: 'student' }).click();
    expect(await order()).toEqual(students);
    expectQuiet();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true });

    // The link leads to the student's staff report.
    await page.getByRole('link', { name: 'carol' }).first().click();
    expect(await page.locator('h1').textContent()).toBe('feature-map: carol');
  });

  it("a hostile submission's markup, </script> and {{…}} show as text and run nothing", async () => {
    for (const file of ['report.html', 'feedback.html']) {
      await open(join(out, 'mallory', file));
      expectQuiet();
      const state = await page.evaluate(() => ({
        title: document.title,
        images: document.images.length,
        scripts: document.scripts.length,
        text: document.body.innerText,
      }));
      expect(state.title).toBe(
        file === 'report.html'
          ? 'feature-map: report for mallory'
          : 'feature-map: feedback for mallory',
      );
      expect(state.images).toBe(0);
      expect(state.scripts).toBe(0);
      // A visible test's message shows the exception text as it was thrown, character for character.
      expect(state.text).toContain(EVIL);
      // Hidden tests in the student view carry none of the student's text.
      const hiddenText = await page
        .locator('details.test:has(.tag)')
        .evaluateAll((ts) => ts.map((t) => t.textContent ?? '').join('\n'));
      expect(hiddenText.length).toBeGreaterThan(0);
      if (file === 'feedback.html') expect(hiddenText).not.toContain('onerror');
      else expect(hiddenText).toContain('onerror'); // staff see ta_output
    }
  });

  it('answers: the question, the hostile answer as text, the verdict', async () => {
    const { assignment, reference } = await loaded('count-weights');
    const dir = mkdtempSync(join(tmpdir(), 'seedgrade-answers-'));
    const template = answersTemplateFor(
      assignment.spec,
      answersFiles(assignment.spec)[0]!.exercises,
      'mallory',
    );
    // Every answer is the hostile string (quoted for YAML).
    writeFileSync(
      join(dir, 'answers.yaml'),
      template.replace(/^(\s+[\w[\]]+):\s*$/gm, `$1: ${JSON.stringify(EVIL)}`),
    );
    const graded = await gradeSubmissionWithDetails({
      assignment,
      reference,
      submissionDir: dir,
      student: 'mallory',
      secret: { value: 'k', source: 'provided' },
    });
    const answers = graded.report.tests.filter((t) => t.group === 'answers');
    expect(answers.length).toBeGreaterThan(2);
    for (const [view, file] of [
      ['staff', 'answers-staff.html'],
      ['student', 'answers-student.html'],
    ] as const) {
      writeFileSync(join(dir, file), renderReportPage(graded.report, graded.details, view));
      await open(join(dir, file));
      expectQuiet();
      const text = await page.evaluate(() => document.body.innerText);
      expect(await page.evaluate(() => document.images.length + document.scripts.length)).toBe(0);
      expect(text).toContain(
        'How many input features does an RGB image of 224 × 224 pixels give a fully connected layer?',
      );
      // The answers exercise is hidden: only staff see the answer as given.
      if (view === 'staff') expect(text).toContain(EVIL);
      else expect(text).not.toContain('onerror');
    }
  });
});

describe('a class of 1,000', () => {
  it('renders every row, sorts and filters', async () => {
    const reports = Array.from({ length: 1000 }, (_, i) =>
      fakeReport(`s${String(i).padStart(4, '0')}`, [
        fakeTest({ name: 't1', status: i % 3 === 0 ? 'failed' : 'passed' }),
        fakeTest({ name: 't2', status: i % 7 === 0 ? 'timeout' : 'passed' }),
      ]),
    );
    const { summarize } = await import('../../../../grader/report/summary.js');
    const statuses = Object.fromEntries(reports.map((r) => [r.student, 'graded']));
    const html = renderDashboardPage(
      summarize('big', reports, statuses),
      reports.map((r, i) => ({
        student: r.student,
        report: r,
        status: 'graded',
        ms: (i * 37) % 1000,
      })),
    );
    const dir = mkdtempSync(join(tmpdir(), 'seedgrade-big-'));
    writeFileSync(join(dir, 'index.html'), html);
    await open(join(dir, 'index.html'));
    const rows = page.locator('#students tbody tr:not([hidden])');
    expect(await rows.count()).toBe(1000);
    await page.getByRole('button', { name: 'score' }).click();
    // 1000 − 334 students with t1 failed (i divisible by 3) have full marks; the first is s0001.
    expect(await rows.first().getAttribute('data-student')).toBe('s0001');
    await page.selectOption('#status-filter', 'test:timeout');
    expect(await rows.count()).toBe(Math.floor(999 / 7) + 1); // i = 0, 7, …, 994
    expectQuiet();
  });
});

it('the screenshots were written', () => {
  expect(readdirSync(SCREENSHOTS)).toEqual(expect.arrayContaining(['dashboard.png', 'report.png']));
});
