import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../../grader/report/summary.js';
import type { TestDetail } from '../../../grader/report/details.js';
import { renderDashboardPage, renderReportPage } from '../../../grader/report/html/index.js';
import { report, SECRET, test } from '../fixtures.js';

const HOSTILE = `<img src=x onerror="document.title='pwned'"> </script><script>alert(1)</script> {{constructor.constructor}} {{> head}}`;

const hiddenFail = test({
  name: 'conv2d/hidden/1',
  exercise: 'conv2d',
  status: 'failed',
  visibility: 'hidden',
  output: 'hidden test: wrong value (3 of 4 values differ)',
  ta_output: `wrong value at [0][1]: expected 0.123457, got 9\ninputs: ${SECRET}`,
});
const visibleFail = test({
  name: 'conv2d/examples/1',
  exercise: 'conv2d',
  status: 'error',
  output: `conv2d threw Error: ${HOSTILE}`,
});
const hiddenAnswer = test({
  name: 'count/q1',
  exercise: 'count',
  status: 'failed',
  visibility: 'hidden',
  output: 'q1: not the expected value',
});
const training = test({
  name: 'clf/public',
  exercise: 'clf',
  status: 'failed',
  output: 'accuracy 75.0% (3/4)',
  curve: [
    { epoch: 1, loss: 1.2, accuracy: 0.5 },
    { epoch: 2, loss: 0.7, accuracy: 0.75 },
  ],
});

const details = new Map<string, TestDetail>([
  [
    'conv2d/hidden/1',
    {
      kind: 'numeric',
      expected: [
        [0.123456789, 2],
        [3, 4],
      ],
      got: [
        [1, 9],
        [9, 9],
      ],
      first: { key: '', index: 1 },
    },
  ],
  ['conv2d/examples/1', { kind: 'numeric', expected: [[5, 6]], got: [[5, 6]] }],
  [
    'count/q1',
    {
      kind: 'answer',
      question: 'How many weights does layer 1 have?',
      answer: `MY-ANSWER ${HOSTILE}`,
      reference: 'REF-ANSWER-77',
    },
  ],
  // labels 0,0,1,1 predicted 0,1,1,1: one mistake (true 0 → predicted 1), accuracy 3/4.
  [
    'clf/public',
    {
      kind: 'training',
      labels: [0, 0, 1, 1],
      predicted: [0, 1, 1, 1],
      classes: 2,
      chance: 0.5,
      full: 0.9,
    },
  ],
]);
const r = report('<b>mallory</b>', [visibleFail, hiddenFail, hiddenAnswer, training]);

