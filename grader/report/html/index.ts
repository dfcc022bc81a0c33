/**
 * HTML pages: a student's report (staff or student view) and the class dashboard. Loaded lazily
 * (await import) by the commands that write pages, so d3 and the templates cost nothing elsewhere.
 */
import type { Details } from '../details.js';
import type { Report } from '../schema.js';
import { contentSecurityPolicy } from './csp.js';
import { dashboardModel, type DashboardStudent, type DashboardSummary } from './dashboard.js';
import { reportPageModel, type PageView } from './report-page.js';
import { pageTemplates, templateSource } from './templates.js';

export type { DashboardStudent, DashboardSummary } from './dashboard.js';
export type { PageView } from './report-page.js';

/** report.html (view 'staff') or feedback.html (view 'student'): no script at all. */
export function renderReportPage(report: Report, details: Details, view: PageView): string {
  return pageTemplates().report({
    ...reportPageModel(report, details, view),
    csp: contentSecurityPolicy(),
  });
}

/** index.html of a bulk output: its one script (sort and filter) is allowed by hash. */
export function renderDashboardPage(
  summary: DashboardSummary,
  students: readonly DashboardStudent[],
): string {
  const script = templateSource('dashboard.js');
  return pageTemplates().dashboard({
    ...dashboardModel(summary, students),
    script,
    csp: contentSecurityPolicy([script]),
  });
}
