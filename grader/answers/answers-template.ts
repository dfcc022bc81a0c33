/**
 * The answers.yaml a student starts from: one blank entry per question, the question's text as a
 * comment above it. Reading it back gives no answers (blank entries are skipped), not an error.
 */

/** Keys that YAML would read as something other than text, or that need quoting. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n)$/i;

export function writeAnswersTemplate(
  questions: { id: string; text: string }[],
  student: string,
): string {
  const lines = [
    '# Answers file. Fill in each answer after the colon, then grade.',
    '#   a number:     params: 320',
    '#   an expression: O11: F11*X11 + F12*X12   (· and × work too; ^ is a power)',
    '#   a matrix:     dF: [[X11, X12], [X21, X22]]   (a list of rows)',
    "# If YAML complains about an answer, put it in quotes: O11: '- F11*X11'",
    `student: ${JSON.stringify(student)}`,
    'answers:',
  ];
  for (const q of questions) {
    for (const textLine of q.text.split(/\r?\n/)) lines.push(`  # ${textLine}`.trimEnd());
    lines.push(`  ${yamlKey(q.id)}:`);
  }
  return `${lines.join('\n')}\n`;
}

function yamlKey(id: string): string {
  return PLAIN_KEY.test(id) && !RESERVED.test(id) ? id : JSON.stringify(id);
}
