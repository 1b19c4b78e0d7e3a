/**
 * What every command-line entry point does first: read configuration, make a
 * logger, and open the engine (which builds the index when missing or stale).
 */
import { checkDirectories, loadConfig, type Config } from '../config.js';
import { openEngine, type EngineHandle } from '../engine.js';
import { ExpectedError } from '../errors.js';
import { createLogger, type LogFormat, type Logger } from '../logger.js';
import { UsageError } from './args.js';

export interface Session {
  config: Config;
  log: Logger;
  engine: EngineHandle;
}

export async function openSession(
  options: { watch?: boolean; logLevel?: string; logFormat?: LogFormat } = {},
): Promise<Session> {
  const config = loadConfig();
  await checkDirectories(config);
  const log = createLogger(options.logLevel ?? config.LOG_LEVEL, options.logFormat ?? 'plain');
  const engine = await openEngine(config, { log, watch: options.watch ?? false });
  return { config, log, engine };
}

/** What a failed entry point prints: the message for expected failures, the stack for bugs. */
export function describeFailure(err: unknown): string {
  if (err instanceof UsageError) return `${err.message}\n\n${err.usage}\n`;
  if (err instanceof ExpectedError) return `${err.message}\n`;
  return `${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`;
}

/** Usage errors exit 2, every other failure 1. */
export function exitCodeFor(err: unknown): number {
  return err instanceof UsageError ? 2 : 1;
}

/**
 * Run a CLI main. A main that sets process.exitCode keeps it. Exits explicitly,
 * because a failed model download may leave a socket open.
 */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(Number(process.exitCode ?? 0)),
    (err: unknown) => {
      process.stderr.write(describeFailure(err));
      process.exit(exitCodeFor(err));
    },
  );
}
