import type { Report, TestResult } from '../../grader/report/schema.js';

export const SECRET = 'SECRET-INPUT-0xC0FFEE';

export function test(over: Partial<TestResult> & Pick<TestResult, 'name' | 'status'>): TestResult {
  const passed = over.status === 'passed';
  return {
    exercise: 'conv2d',
    group: 'visible',
    score: passed ? 1 : 0,
    max_score: 1,
    visibility: 'visible',
    output: passed ? 'correct' : 'wrong value at [0, 1]',
    ...over,
  };
}

export function report(student: string, tests: TestResult[], over: Partial<Report> = {}): Report {
  return {
    version: '1.0',
    assignment: 'cnn-hw1',
    student,
    score: tests.reduce((s, t) => s + t.score, 0),
    max_score: tests.reduce((s, t) => s + t.max_score, 0),
    secret: 'provided',
    tests,
    environment: { layers: ['child-process'], missing: [] },
    ...over,
  };
}
