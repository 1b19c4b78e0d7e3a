/**
 * A reindex in a worker thread whose heap is capped at BUILD_MAX_HEAP_MB.
 *
 * Node sizes its heap limit from the machine's memory (4.3 GB on this 23 GB machine)
 * and lets garbage pile up towards it: a 10,000-article build whose live data was
 * about 1.2 GB reached 2.7 GB of RSS. Under a lower limit the same build collects
 * sooner and stayed under 1.9 GB, in about the same time. A process's limit is fixed
 * when it starts, but a worker's is set when it is made, so the cap needs no second
 * process and no flag on the command line.
 *
 * The cap is a target, not a wall: a corpus that needs more heap stops its worker
 * (ERR_WORKER_OUT_OF_MEMORY, which leaves this process running), and the build runs
 * again without the cap, with a warning. The build cache keeps what the first run
 * derived, so the second run does not start from nothing. The parent holds the build
 * lock throughout, so the lock outlives a worker that was stopped.
 *
 * For processes that have not loaded the embedding model themselves (the reindex and
 * add scripts): onnxruntime's addon cannot be loaded again in a worker of a process
 * that already holds it, so the bot builds a missing index in its own thread.
 */
import { Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import { ExpectedError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Level } from 'pino';
import type { ProgressEvent, ProgressReporter } from '../embedding/progress.js';
import { progressReporter } from '../embedding/progress.js';
import type { BuildResult } from './build.js';
import { withBuildLock } from './lock.js';

/** What the worker is asked to do. */
export interface ThreadRequest {
  config: Config;
  full: boolean;
  progress: boolean;
  logLevel: string;
}

/** What the worker tells its parent. */
export type ThreadMessage =
  | { type: 'step'; step: string }
  | { type: 'log'; level: number; msg: string }
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'progress-stop' }
  | { type: 'done'; result: BuildResult }
  | { type: 'failed'; name: string; message: string; stack: string; expected: boolean };

export interface RunBuildOptions {
  /** Show the model download's progress (a bar on a terminal). */
  progress?: boolean;
  /** Told as each stage starts. */
  onStep?: (step: string) => void;
  /** Derive everything anew (reindex --full). */
  full?: boolean;
}

/** A failure the worker reported that was an expected one (an empty corpus, say): its message is the story. */
export class BuildFailedError extends ExpectedError {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** The worker stopped at its heap limit. */
class HeapLimitReached extends Error {}

/**
 * Where the worker's code is. Under tsx (the npm scripts) a worker does not inherit
 * its loader, so the worker registers it before importing the TypeScript file.
 */
function startWorker(request: ThreadRequest, heapMb: number): Worker {
  const here = import.meta.url;
  const typescript = new URL(here).pathname.endsWith('.ts');
  const thread = new URL(typescript ? './build-thread.ts' : './build-thread.js', here);
  const options = {
    workerData: request,
    ...(heapMb > 0 && { resourceLimits: { maxOldGenerationSizeMb: heapMb } }),
  };
  if (!typescript) return new Worker(thread, options);
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(thread.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

function inWorker(
  request: ThreadRequest,
  heapMb: number,
  log: Logger,
  options: RunBuildOptions,
): Promise<BuildResult> {
  return new Promise<BuildResult>((resolve, reject) => {
    const worker = startWorker(request, heapMb);
    let reporter: ProgressReporter | undefined;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      reporter?.stop();
      fn();
    };
    worker.on('message', (m: ThreadMessage) => {
      switch (m.type) {
        case 'step':
          options.onStep?.(m.step);
          break;
        case 'log':
          // The worker's logger has the parent's levels, so its number names one of ours.
          log[(log.levels.labels[m.level] ?? 'info') as Level](m.msg);
          break;
        case 'progress':
          (reporter ??= progressReporter(request.config.EMBEDDING_MODEL, log)).onEvent(m.event);
          break;
        case 'progress-stop':
          reporter?.stop();
          reporter = undefined;
          break;
        case 'done':
          settle(() => resolve(m.result));
          break;
        case 'failed': {
          const err = m.expected ? new BuildFailedError(m.name, m.message) : new Error(m.message);
          if (!m.expected) {
            err.name = m.name;
            err.stack = m.stack;
          }
          settle(() => reject(err));
          break;
        }
      }
    });
    worker.on('error', (err: NodeJS.ErrnoException) => {
      settle(() =>
        reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new HeapLimitReached(err.message) : err),
      );
    });
    worker.on('exit', (code) => {
      settle(() =>
        reject(new Error(`The build's worker stopped (exit code ${code}) without a result.`)),
      );
    });
  });
}

/**
 * Build and publish an index as `buildIndex` does, in a worker whose heap is capped
 * at BUILD_MAX_HEAP_MB (see above). Holds the build lock throughout.
 */
export async function runBuild(
  config: Config,
  log: Logger,
  options: RunBuildOptions = {},
): Promise<BuildResult> {
  const request: ThreadRequest = {
    // Only the values: a caller's extras (a test's cleanup function) cannot cross to a thread.
    config: Object.fromEntries(
      Object.entries(config).filter(([, v]) => typeof v !== 'function'),
    ) as Config,
    full: options.full === true,
    progress: options.progress === true,
    logLevel: log.level,
  };
  return withBuildLock(config.DATA_DIR, async () => {
    try {
      return await inWorker(request, config.BUILD_MAX_HEAP_MB, log, options);
    } catch (err) {
      if (!(err instanceof HeapLimitReached)) throw err;
      log.warn(
        `The build needed more than BUILD_MAX_HEAP_MB (${config.BUILD_MAX_HEAP_MB} MB) of heap; ` +
          'building again without that limit, from what the build cache kept. Raise ' +
          'BUILD_MAX_HEAP_MB (or set it to 0) for a corpus this large.',
      );
      return await inWorker(request, 0, log, options);
    }
  });
}