describe('report pages', () => {
  const staff = renderReportPage(r, details, 'staff');
  const student = renderReportPage(r, details, 'student');

  it('staff page: hidden inputs, expected values, heatmaps and the student answer are there', () => {
    expect(staff).toContain(SECRET);
    expect(staff).toContain('expected 0.123457'); // hover title of the hidden heatmap
    expect(staff).toContain('REF-ANSWER-77');
    expect(staff).toContain('MY-ANSWER');
    expect((staff.match(/<svg class="heatmap"/g) ?? []).length).toBe(3 + 3); // expected, yours, difference for each
  });

  it('student page: a hidden test shows only its kind of failure (no inputs, expected values or own text)', () => {
    expect(student).not.toContain(SECRET);
    expect(student).not.toContain('0.123457');
    expect(student).not.toContain('0.123456789');
    expect(student).not.toContain('REF-ANSWER-77');
    expect(student).not.toContain('MY-ANSWER');
    expect(student).toContain('hidden test: wrong value (3 of 4 values differ)');
    expect(student).toContain('How many weights does layer 1 have?'); // the question itself is theirs already
    expect((student.match(/<svg class="heatmap"/g) ?? []).length).toBe(3); // only the visible test's
  });

  it('every student-influenced string is escaped text, never markup or a template', () => {
    for (const page of [staff, student]) {
      expect(page).not.toContain('<img');
      expect(page).not.toContain('<b>mallory');
      expect(page).toContain('&lt;b&gt;mallory&lt;/b&gt;');
      expect(page).toContain(
        '&lt;img src&#x3D;x onerror&#x3D;&quot;document.title&#x3D;&#x27;pwned&#x27;&quot;&gt;',
      );
      expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page).toContain('{{constructor.constructor}} {{&gt; head}}');
      expect(page).not.toMatch(/<script/i);
    }
  });

  it('a strict CSP: nothing loads, no script at all on report pages', () => {
    const csp = staff.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
    expect(csp).toBe(
      'default-src &#x27;none&#x27;; style-src &#x27;unsafe-inline&#x27;; base-uri &#x27;none&#x27;; form-action &#x27;none&#x27;',
    );
  });

  it('training: learning curves per quantity, the points curve at the student accuracy, the confusion matrix', () => {
    expect(staff).toContain('loss per epoch');
    expect(staff).toContain('accuracy per epoch');
    // (0.75 − 0.5) / (0.9 − 0.5) = 62.5% of the points, by hand.
    expect(staff).toContain('your accuracy 75% earns 62.5% of the points');
    expect(staff).toContain('true 0, predicted 1: 1');
    expect(staff).toContain('true 1, predicted 1: 2');
    expect(staff).toContain('true 1, predicted 0: 0');
  });

  it('is byte-identical for the same inputs, whatever order the details were collected in', () => {
    const reversed = new Map([...details.entries()].reverse());
    expect(renderReportPage(r, reversed, 'staff')).toBe(staff);
    expect(renderReportPage(r, details, 'student')).toBe(student);
  });
});

describe('dashboard page', () => {
  const a = report('alice', [
    test({ name: 't1', status: 'passed' }),
    test({ name: 't2', status: 'passed' }),
  ]);
  const b = report('bob', [
    test({ name: 't1', status: 'failed' }),
    test({ name: 't2', status: 'timeout' }),
  ]);
  const m = report('<img src=x onerror=alert(1)>', [
    test({ name: 't1', status: 'passed' }),
    test({ name: 't2', status: 'failed' }),
  ]);
  const reports = [a, b, m];
  const statuses = { alice: 'graded', bob: 'graded', [m.student]: 'compile-error' };
  const summary = summarize('cnn-hw1', reports, statuses);
  const students = reports.map((rep, i) => ({
    student: rep.student,
    report: rep,
    status: statuses[rep.student],
    ms: [1200, 300, 4500][i],
  }));
  const page = renderDashboardPage(summary, students);

  it('its one script is allowed by its own hash and nothing else is', () => {
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((x) => x[1]);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]).digest('base64');
    // Attribute values are entity-encoded; the browser reads them decoded.
    const csp = page
      .match(/content="(default-src[^"]+)"/)![1]
      .replaceAll('&#x27;', "'")
      .replaceAll('&#x3D;', '=');
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp.match(/script-src ([^;]+)/)![1]).not.toContain('unsafe');
  });

  it('failure rates worst first, rows per student with a link to their report and filter tokens', () => {
    // t2 failed by bob and the hostile one (2 of 3), t1 by bob only.
    expect(page.indexOf('<code>t2</code>')).toBeLessThan(page.indexOf('<code>t1</code>'));
    expect(page).toContain('66.7%');
    expect(page).toContain('href="bob/report.html"');
    expect(page).toContain('href="%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E/report.html"');
    expect(page).not.toContain('<img');
    expect(page).toMatch(/data-student="bob"[^>]*data-filter="graded test:failed test:timeout"/);
  });

  it('slowest submissions, slowest first', () => {
    const slow = page.slice(
      page.indexOf('id="slowest"'),
      page.indexOf('</table>', page.indexOf('id="slowest"')),
    );
    expect([...slow.matchAll(/(\d+\.\d) s</g)].map((x) => x[1])).toEqual(['4.5', '1.2', '0.3']);
  });
});
