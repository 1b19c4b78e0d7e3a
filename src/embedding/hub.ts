/**
 * transformers.js' process-global hub settings, loaded lazily, changed one load at
 * a time, and the fetch patch that lets a stalled download be abandoned.
 */
import path from 'node:path';
import type * as TransformersModule from '@xenova/transformers';

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
export const DEFAULT_REMOTE_HOST = 'https://huggingface.co/';

export type Transformers = typeof TransformersModule;
let transformersModule: Promise<Transformers> | undefined;

/**
 * transformers.js, and onnxruntime under it, load only when a model does: a
 * keyword-only process (EMBEDDING_MODEL=none, or an index built without the model)
 * never pays their start-up time and memory.
 */
export function transformers(): Promise<Transformers> {
  transformersModule ??= import('@xenova/transformers');
  return transformersModule;
}

/**
 * `env` is process-global and read while files load, so loads run one at a time
 * and each sets every field it depends on rather than trusting what a previous
 * load left behind.
 */
let loadQueue: Promise<unknown> = Promise.resolve();
export function serialized<T>(task: () => Promise<T>): Promise<T> {
  const run = loadQueue.then(task, task);
  loadQueue = run.catch(() => undefined);
  return run;
}

export async function configureHub(
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
export async function withAbortableHubFetch<T>(
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
