/** A spec signature `<T>(a: A, b?: B) => R` split into the parts of a function declaration. */
export interface SignatureParts {
  typeParams: string;
  params: string;
  returns: string;
}

/** Index of the bracket that closes the one at `open`, counting only that bracket kind. */
function closing(text: string, open: number, pair: '()' | '<>'): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === pair[0]) depth++;
    else if (text[i] === pair[1] && !(pair === '<>' && text[i - 1] === '=')) depth--;
    if (depth === 0) return i;
  }
  return -1;
}

export function splitSignature(
  signature: string,
): { ok: true; parts: SignatureParts } | { ok: false; message: string } {
  const text = signature.trim();
  const bad = (why: string) => ({
    ok: false as const,
    message: `signature "${signature}" ${why} (write it as an arrow type, e.g. (a: number, b: number) => number)`,
  });
  let at = 0;
  let typeParams = '';
  if (text.startsWith('<')) {
    const end = closing(text, 0, '<>');
    if (end < 0) return bad('has an unclosed <');
    typeParams = text.slice(0, end + 1);
    at = end + 1;
    while (text[at] === ' ') at++;
  }
  if (text[at] !== '(') return bad('does not start with a parameter list');
  const end = closing(text, at, '()');
  if (end < 0) return bad('has an unclosed (');
  const rest = text.slice(end + 1).trim();
  if (!rest.startsWith('=>')) return bad('has no => return type');
  const returns = rest.slice(2).trim();
  if (!returns) return bad('has an empty return type');
  return { ok: true, parts: { typeParams, params: text.slice(at + 1, end).trim(), returns } };
}

/** `export function name<T>(params): returns` — the head of a stub's declaration. */
export function declarationHead(name: string, p: SignatureParts): string {
  return `export function ${name}${p.typeParams}(${p.params}): ${p.returns}`;
}
