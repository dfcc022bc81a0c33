import type { Details } from './details.js';
import { toFeedbackMarkdown } from './feedback.js';
import { toGradebookCsv, type GradebookRow, type Roster } from './gradebook.js';
import { toGradescopeResults, type GradescopeVisibility } from './gradescope.js';
import { toJUnitXml } from './junit.js';
import { toCanvasImportCsv, toMoodleImportCsv } from './lms-import.js';
import type { LmsRoster } from './lms-roster.js';
import { reportJson } from './build.js';
import type { Report } from './schema.js';
import type { ClassSummary } from './summary.js';

/**
 * Report formats, looked up by name. A new format is one entry here (and its module): bulk writes
 * every student format into each student's folder and every class format into the output folder.
 */
export interface StudentOutput {
  report: Report;
  details: Details;
  hiddenTestVisibility?: GradescopeVisibility;
}

export interface StudentFormat {
  file: string;
  render(o: StudentOutput): string | Promise<string>;
}

const page = (view: 'staff' | 'student') => async (o: StudentOutput) =>
  (await import('./html/index.js')).renderReportPage(o.report, o.details, view);

export const studentFormats: Readonly<Record<string, StudentFormat>> = {
  json: { file: 'report.json', render: (o) => reportJson(o.report) },
  gradescope: {
    file: 'results.json',
    render: (o) =>
      JSON.stringify(
        toGradescopeResults(o.report, { hiddenTestVisibility: o.hiddenTestVisibility }),
        null,
        2,
      ) + '\n',
  },
  feedback: { file: 'feedback.md', render: (o) => toFeedbackMarkdown(o.report) },
  'html-staff': { file: 'report.html', render: page('staff') },
  'html-student': { file: 'feedback.html', render: page('student') },
};

/** A graded class, as the class formats need it. */
export interface ClassOutput {
  assignment: string;
  title: string;
  exercises: string[];
  max_score?: number;
  students: string[];
  reports: Report[];
  rows: GradebookRow[];
  /** Per student: grading status and milliseconds. */
  states: ReadonlyMap<string, { status: string; ms: number }>;
  summary: ClassSummary;
  slowest: { student: string; ms: number }[];
  roster?: Roster;
  lms?: {
    roster: LmsRoster;
    studentOf: (string | undefined)[];
    canvasAssignment?: string;
    notInRoster: string[];
  };
}

export interface ClassFormat {
  /**
   * The file to write, or undefined when the format does not apply to this class (an LMS import
   * without its roster).
   */
  file(c: ClassOutput): string | undefined;
  render(c: ClassOutput): string | Promise<string>;
}

const lmsClass = (c: ClassOutput) => ({
  roster: c.lms!.roster,
  studentOf: c.lms!.studentOf,
  reports: new Map(c.students.map((s, i) => [s, c.reports[i]!])),
  title: c.title,
  maxScore: c.max_score ?? c.reports[0]?.max_score ?? 0,
});

export const classFormats: Readonly<Record<string, ClassFormat>> = {
  gradebook: {
    file: () => 'gradebook.csv',
    render: (c) => toGradebookCsv(c.rows, c.exercises, c.roster, c.max_score),
  },
  junit: { file: () => 'junit.xml', render: (c) => toJUnitXml(c.reports) },
  summary: {
    file: () => 'summary.json',
    render: (c) =>
      JSON.stringify(
        {
          ...c.summary,
          ...(c.lms ? { not_in_roster: c.lms.notInRoster } : {}),
          timing: { slowest: c.slowest },
        },
        null,
        2,
      ) + '\n',
  },
  canvas: {
    file: (c) => (c.lms?.roster.kind === 'canvas' ? 'canvas-import.csv' : undefined),
    render: (c) => toCanvasImportCsv(lmsClass(c), c.lms!.canvasAssignment ?? ''),
  },
  moodle: {
    file: (c) => (c.lms && c.lms.roster.kind !== 'canvas' ? 'moodle-import.csv' : undefined),
    render: (c) => toMoodleImportCsv(lmsClass(c)),
  },
  dashboard: {
    file: () => 'index.html',
    render: async (c) => {
      const { renderDashboardPage } = await import('./html/index.js');
      const pages = c.reports.map((report, i) => ({
        student: c.students[i]!,
        report,
        status: c.rows[i]!.status,
        ms: c.states.get(c.students[i]!)!.ms,
      }));
      return renderDashboardPage(c.summary, pages);
    },
  },
};
