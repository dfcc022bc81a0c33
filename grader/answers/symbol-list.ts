/**
 * Short text for a list of allowed symbols: "X11…X33, F11…F22". Symbols named prefix + digits are
 * compressed to a range when they fill every digit combination between the first and the last
 * (X11, X12, …, X33 is all of {1,2,3}×{1,2,3}); anything else is listed as is.
 */
export function formatSymbolList(symbols: readonly string[]): string {
  if (symbols.length === 0) return 'no symbols (numbers only)';
  const groups = new Map<string, string[]>(); // key: prefix + '#' + digit count, in first-seen order
  const parts: { key?: string; name?: string }[] = [];
  for (const name of symbols) {
    const m = /^(.*?[^0-9])([0-9]+)$/.exec(name);
    if (!m) {
      parts.push({ name });
      continue;
    }
    const key = `${m[1]}#${m[2].length}`;
    if (!groups.has(key)) {
      groups.set(key, []);
      parts.push({ key });
    }
    groups.get(key)!.push(m[2]);
  }
  const out: string[] = [];
  for (const part of parts) {
    if (part.name !== undefined) {
      out.push(part.name);
      continue;
    }
    const key = part.key!;
    const prefix = key.slice(0, key.lastIndexOf('#'));
    out.push(formatGroup(prefix, groups.get(key)!));
  }
  return out.join(', ');
}

function formatGroup(prefix: string, digitStrings: string[]): string {
  const unique = [...new Set(digitStrings)].sort();
  const names = unique.map((d) => prefix + d);
  if (unique.length < 3) return names.join(', ');
  const width = unique[0].length;
  // Per digit position, the set of digits used must be a contiguous run; the group must be their product.
  let product = 1;
  const lows: string[] = [];
  const highs: string[] = [];
  for (let pos = 0; pos < width; pos++) {
    const digits = [...new Set(unique.map((d) => Number(d[pos])))].sort((a, b) => a - b);
    const lo = digits[0];
    const hi = digits[digits.length - 1];
    if (hi - lo + 1 !== digits.length) return names.join(', ');
    product *= digits.length;
    lows.push(String(lo));
    highs.push(String(hi));
  }
  if (product !== unique.length) return names.join(', ');
  return `${prefix}${lows.join('')}…${prefix}${highs.join('')}`;
}
