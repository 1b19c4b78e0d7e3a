/** The dense leg's text encoder, as the rest of the code sees it. */
import type { Logger } from '../logger.js';
import type { ProgressReporter } from './progress.js';

export interface Embedder {
  readonly model: string;
  readonly dims: number;
  /** Prepended to every query before encoding ("" for models trained without one). */
  readonly queryPrefix: string;
  /** Prepended to every passage before encoding. */
  readonly passagePrefix: string;
  embedQueries(texts: string[]): Promise<Float32Array[]>;
  embedPassages(texts: string[]): Promise<Float32Array[]>;
  /** Releases the ONNX session. The embedder must not be used afterwards. */
  dispose(): Promise<void>;
}

export type EmbedderLoad =
  | { ok: true; embedder: Embedder; source: 'cache' | 'download' }
  | { ok: false; reason: string; hint: string };

export interface LoadEmbedderOptions {
  /** A model id such as "Xenova/multilingual-e5-small". */
  model: string;
  cacheDir: string;
  allowRemote: boolean;
  /** A download that shows no progress for this long is abandoned. */
  timeoutMs: number;
  quantized: boolean;
  /** Show download progress on stderr (a bar on a TTY, otherwise occasional lines). Default true. */
  progress?: boolean;
  /** Where progress lines go when stderr is not a TTY; stderr when absent. */
  logger?: Logger;
  /** Told the download's progress instead of stderr, when `progress` is on. */
  reporter?: ProgressReporter;
  /** A Hugging Face mirror (for instance https://hf-mirror.com/); the hub by default. */
  remoteHost?: string;
}
