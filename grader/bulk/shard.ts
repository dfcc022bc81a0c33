import { createHash } from 'node:crypto';

export interface Shard {
  index: number;
  count: number;
}

/** "i/n" (1-based) → a shard, or an error message. */
export function parseShard(text: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return `--shard must look like i/n (e.g. 2/4), got "${text}"`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return `--shard ${text}: i must be between 1 and n`;
  return { index, count };
}

/** A student's shard depends on the id alone, so every machine agrees and adding students moves nobody. */
export function inShard(student: string, shard: Shard): boolean {
  const h = createHash('sha256').update(student).digest().readUInt32BE(0);
  return (h % shard.count) + 1 === shard.index;
}
