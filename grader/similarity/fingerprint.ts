// Dolos's winnowing and fingerprint index (@dodona/dolos-core: the matching alone, no parsers,
// no native build) over our own tokens.
import type { FingerprintIndex, TokenizedFile } from '@dodona/dolos-core';
import type { Document } from './document.js';
import type { Tokens } from './tokenize.js';

// Dolos's defaults (k-gram of 23 tokens, one fingerprint kept per window of 17 k-grams).
export const KGRAM_LENGTH = 23;
export const KGRAMS_IN_WINDOW = 17;

type Dolos = typeof import('@dodona/dolos-core');
let dolos: Dolos | undefined;

/** Loads dolos-core on first use (no other command needs it). */
export async function loadDolos(): Promise<Dolos> {
  return (dolos ??= await import('@dodona/dolos-core'));
}

function loaded(): Dolos {
  if (!dolos) throw new Error('fingerprint used before loadDolos()');
  return dolos;
}

export function newIndex(): FingerprintIndex {
  return new (loaded().FingerprintIndex)(KGRAM_LENGTH, KGRAMS_IN_WINDOW, false);
}

/** Every fingerprint of the stub is ignored in every file: code each student was given is not copying. */
export function ignoreTokens(index: FingerprintIndex, tokens: Tokens): number {
  const hashes = new (loaded().WinnowFilter)(KGRAM_LENGTH, KGRAMS_IN_WINDOW)
    .fingerprints(tokens.tokens)
    .map((f) => f.hash);
  index.addIgnoredHashes(hashes);
  return new Set(hashes).size;
}

/** Fingerprints one document into the index (once; the index keeps only hashes and positions). */
export function addDocument(index: FingerprintIndex, doc: Document): TokenizedFile {
  const d = loaded();
  const regions = doc.tokens.regions.map(
    (r) => new d.Region(r.startRow, r.startCol, r.endRow, r.endCol),
  );
  const file = new d.TokenizedFile(new d.File(doc.student, doc.text), doc.tokens.tokens, regions);
  index.addFiles([file]);
  return file;
}
