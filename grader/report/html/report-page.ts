import { formatNumber } from '../../judge/tensor.js';
import type { Details, TestDetail } from '../details.js';
import type { Report, TestResult } from '../schema.js';
import {
  confusionMatrix,
  learningCurves,
  pointsCurve,
  type ConfusionMatrix,
  type LineChart,
} from './charts.js';
import { heatmapSets, legendStops, type HeatmapSet } from './heatmap.js';

/** Staff pages show everything; student pages show hidden tests only as the kind of failure. */
export type PageView = 'staff' | 'student';

export const STATUS_LABEL: Record<TestResult['status'], string> = {
  passed: 'passed',
  failed: 'wrong answer',
  error: 'error',
  timeout: 'time limit',
  memory: 'memory limit',
  'output-limit': 'too much output',
  crash: 'crashed',
};

const points = (x: number): string => formatNumber(Math.round(x * 100) / 100);

interface TestView {
  name: string;
  status: TestResult['status'];
  statusLabel: string;
  hidden: boolean;
  points: string;
  open: boolean;
  output: string;
  taOutput?: string;
  heatmaps?: HeatmapSet[];
  charts?: LineChart[];
  confusion?: ConfusionMatrix;
  answer?: { question: string; given?: string; reference?: string };
}

/** What the page may draw for a test in this view; undefined for anything a student must not see. */
function pictures(
  t: TestResult,
  detail: TestDetail | undefined,
  view: PageView,
): Partial<TestView> {
  if (view === 'student' && t.visibility === 'hidden') {
    // Only the question text, which the student's own answers.yaml already shows them.
    return detail?.kind === 'answer' ? { answer: { question: detail.question } } : {};
  }
  const out: Partial<TestView> = {};
  if (t.curve?.length) out.charts = learningCurves(t.curve);
  if (!detail) return out;
  // A passed hidden case's picture tells staff nothing the status does not, and 1,000 pages add up.
  if (detail.kind === 'numeric' && t.status === 'passed' && t.visibility === 'hidden') return out;
  if (detail.kind === 'numeric') out.heatmaps = heatmapSets(detail, t.status === 'passed');
  else if (detail.kind === 'training') {
    out.charts = [...(out.charts ?? []), pointsCurve(detail)];
    out.confusion = confusionMatrix(detail);
  } else {
    out.answer = {
      question: detail.question,
      ...(detail.answer !== undefined ? { given: detail.answer } : {}),
      ...(view === 'staff' && detail.reference !== undefined
        ? { reference: detail.reference }
        : {}),
    };
  }
  return out;
}

function testView(t: TestResult, details: Details, view: PageView): TestView {
  const short = t.name.startsWith(`${t.exercise}/`) ? t.name.slice(t.exercise.length + 1) : t.name;
  return {
    name: short,
    status: t.status,
    statusLabel: STATUS_LABEL[t.status],
    hidden: t.visibility === 'hidden',
    points: `${points(t.score)} / ${points(t.max_score)}`,
    open: t.status !== 'passed',
    output: t.output,
    ...(view === 'staff' && t.ta_output ? { taOutput: t.ta_output } : {}),
    ...pictures(t, details.get(t.name), view),
  };
}

/** The view model of report.html / feedback.html. */
export function reportPageModel(report: Report, details: Details, view: PageView) {
  const exercises = [...new Set(report.tests.map((t) => t.exercise))].map((id) => {
    const tests = report.tests.filter((t) => t.exercise === id);
    const score = tests.reduce((s, t) => s + t.score, 0);
    const max = tests.reduce((s, t) => s + t.max_score, 0);
    const passed = tests.filter((t) => t.status === 'passed').length;
    return {
      id,
      points: `${points(score)} / ${points(max)}`,
      passed: `${passed} of ${tests.length} passed`,
      allPassed: passed === tests.length,
      tests: tests.map((t) => testView(t, details, view)),
    };
  });
  const counts = new Map<string, number>();
  for (const t of report.tests) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  const percent =
    report.max_score > 0 ? Math.round((report.score / report.max_score) * 1000) / 10 : 0;
  return {
    view,
    staff: view === 'staff',
    assignment: report.assignment,
    student: report.student,
    score: points(report.score),
    max: points(report.max_score),
    percent,
    barWidth: Math.round(percent * 3),
    passed: report.tests.filter((t) => t.status === 'passed').length,
    total: report.tests.length,
    statuses: (Object.keys(STATUS_LABEL) as TestResult['status'][])
      .filter((s) => counts.has(s))
      .map((s) => ({ status: s, label: STATUS_LABEL[s], n: counts.get(s) })),
    problem: report.problem,
    secret: report.secret,
    missing: view === 'staff' ? report.environment.missing : [],
    hiddenCount: report.tests.filter((t) => t.visibility === 'hidden').length,
    exercises,
    legendStops: legendStops(),
  };
}
