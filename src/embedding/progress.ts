/** Download progress: a bar per file on a terminal, a line per quarter in logs. */
import cliProgress from 'cli-progress';
import type { Logger } from '../logger.js';

export interface ProgressEvent {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
}

export interface ProgressReporter {
  onEvent(event: ProgressEvent): void;
  stop(): void;
}

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);

export function barReporter(model: string): ProgressReporter {
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
export function lineReporter(model: string, logger: Logger | undefined): ProgressReporter {
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

/** A bar on a terminal, otherwise occasional lines (to `logger` when given). */
export function progressReporter(model: string, logger?: Logger): ProgressReporter {
  return process.stderr.isTTY ? barReporter(model) : lineReporter(model, logger);
}
