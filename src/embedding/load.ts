/**
 * The dense leg's text encoder: a transformers.js feature-extraction pipeline
 * (mean pooling, L2-normalised) behind a small interface.
 *
 * Models live in a project-local cache (MODEL_CACHE_DIR). transformers.js 2.17
 * caches a download of `<model id>/<file>` under its cache directory, which is
 * exactly the layout of a model folder a user copies in, so one directory
 * serves both. A complete folder there loads with remote access off; anything
 * else is downloaded (when allowed) under a stall timeout, and every failure
 * comes back as `{ ok: false, reason, hint }` instead of an exception, so
 * callers can fall back to keyword-only retrieval.
 */
import type { FeatureExtractionPipeline } from '@xenova/transformers';
import {
  DEFAULT_REMOTE_HOST,
  configureHub,
  serialized,
  transformers,
  withAbortableHubFetch,
} from './hub.js';
import { MODEL_ID, hintFor, isModelCached, modelDir, prefixesFor } from './model-files.js';
import { PipelineEmbedder } from './pipeline-embedder.js';
import { progressReporter, type ProgressEvent, type ProgressReporter } from './progress.js';
import type { Embedder, EmbedderLoad, LoadEmbedderOptions } from './types.js';

export type { Embedder, EmbedderLoad, LoadEmbedderOptions } from './types.js';
export { isModelCached, modelDir, prefixesFor, requiredModelFiles } from './model-files.js';

type Extractor = FeatureExtractionPipeline;

class Stalled extends Error {
  override name = 'Stalled';
}

/** A timer that fires after `ms` without activity; unref'd so it never holds the process open. */
function watchdog(ms: number): { fired: Promise<never>; poke(): void; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let fail: (err: Error) => void = () => {};
  const fired = new Promise<never>((_, reject) => (fail = reject));
  fired.catch(() => undefined);
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => fail(new Stalled(`no progress for ${ms} ms`)), ms);
    timer.unref();
  };
  arm();
  return { fired, poke: arm, stop: () => clearTimeout(timer) };
}

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  const detail =
    typeof cause?.message === 'string'
      ? cause.message
      : typeof cause?.code === 'string'
        ? cause.code
        : '';
  return detail && !err.message.includes(detail) ? `${err.message} (${detail})` : err.message;
}

async function createEmbedder(model: string, extractor: Extractor): Promise<Embedder> {
  const { queryPrefix, passagePrefix } = prefixesFor(model);
  const embedder = new PipelineEmbedder(model, 0, queryPrefix, passagePrefix, extractor);
  const [probe] = await embedder.embedPassages(['dimension probe']);
  if (!probe || probe.length === 0) throw new Error('the model produced an empty embedding');
  return new PipelineEmbedder(model, probe.length, queryPrefix, passagePrefix, extractor);
}

async function loadFromCache(opts: LoadEmbedderOptions): Promise<EmbedderLoad> {
  const pipeline = await configureHub(opts.cacheDir, false, opts.remoteHost ?? DEFAULT_REMOTE_HOST);
  let extractor: Extractor | undefined;
  try {
    extractor = await pipeline('feature-extraction', opts.model, {
      quantized: opts.quantized,
      cache_dir: opts.cacheDir,
      local_files_only: true,
    });
    return { ok: true, embedder: await createEmbedder(opts.model, extractor), source: 'cache' };
  } catch (err) {
    await extractor?.dispose().catch(() => undefined);
    return {
      ok: false,
      reason: `the cached copy in ${modelDir(opts.cacheDir, opts.model)} failed to load: ${describeError(err)}`,
      hint: `Delete that folder and run once with network access, or replace it with a complete copy. ${hintFor(opts.model, opts.cacheDir, opts.quantized)}`,
    };
  }
}

async function download(opts: LoadEmbedderOptions): Promise<EmbedderLoad> {
  const host = opts.remoteHost ?? DEFAULT_REMOTE_HOST;
  const pipeline = await configureHub(opts.cacheDir, true, host);
  const showProgress = opts.progress ?? true;
  const reporter: ProgressReporter | undefined = showProgress
    ? (opts.reporter ?? progressReporter(opts.model, opts.logger))
    : undefined;
  const dog = watchdog(opts.timeoutMs);
  const abort = new AbortController();
  const loading = withAbortableHubFetch(host, abort.signal, () =>
    pipeline('feature-extraction', opts.model, {
      quantized: opts.quantized,
      cache_dir: opts.cacheDir,
      local_files_only: false,
      progress_callback: (event: ProgressEvent) => {
        dog.poke();
        reporter?.onEvent(event);
      },
    }),
  );
  try {
    const extractor = await Promise.race([loading, dog.fired]);
    dog.stop();
    return { ok: true, embedder: await createEmbedder(opts.model, extractor), source: 'download' };
  } catch (err) {
    abort.abort();
    // The abandoned load settles later; release whatever it built and keep its error quiet.
    loading.then((p) => p.dispose()).catch(() => undefined);
    const reason =
      err instanceof Stalled
        ? `the download from ${host} stalled (${err.message})`
        : `the download from ${host} failed: ${describeError(err)}`;
    return { ok: false, reason, hint: hintFor(opts.model, opts.cacheDir, opts.quantized) };
  } finally {
    dog.stop();
    reporter?.stop();
  }
}

export async function loadEmbedder(opts: LoadEmbedderOptions): Promise<EmbedderLoad> {
  const { model, cacheDir, quantized } = opts;
  if (!MODEL_ID.test(model) || model.split('/').some((part) => part === '..' || part === '.')) {
    return {
      ok: false,
      reason: `"${model}" is not a model id (expected something like Xenova/multilingual-e5-small)`,
      hint: 'Set EMBEDDING_MODEL to a transformers.js model id, or to none for keyword search only.',
    };
  }
  return serialized(async () => {
    try {
      await transformers();
    } catch (err) {
      return {
        ok: false,
        reason: `transformers.js could not be loaded: ${describeError(err)}`,
        hint: 'Reinstall dependencies (npm ci), or set EMBEDDING_MODEL=none for keyword search only.',
      };
    }
    if (isModelCached(cacheDir, model, quantized)) return loadFromCache(opts);
    if (!opts.allowRemote) {
      return {
        ok: false,
        reason: `${model} is not in the model cache (${cacheDir}) and downloads are off (ALLOW_REMOTE_MODELS=0)`,
        hint: hintFor(model, cacheDir, quantized),
      };
    }
    return download(opts);
  });
}
