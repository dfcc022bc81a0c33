import type { ExitReason, SandboxLimits } from './child.js';
import { toPlainData } from './plain-data.js';

/**
 * What one call into student code came to. Statuses other than ok are failures of this case only.
 * `message` may quote the student's own text (an exception message, an exit code); `summary`,
 * when present, holds nothing the student's code chose, so it is what a hidden case may show:
 * otherwise `throw new Error(JSON.stringify(args))` would print a hidden case's inputs.
 */
export type CallOutcome =
  | { status: 'ok'; value: unknown; events: unknown[] }
  | { status: 'error'; message: string; summary?: string }
  | { status: 'timeout' | 'memory' | 'output-limit' | 'crash'; message: string; summary?: string };

const BUILTIN_ERRORS = new Set([
  'Error',
  'TypeError',
  'RangeError',
  'ReferenceError',
  'SyntaxError',
  'EvalError',
  'URIError',
  'AggregateError',
]);

export function describeExit(
  reason: ExitReason,
  during: string,
  limits: SandboxLimits,
): CallOutcome {
  switch (reason.kind) {
    case 'memory': {
      const message = `your code used more than the ${limits.memoryMb} MB of memory allowed ${during} and was stopped (look for arrays or buffers that grow without end)`;
      return { status: 'memory', message, summary: message };
    }
    case 'output-limit':
      return {
        status: 'output-limit',
        message: `your code ${reason.what} ${during} and was stopped (remove large console.log calls or return smaller values)`,
        summary: `your code printed or returned more than allowed ${during} and was stopped`,
      };
    case 'protocol':
      return {
        status: 'crash',
        message: `the sandboxed process ${reason.what} ${during}`,
        summary: `the sandboxed process broke the grader's protocol ${during}`,
      };
    case 'exit':
      return {
        status: 'crash',
        message: `your code ended the process ${during} (${reason.signal ? `signal ${reason.signal}` : `exit code ${reason.code}`}); do not call process.exit`,
        summary: `your code ended the process ${during}; do not call process.exit`,
      };
  }
}

type Reply = {
  ok?: unknown;
  value?: unknown;
  events?: unknown;
  error?: { name?: unknown; message?: unknown };
};

export function interpretReply(reply: Reply, exportName: string, file: string): CallOutcome {
  if (reply.ok === true) {
    const value = toPlainData(reply.value);
    if (!value.ok)
      return {
        status: 'error',
        message: `${exportName} returned a value the grader cannot accept: ${value.reason}`,
        summary: `${exportName} returned a value the grader cannot accept: it holds ${value.problem} (return plain numbers, arrays and objects)`,
      };
    const events = toPlainData(Array.isArray(reply.events) ? reply.events : []);
    return {
      status: 'ok',
      value: value.value,
      events: events.ok ? (events.value as unknown[]) : [],
    };
  }
  const name = String(reply.error?.name ?? 'Error').slice(0, 100);
  const message = String(reply.error?.message ?? '').slice(0, 2000);
  // Names and messages come from the child: a summary is always the parent's own text.
  if (name === 'MissingExport')
    return {
      status: 'error',
      message,
      summary: `${file} does not export a function named ${exportName}`,
    };
  if (name === 'NonErrorThrow')
    return {
      status: 'error',
      message: `${exportName} ${message}`,
      summary: `${exportName} threw a value that is not an Error`,
    };
  if (name === 'UnsendableValue')
    return {
      status: 'error',
      message: `${exportName} ${message}`,
      summary: `${exportName} returned a value that cannot be sent back to the grader`,
    };
  const safeName = BUILTIN_ERRORS.has(name) ? name : 'an error';
  return {
    status: 'error',
    message: `${exportName} threw ${name}: ${message}`,
    summary: `${exportName} threw ${safeName}`,
  };
}
