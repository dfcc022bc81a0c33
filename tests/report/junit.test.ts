import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toJUnitXml } from '../../grader/report/junit.js';
import { SECRET, report, test } from './fixtures.js';

const tricky = 'a<b & "c"';
const alice = report('alice', [
  test({ name: 'shape', status: 'passed' }),
  test({
    name: tricky,
    status: 'failed',
    output: `got <&"> at [0]\nsecond line`,
    ta_output: `staff: ${SECRET}`,
  }),
  test({ name: 'slow', exercise: 'maxpool', status: 'timeout', output: 'time limit exceeded' }),
  test({
    name: 'boom',
    exercise: 'maxpool',
    status: 'crash',
    output: 'killed \u001b[31mred\u001b[0m \u0000',
  }),
]);
const bob = report('bob', [
  test({ name: 'shape', status: 'passed' }),
  test({ name: 'big', status: 'memory', output: 'memory limit exceeded' }),
]);

interface Node {
  [k: string]: unknown;
}
function parse(xml: string): Node {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  return parser.parse(xml) as Node;
}

describe('toJUnitXml', () => {
  const xml = toJUnitXml([bob, alice]);
  const doc = parse(xml);
  const root = doc.testsuites as Node;
  const suites = root.testsuite as Node[];

  it('is well-formed XML even with control characters in student output', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('counts tests, failures (wrong answers) and errors (timeout, crash, memory)', () => {
    // alice: 4 tests, 1 failed, 2 errors (timeout, crash); bob: 2 tests, 0 failed, 1 error (memory).
    expect([root.tests, root.failures, root.errors]).toEqual(['6', '1', '3']);
    expect(suites.map((s) => [s.name, s.tests, s.failures, s.errors])).toEqual([
      ['alice', '4', '1', '2'],
      ['bob', '2', '0', '1'],
    ]);
  });

  it('names each case assignment.exercise and escapes <&" so they parse back exactly', () => {
    const cases = suites[0]!.testcase as Node[];
    expect(cases.map((c) => [c.classname, c.name])).toEqual([
      ['cnn-hw1.conv2d', 'shape'],
      ['cnn-hw1.conv2d', tricky],
      ['cnn-hw1.maxpool', 'slow'],
      ['cnn-hw1.maxpool', 'boom'],
    ]);
    const failure = cases[1]!.failure as Node;
    expect(failure.message).toBe('got <&"> at [0]');
    expect(failure['#text']).toBe(`staff: ${SECRET}`);
    expect((cases[2]!.error as Node).type).toBe('timeout');
    expect(cases[0]!.failure).toBeUndefined();
    expect(xml).toContain('a&lt;b &amp; &quot;c&quot;');
  });

  it('leaves ta_output out when asked for a student-safe file', () => {
    const safe = toJUnitXml([alice], { staff: false });
    expect(safe).not.toContain(SECRET);
    const failure = ((parse(safe).testsuites as Node).testsuite as Node[])[0]!.testcase as Node[];
    expect((failure[1]!.failure as Node)['#text']).toBe('got <&"> at [0]\nsecond line');
  });

  it('is deterministic: input order does not matter and there are no timestamps', () => {
    expect(toJUnitXml([alice, bob])).toBe(xml);
    expect(xml).not.toMatch(/timestamp|time=/);
  });
});
