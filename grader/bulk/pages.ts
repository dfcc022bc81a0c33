import { join } from 'node:path';
import type { Details } from '../report/details.js';
import type { Report } from '../report/schema.js';
import { writeFileAtomic } from './atomic.js';

/** A student's two pages: report.html for staff (hidden tests in full) and feedback.html to hand out. */
export async function writeStudentPages(dir: string, report: Report, details: Details): Promise<void> {
  const { renderReportPage } = await import('../report/html/index.js');
  writeFileAtomic(join(dir, 'report.html'), renderReportPage(report, details, 'staff'));
  writeFileAtomic(join(dir, 'feedback.html'), renderReportPage(report, details, 'student'));
}
