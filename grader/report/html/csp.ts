import { createHash } from 'node:crypto';

/**
 * The page's Content-Security-Policy: nothing may load (no network, no other file), styles only
 * inline, and scripts only those whose exact text is hashed here, so an injected <script> or
 * onerror= attribute would not run even if escaping had a hole.
 */
export function contentSecurityPolicy(scripts: readonly string[] = []): string {
  const hashes = scripts.map(
    (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`,
  );
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    ...(hashes.length ? [`script-src ${hashes.join(' ')}`] : []),
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
