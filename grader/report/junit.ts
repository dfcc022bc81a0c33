import { XMLBuilder } from 'fast-xml-parser';
import type { Report, TestResult } from './schema.js';

/**
 * JUnit XML for CI dashboards and staff tools: <testsuites> with one <testsuite> per student and one
 * <testcase classname="assignment.exercise"> per test. A wrong answer is a <failure>; anything that
 * stopped the code from answering (error, timeout, memory, crash, output-limit) is an <error>, the
 * usual JUnit split. No timestamps or durations, so the same reports give the same bytes.
 */
export interface JUnitOptions {
  /** Put ta_output (inputs, expected values) in the element body. Default true: this file is for staff. */
  staff?: boolean;
}

// XML 1.0 forbids most control characters even as entities; student output (ANSI colours, NUL) has them.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const xmlSafe = (s: string) => s.replace(NOT_XML, '\uFFFD');

/** Attribute values lose their newlines to XML attribute normalisation; keep messages to one line. */
function oneLine(s: string, max = 300): string {
  const line = s.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return xmlSafe(line.length > max ? `${line.slice(0, max - 1)}…` : line);
}

const isError = (t: TestResult) => t.status !== 'passed' && t.status !== 'failed';

function testcase(report: Report, t: TestResult, staff: boolean): Record<string, unknown> {
  const node: Record<string, unknown> = {
    '@_classname': xmlSafe(`${report.assignment}.${t.exercise}`),
    '@_name': xmlSafe(t.name),
  };
  if (t.status === 'passed') return node;
  const body = xmlSafe(staff && t.ta_output ? t.ta_output : t.output);
  const detail = { '@_message': oneLine(t.output) || t.status, '@_type': t.status, '#text': body };
  node[isError(t) ? 'error' : 'failure'] = detail;
  return node;
}

function testsuite(report: Report, staff: boolean): Record<string, unknown> {
  return {
    '@_name': xmlSafe(report.student),
    '@_tests': report.tests.length,
    '@_failures': report.tests.filter((t) => t.status === 'failed').length,
    '@_errors': report.tests.filter(isError).length,
    '@_skipped': 0,
    properties: {
      property: [
        { '@_name': 'assignment', '@_value': xmlSafe(report.assignment) },
        { '@_name': 'score', '@_value': report.score },
        { '@_name': 'max_score', '@_value': report.max_score },
      ],
    },
    testcase: report.tests.map((t) => testcase(report, t, staff)),
  };
}

export function toJUnitXml(reports: Report[], options: JUnitOptions = {}): string {
  const staff = options.staff ?? true;
  const sorted = [...reports].sort((a, b) =>
    a.student < b.student ? -1 : a.student > b.student ? 1 : 0,
  );
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    suppressEmptyNode: true,
    processEntities: true,
  });
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': xmlSafe(sorted[0]?.assignment ?? 'seedgrade'),
      '@_tests': sorted.reduce((n, r) => n + r.tests.length, 0),
      '@_failures': sorted.reduce(
        (n, r) => n + r.tests.filter((t) => t.status === 'failed').length,
        0,
      ),
      '@_errors': sorted.reduce((n, r) => n + r.tests.filter(isError).length, 0),
      testsuite: sorted.map((r) => testsuite(r, staff)),
    },
  };
  return builder.build(doc) as string;
}
