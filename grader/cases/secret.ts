import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface Secret {
  value: string;
  source: 'provided' | 'random';
}

export type SecretResult = { ok: true; secret: Secret } | { ok: false; message: string };

/** --secret, then --secret-file, then GRADE_SECRET; without any, a per-process random secret. */
export function resolveSecret(
  opts: { secret?: string; secretFile?: string },
  env: NodeJS.ProcessEnv = process.env,
): SecretResult {
  if (opts.secret) return { ok: true, secret: { value: opts.secret, source: 'provided' } };
  if (opts.secretFile) {
    try {
      const value = readFileSync(opts.secretFile, 'utf8').trim();
      if (!value)
        return {
          ok: false,
          message: `secret file ${opts.secretFile} is empty (put the course secret in it)`,
        };
      return { ok: true, secret: { value, source: 'provided' } };
    } catch {
      return { ok: false, message: `cannot read secret file ${opts.secretFile} (check the path)` };
    }
  }
  if (env.GRADE_SECRET)
    return { ok: true, secret: { value: env.GRADE_SECRET, source: 'provided' } };
  return { ok: true, secret: { value: randomSecret, source: 'random' } };
}

const randomSecret = randomBytes(16).toString('hex');
