// npm run bench: every benchmark, printed as rates and ratios (never asserted by tests).
import { benchBulk } from './bulk.js';

const only = process.argv[2];
const benches: Record<string, () => Promise<void>> = {
  bulk: benchBulk,
  startup: async () => (await import('./startup.js')).benchStartup(),
  isolation: async () => void (await import('./isolation.js')),
  similarity: async () => (await import('./similarity.js')).benchSimilarity(),
  'train-classifier': async () => void (await import('./train-classifier.js')),
};
for (const [name, bench] of Object.entries(benches)) {
  if (only && only !== name) continue;
  console.log(`\n== ${name}`);
  await bench();
}
