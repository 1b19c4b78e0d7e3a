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
import { existsSync } from 'node:fs';
import path from 'node:path';
import type * as TransformersModule from '@xenova/transformers';
import type { FeatureExtractionPipeline } from '@xenova/transformers';
import cliProgress from 'cli-progress';
import type { Logger } from '../logger.js';

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
  /** A Hugging Face mirror (for instance https://hf-mirror.com/); the hub by default. */
  remoteHost?: string;
}

/** Modest, so a batch of padded passages stays small in memory on a 2-core machine. */
const BATCH_SIZE = 16;

/**
 * The E5 family was trained with "query: " / "passage: " markers and retrieves
 * noticeably worse without them; other models get the text as is.
 */
export function prefixesFor(model: string): { queryPrefix: string; passagePrefix: string } {
  const name = model.split('/').pop() ?? model;
  return /(^|[-_])e5([-_]|$)/i.test(name)
    ? { queryPrefix: 'query: ', passagePrefix: 'passage: ' }
    : { queryPrefix: '', passagePrefix: '' };
}

/** The files transformers.js reads for a feature-extraction model. */
export function requiredModelFiles(quantized: boolean): string[] {
  return [
    'config.json',
    'tokenizer.json',
    'tokenizer_config.json',
    `onnx/model${quantized ? '_quantized' : ''}.onnx`,
  ];
}

export function modelDir(cacheDir: string, model: string): string {
  return path.join(cacheDir, ...model.split('/'));
}

export function isModelCached(cacheDir: string, model: string, quantized: boolean): boolean {
  const dir = modelDir(cacheDir, model);
  return requiredModelFiles(quantized).every((f) => existsSync(path.join(dir, f)));
}

function hintFor(model: string, cacheDir: string, quantized: boolean): string {
  const files = requiredModelFiles(quantized).join(', ');
  return (
    `To use semantic search, either run once with network access (ALLOW_REMOTE_MODELS=1) so ${model} downloads into ${cacheDir}, ` +
    `or copy a model folder with ${files} into ${modelDir(cacheDir, model)}${path.sep}, ` +
    `or set EMBEDDING_MODEL=none to use keyword search only.`
  );
}

const MODEL_ID = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;

// ---------------------------------------------------------------------------
// transformers.js' global settings

/** The settings we own; the published typings mark some of them read-only. */
interface HubEnv {
  allowRemoteModels: boolean;
  allowLocalModels: boolean;
  localModelPath: string;
  cacheDir: string;
  useFSCache: boolean;
  useBrowserCache: boolean;
  remoteHost: string;
}
/** transformers.js' default hub (its `env.remoteHost`). */
const DEFAULT_REMOTE_HOST = 'https://huggingface.co/';

type Transformers = typeof TransformersModule;
let transformersModule: Promise<Transformers> | undefined;

/**
 * transformers.js, and onnxruntime under it, load only when a model does: a
 * keyword-only process (EMBEDDING_MODEL=none, or an index built without the model)
 * never pays their start-up time and memory.
 */
function transformers(): Promise<Transformers> {
  transformersModule ??= import('@xenova/transformers');
  return transformersModule;
}

/**
 * `env` is process-global and read while files load, so loads run one at a time
 * and each sets every field it depends on rather than trusting what a previous
 * load left behind.
 */
let loadQueue: Promise<unknown> = Promise.resolve();
function serialized<T>(task: () => Promise<T>): Promise<T> {
  const run = loadQueue.then(task, task);
  loadQueue = run.catch(() => undefined);
  return run;
}

async function configureHub(
  cacheDir: string,
  allowRemote: boolean,
  remoteHost: string,
): Promise<Transformers['pipeline']> {
  const { env, pipeline } = await transformers();
  const hubEnv = env as unknown as HubEnv;
  hubEnv.allowLocalModels = true;
  hubEnv.localModelPath = cacheDir.endsWith(path.sep) ? cacheDir : cacheDir + path.sep;
  hubEnv.cacheDir = cacheDir;
  hubEnv.useFSCache = true;
  hubEnv.useBrowserCache = false;
  hubEnv.allowRemoteModels = allowRemote;
  hubEnv.remoteHost = remoteHost;
  return pipeline;
}

/**
 * transformers.js 2.17 takes no AbortSignal, so while a download runs, requests
 * to the hub go through a fetch that carries ours. Without it an abandoned
 * download could keep a socket (and the process) alive for minutes.
 */
async function withAbortableHubFetch<T>(
  host: string,
  signal: AbortSignal,
  task: () => Promise<T>,
): Promise<T> {
  const original = globalThis.fetch;
  const wrapped: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(host)) return original(input, init);
    return original(input, {
      ...init,
      signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal,
    });
  };
  globalThis.fetch = wrapped;
  try {
    return await task();
  } finally {
    if (globalThis.fetch === wrapped) globalThis.fetch = original;
  }
}

// ---------------------------------------------------------------------------
// Progress

interface ProgressEvent {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
}

interface ProgressReporter {
  onEvent(event: ProgressEvent): void;
  stop(): void;
}

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);

function barReporter(model: string): ProgressReporter {
  const multibar = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: `${model} {file} [{bar}] {percentage}% {loadedMb}/{totalMb} MB`,
      hideCursor: true,
      clearOnComplete: false,
      autopadding: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    onEvent(e) {
      if (!e.file || e.status !== 'progress' || !e.total) return;
      const payload = { file: e.file, loadedMb: mb(e.loaded ?? 0), totalMb: mb(e.total) };
      let bar = bars.get(e.file);
      if (!bar) {
        bar = multibar.create(e.total, 0, payload);
        bars.set(e.file, bar);
      }
      bar.update(e.loaded ?? 0, payload);
    },
    stop: () => multibar.stop(),
  };
}

/** Without a terminal: one line per file per quarter, so logs stay readable. */
function lineReporter(model: string, logger: Logger | undefined): ProgressReporter {
  const say = (msg: string) => (logger ? logger.info(msg) : process.stderr.write(`${msg}\n`));
  const reported = new Map<string, number>();
  return {
    onEvent(e) {
      if (!e.file) return;
      if (e.status === 'initiate' && !reported.has(e.file)) {
        reported.set(e.file, -1);
      } else if (e.status === 'progress' && e.total) {
        const quarter = Math.floor(((e.loaded ?? 0) / e.total) * 4);
        if (quarter > (reported.get(e.file) ?? -1)) {
          reported.set(e.file, quarter);
          say(
            `downloading ${model} ${e.file}: ${Math.min(100, quarter * 25)}% of ${mb(e.total)} MB`,
          );
        }
      }
    },
    stop() {},
  };
}

// ---------------------------------------------------------------------------
// Loading

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
  const reporter: ProgressReporter | undefined = !showProgress
    ? undefined
    : process.stderr.isTTY
      ? barReporter(opts.model)
      : lineReporter(opts.model, opts.logger);
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

// ---------------------------------------------------------------------------

class PipelineEmbedder implements Embedder {
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
