/**
 * Build-time calibration of the dense leg: where questions the article cannot
 * answer land in similarity, for this model and this corpus (see null-probes.ts).
 */
import { LANGS, type Lang } from '../text/language.js';
import type { Embedder } from '../embedding/types.js';
import type { Calibration, NullDistribution } from './manifest.js';
import { NULL_PROBES, type NullProbe } from './null-probes.js';
import type { VectorIndex } from './vector-index.js';

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/**
 * The null distribution from probe similarities. Statistics come from the rounded
 * values that are stored, so the manifest is self-consistent.
 */
export function nullDistribution(similarities: readonly number[]): NullDistribution {
  const sorted = similarities.map(round4).sort((a, b) => a - b);
  const n = sorted.length;
  const mean = n === 0 ? 0 : sorted.reduce((s, x) => s + x, 0) / n;
  // n − 1: the probes are a sample of the unrelated questions people could ask.
  const variance = n < 2 ? 0 : sorted.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return { probes: n, similarities: sorted, mean, sd: Math.sqrt(variance) };
}

/**
 * The pooled null and, beside it, one per language among the probes that found a
 * passage; the pooled one is what a question of no known language is set against.
 */
export function calibrationOf(scored: readonly { lang: Lang; similarity: number }[]): Calibration {
  const byLang: Calibration['byLang'] = {};
  for (const lang of LANGS) {
    const own = scored.filter((s) => s.lang === lang).map((s) => s.similarity);
    if (own.length > 0) byLang[lang] = nullDistribution(own);
  }
  return { ...nullDistribution(scored.map((s) => s.similarity)), byLang };
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
  probes: readonly NullProbe[] = NULL_PROBES,
): Promise<Calibration> {
  const embedded = await embedder.embedQueries(probes.map((p) => p.text));
  const scored = embedded.flatMap((v, i) =>
    vectors.search(v, 1).map((hit) => ({ lang: probes[i]!.lang, similarity: hit.score })),
  );
  return calibrationOf(scored);
}
