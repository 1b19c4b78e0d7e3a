/**
 * When is an index stale? When anything that shaped it differs from what the
 * configuration and corpus ask for now. A keyword-only index built because the
 * model could not be had is NOT stale while the same model is still requested:
 * otherwise every start would retry the download. `npm run reindex` retries.
 */
import type { Config } from '../config.js';
import { sameTokenizer } from '../text/tokenize.js';
import { TEXT_FORM, tokenizerOptions } from './tokenizer-options.js';
import type { Manifest } from './manifest.js';

export function staleReasons(manifest: Manifest, config: Config, corpusHash: string): string[] {
  const reasons: string[] = [];
  if (manifest.corpusHash !== corpusHash) reasons.push('the corpus changed');
  if (
    manifest.chunking.maxChars !== config.CHUNK_MAX_CHARS ||
    manifest.chunking.minChars !== config.CHUNK_MIN_CHARS
  ) {
    reasons.push('the chunking settings changed');
  }
  const tokenizer = tokenizerOptions(config);
  if (!sameTokenizer(manifest.tokenizer, tokenizer)) reasons.push('the tokenizer changed');
  if (manifest.tokenizer.textForm !== TEXT_FORM) reasons.push('the form of index terms changed');
  if (manifest.requestedModel !== config.EMBEDDING_MODEL) {
    reasons.push(
      `the embedding model changed (${manifest.requestedModel} → ${config.EMBEDDING_MODEL})`,
    );
  } else if (manifest.embedding && manifest.embedding.quantized !== config.EMBEDDING_QUANTIZED) {
    reasons.push('the model quantization changed');
  }
  if (
    manifest.hnsw &&
    (manifest.hnsw.m !== config.HNSW_M ||
      manifest.hnsw.efConstruction !== config.HNSW_EF_CONSTRUCTION)
  ) {
    reasons.push('the HNSW build parameters changed');
  }
  return reasons;
}
