/**
 * An Embedder over a transformers.js feature-extraction pipeline: mean pooling,
 * L2-normalised, in batches of similar length.
 */
import type { FeatureExtractionPipeline } from '@xenova/transformers';
import type { Embedder } from './types.js';

type Extractor = FeatureExtractionPipeline;

/** Modest, so a batch of padded passages stays small in memory on a 2-core machine. */
const BATCH_SIZE = 16;

export class PipelineEmbedder implements Embedder {
  constructor(
    readonly model: string,
    readonly dims: number,
    readonly queryPrefix: string,
    readonly passagePrefix: string,
    private readonly extractor: Extractor,
  ) {}

  embedQueries(texts: string[]): Promise<Float32Array[]> {
    return this.embed(texts.map((t) => this.queryPrefix + t));
  }

  embedPassages(texts: string[]): Promise<Float32Array[]> {
    return this.embed(texts.map((t) => this.passagePrefix + t));
  }

  dispose(): Promise<void> {
    return this.extractor.dispose();
  }

  private async embed(texts: string[]): Promise<Float32Array[]> {
    // Batching texts of similar length keeps padding (wasted work) low; order is restored below.
    const order = texts
      .map((_, i) => i)
      .sort((a, b) => (texts[a]?.length ?? 0) - (texts[b]?.length ?? 0));
    const out = new Array<Float32Array>(texts.length);
    for (let start = 0; start < order.length; start += BATCH_SIZE) {
      const batch = order.slice(start, start + BATCH_SIZE);
      const tensor = await this.extractor(
        batch.map((i) => texts[i] ?? ''),
        { pooling: 'mean', normalize: true },
      );
      const [rows, dims] = tensor.dims;
      if (rows !== batch.length || dims === undefined || (this.dims > 0 && dims !== this.dims)) {
        throw new Error(
          `unexpected embedding shape [${tensor.dims.join(', ')}] from ${this.model}`,
        );
      }
      const data = tensor.data as Float32Array;
      batch.forEach((textIndex, row) => {
        out[textIndex] = data.slice(row * dims, (row + 1) * dims);
      });
    }
    return out;
  }
}
