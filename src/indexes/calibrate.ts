/**
 * Build-time calibration of the dense leg: where questions the article cannot
 * answer land in similarity, for this model and this corpus (see null-probes.ts).
 */
import type { Embedder } from './embedder.js';
import type { Calibration } from './manifest.js';
import { NULL_PROBES } from './null-probes.js';
import type { VectorIndex } from './vector-index.js';

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/**
 * The null distribution from probe similarities. Statistics come from the rounded
 * values that are stored, so the manifest is self-consistent.
 */
export function nullDistribution(similarities: readonly number[]): Calibration {
  const sorted = similarities.map(round4).sort((a, b) => a - b);
  const n = sorted.length;
  const mean = n === 0 ? 0 : sorted.reduce((s, x) => s + x, 0) / n;
  // n − 1: the probes are a sample of the unrelated questions people could ask.
  const variance = n < 2 ? 0 : sorted.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return { probes: n, similarities: sorted, mean, sd: Math.sqrt(variance) };
}

/**
 * Each probe is embedded as a query, prefix included, because that is how a real
 * question reaches the index; its best passage is found the way the retriever
 * finds a question's. A probe with no hit (an index without passages) has no
 * similarity to record.
 */
export async function calibrate(
  embedder: Pick<Embedder, 'embedQueries'>,
  vectors: VectorIndex,
  probes: readonly string[] = NULL_PROBES,
): Promise<Calibration> {
  const embedded = await embedder.embedQueries([...probes]);
  const best = embedded.flatMap((v) => vectors.search(v, 1).map((hit) => hit.score));
  return nullDistribution(best);
}
