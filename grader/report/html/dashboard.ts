import { scaleLinear } from 'd3-scale';
import { formatNumber } from '../../judge/tensor.js';
import type { Report, TestResult } from '../schema.js';
import { STATUS_LABEL } from './report-page.js';
import { roundTo } from '../../score/points.js';
import type { ClassSummary } from '../summary.js';

/** The class figures the dashboard draws: summary.json's. */
export type DashboardSummary = ClassSummary;

export interface DashboardStudent {
  student: string;
  report: Report;
  /** Bulk's status for the submission: graded, compile-error, refused, unreadable. */
  status: string;
  ms: number;
}

const HIST = { w: 560, h: 214, left: 36, bottom: 36, top: 34 };
const pct = (r: number): string => `${formatNumber(roundTo(r * 1000, 0) / 10)}%`;
const two = (x: number): string => formatNumber(roundTo(x, 2));
const seconds = (ms: number): string => (ms / 1000).toFixed(1);
/** Links are relative to index.html; a student id is a folder name, so it is one path segment. */
export const reportHref = (student: string): string => `${encodeURIComponent(student)}/report.html`;

function histogram(s: DashboardSummary) {
  const plotW = HIST.w - HIST.left - 10;
  const plotH = HIST.h - HIST.top - HIST.bottom;
  const max = Math.max(1, ...s.histogram.map((b) => b.count));
  const y = scaleLinear()
    .domain([0, max])
    .range([HIST.top + plotH, HIST.top])
    .nice();
  const bw = plotW / Math.max(1, s.histogram.length);
  const at = (score: number): number =>
    roundTo(HIST.left + (s.max_score > 0 ? score / s.max_score : 0) * plotW, 1);
  return {
    width: HIST.w,
    height: HIST.h,
    baseline: HIST.top + plotH,
    top: HIST.top,
    labelTop: 10,
    lineTop: 16,
    binWidth: formatNumber(s.histogram.length ? s.histogram[0].to - s.histogram[0].from : 0),
    left: HIST.left,
    right: HIST.left + plotW,
    bars: s.histogram.map((b, i) => ({
      x: roundTo(HIST.left + i * bw + 2, 1),
      w: roundTo(bw - 4, 1),
      y: roundTo(y(b.count), 1),
      h: roundTo(HIST.top + plotH - y(b.count), 1),
      cx: roundTo(HIST.left + i * bw + bw / 2, 1),
      edge: roundTo(HIST.left + i * bw, 1),
      from: formatNumber(b.from),
      count: b.count,
      // Inside the bar's top when it is tall enough (white), else just above it.
      inside: HIST.top + plotH - y(b.count) >= 18,
      labelY: roundTo(HIST.top + plotH - y(b.count) >= 18 ? y(b.count) + 12 : y(b.count) - 4, 1),
      label: `${formatNumber(b.from)}–${formatNumber(b.to)}`,
      title: `${b.count} submission${b.count === 1 ? '' : 's'} scored ${formatNumber(b.from)} to ${formatNumber(b.to)}${i === s.histogram.length - 1 ? ' (inclusive)' : ''}`,
    })),
    // Mean and median as dashed lines; their labels lean away from each other.
    markers: [
      {
        x: at(s.mean),
        label: `mean ${two(s.mean)}`,
        anchor: s.mean <= s.median ? 'end' : 'start',
        dx: s.mean <= s.median ? -3 : 3,
      },
      {
        x: at(s.median),
        label: `median ${two(s.median)}`,
        anchor: s.mean <= s.median ? 'start' : 'end',
        dx: s.mean <= s.median ? 3 : -3,
      },
    ].map((m) => ({ ...m, lx: roundTo(m.x + m.dx, 1) })),
    end: { x: HIST.left + plotW, label: formatNumber(s.histogram.at(-1)?.to ?? 0) },
    ticks: y
      .ticks(Math.min(5, max))
      .filter(Number.isInteger)
      .map((t) => ({ y: roundTo(y(t), 1), label: String(t) })),
  };
}

/** Everything index.html shows; rows are rendered here so that 1,000 students need no client-side templating. */
export function dashboardModel(summary: DashboardSummary, students: readonly DashboardStudent[]) {
  const testStatuses = new Set<string>();
  const withStatus = new Map<string, number>();
  const rows = [...students]
    .sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0))
    .map((s) => {
      const own = new Set<TestResult['status']>(s.report.tests.map((t) => t.status));
      own.forEach((t) => {
        testStatuses.add(t);
        withStatus.set(t, (withStatus.get(t) ?? 0) + 1);
      });
      const passed = s.report.tests.filter((t) => t.status === 'passed').length;
      return {
        student: s.student,
        href: reportHref(s.student),
        feedbackHref: `${encodeURIComponent(s.student)}/feedback.html`,
        score: two(s.report.score),
        max: two(s.report.max_score),
        ratio: s.report.max_score > 0 ? s.report.score / s.report.max_score : 0,
        percent: pct(s.report.max_score > 0 ? s.report.score / s.report.max_score : 0),
        status: s.status,
        tests: `${passed} / ${s.report.tests.length}`,
        passed,
        problems: [...own]
          .filter((t) => t !== 'passed')
          .sort()
          .map((t) => STATUS_LABEL[t])
          .join(', '),
        filterTokens: [s.status, ...[...own].map((t) => `test:${t}`)].sort().join(' '),
        ms: s.ms,
        seconds: seconds(s.ms),
      };
    });
  const failing = summary.failure_rates.filter((f) => f.failed > 0);
  const slowest = [...students]
    .sort((a, b) => b.ms - a.ms || (a.student < b.student ? -1 : 1))
    .slice(0, 5);
  return {
    assignment: summary.assignment,
    submissions: summary.submissions,
    mean: two(summary.mean),
    median: two(summary.median),
    max: two(summary.max_score),
    statuses: Object.entries(summary.statuses)
      .sort()
      .map(([status, n]) => ({ status, n, share: pct(n / Math.max(1, summary.submissions)) })),
    histogram: histogram(summary),
    testStatusCounts: (Object.keys(STATUS_LABEL) as TestResult['status'][])
      .filter((t) => t !== 'passed' && withStatus.has(t))
      .map((t) => ({ status: t, label: STATUS_LABEL[t], n: withStatus.get(t) })),
    failures: failing.map((f) => ({
      test: f.test,
      failed: f.failed,
      percent: pct(f.rate),
      width: Math.max(1, Math.round(f.rate * 160)),
    })),
    allPassedTests: summary.failure_rates.length - failing.length,
    slowest: slowest.map((s) => ({
      student: s.student,
      href: reportHref(s.student),
      seconds: seconds(s.ms),
    })),
    rows,
    statusOptions: Object.keys(summary.statuses).sort(),
    testStatusOptions: (Object.keys(STATUS_LABEL) as TestResult['status'][])
      .filter((t) => t !== 'passed' && testStatuses.has(t))
      .map((t) => ({ value: `test:${t}`, label: STATUS_LABEL[t] })),
  };
}
