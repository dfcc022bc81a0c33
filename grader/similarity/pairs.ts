// Every pair of students, scored from the fingerprint index without building Dolos's Pair objects
// (those hold every match; here a pair is five numbers in typed arrays, so memory grows with the
// class, not with what the pairs share).
import type { FileEntry, SharedFingerprint } from '@dodona/dolos-core';

export interface PairTable {
  count: number;
  left: Uint32Array;
  right: Uint32Array;
  /** Shared fingerprints of both files over all their fingerprints (stub fingerprints left out): 0..1. */
  similarity: Float64Array;
  /** The longest run of fingerprints shared in the same order (consecutive in both files). */
  longest: Uint32Array;
  /** Fingerprints of either file that the other one also has. */
  overlap: Uint32Array;
}

interface Prepared {
  /** Kept (not ignored) fingerprint → its k-gram indices in this file, ascending. */
  at: Map<SharedFingerprint, number[]>;
  /** Kept fingerprints in k-gram order: [index, fingerprint]. */
  ordered: [number, SharedFingerprint][];
  kept: number;
}

function prepare(entry: FileEntry): Prepared {
  const at = new Map<SharedFingerprint, number[]>();
  const ordered: [number, SharedFingerprint][] = [];
  for (const fp of entry.shared) {
    const indices = fp
      .occurrencesOf(entry.file)
      .map((o) => o.side.index)
      .sort((a, b) => a - b);
    at.set(fp, indices);
    for (const i of indices) ordered.push([i, fp]);
  }
  ordered.sort((a, b) => a[0] - b[0]);
  return { at, ordered, kept: ordered.length };
}

/** Longest diagonal run of matches (a, b), (a+1, b+1), … between two files' kept fingerprints. */
function longestRun(a: Prepared, b: Prepared): number {
  let best = 0;
  let prevIndex = -2;
  let prev = new Map<number, number>();
  let curr = new Map<number, number>();
  for (const [i, fp] of a.ordered) {
    const js = b.at.get(fp);
    if (!js) continue;
    const follows = i === prevIndex + 1;
    curr.clear();
    for (const j of js) {
      const run = (follows ? (prev.get(j - 1) ?? 0) : 0) + 1;
      curr.set(j, run);
      if (run > best) best = run;
    }
    [prev, curr] = [curr, prev];
    prevIndex = i;
  }
  return best;
}

/** Scores all n·(n−1)/2 pairs of `entries` (left < right in the given order). */
export function scorePairs(entries: FileEntry[]): PairTable {
  const n = entries.length;
  const count = (n * (n - 1)) / 2;
  const t: PairTable = {
    count,
    left: new Uint32Array(count),
    right: new Uint32Array(count),
    similarity: new Float64Array(count),
    longest: new Uint32Array(count),
    overlap: new Uint32Array(count),
  };
  const prepared = entries.map(prepare);
  // Which files hold each kept fingerprint (by position), listed once.
  const holders = new Map<SharedFingerprint, number[]>();
  prepared.forEach((p, i) => {
    for (const fp of p.at.keys()) {
      const list = holders.get(fp);
      if (list) list.push(i);
      else holders.set(fp, [i]);
    }
  });
  const covered = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const a = prepared[i]!;
    // Walk each kept fingerprint's files once: only files sharing something get any work.
    for (const [fp, indices] of a.at) {
      for (const j of holders.get(fp)!) {
        if (j > i) covered[j] += indices.length + prepared[j]!.at.get(fp)!.length;
      }
    }
    for (let j = i + 1; j < n; j++, k++) {
      const b = prepared[j]!;
      t.left[k] = i;
      t.right[k] = j;
      const c = covered[j]!;
      if (c === 0) continue;
      t.overlap[k] = c;
      t.similarity[k] = c / (a.kept + b.kept);
      t.longest[k] = longestRun(a, b);
      covered[j] = 0;
    }
  }
  return t;
}

/** Pair indices, highest similarity first; ties by longest fragment, then by the students' order. */
export function rankPairs(t: PairTable): Uint32Array {
  const order = new Uint32Array(t.count);
  for (let i = 0; i < t.count; i++) order[i] = i;
  const { similarity: s, longest: l, left, right } = t;
  return order.sort(
    (x, y) => s[y]! - s[x]! || l[y]! - l[x]! || left[x]! - left[y]! || right[x]! - right[y]!,
  );
}
