/**
 * The worker side of build-runner.ts: one build, under the lock its parent holds,
 * with every step, log record and download event sent to the parent as a message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ExpectedError } from '../errors.js';
import { loggerTo } from '../logger.js';
import { buildHoldingLock } from './build.js';
import type { ThreadMessage, ThreadRequest } from './build-runner.js';

const port = parentPort;
if (!port) throw new Error('build-thread.ts runs as a worker of build-runner.ts');
const send = (message: ThreadMessage) => port.postMessage(message);
const { config, full, progress, logLevel } = workerData as ThreadRequest;

// The parent's logger prints; this one redacts and filters as the parent's would.
const log = loggerTo(
  {
    write(line: string) {
      const { level, msg } = JSON.parse(line) as { level: number; msg?: string };
      send({ type: 'log', level, msg: msg ?? '' });
    },
  },
  logLevel,
);

try {
  const result = await buildHoldingLock(config, log, {
    full,
    progress,
    onStep: (step) => send({ type: 'step', step }),
    reporter: {
      onEvent: (event) => send({ type: 'progress', event }),
      stop: () => send({ type: 'progress-stop' }),
    },
  });
  send({ type: 'done', result });
} catch (err) {
  const e = err instanceof Error ? err : new Error(String(err));
  send({
    type: 'failed',
    name: e.name,
    message: e.message,
    stack: e.stack ?? e.message,
    expected: e instanceof ExpectedError,
  });
}
