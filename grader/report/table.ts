import { roundTo } from '../score/points.js';

/** Left-aligned text columns; numbers right-aligned. Enough for terminal reports. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const all = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: (string | number)[]): string =>
    r
      .map((cell, i) =>
        typeof cell === 'number'
          ? String(cell).padStart(widths[i])
          : String(cell).padEnd(widths[i]),
      )
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Points for people to read: two decimals at most. */
export const formatPoints = (x: number): string => String(roundTo(x, 2));
