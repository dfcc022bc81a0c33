/** Inputs shown to a student so a visible case can be reproduced; long values are cut. */
export function formatArgs(args: readonly unknown[], max = 400): string {
  const text = args.map((a) => compact(a)).join(', ');
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

function compact(value: unknown): string {
  return (
    JSON.stringify(value, (_k, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
    ) ?? String(value)
  );
}
