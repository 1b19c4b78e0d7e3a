/**
 * What every command-line entry point does first: read configuration, make a
 * logger, and open the engine (which builds the index when missing or stale).
 */
import { ConfigError, loadConfig, type Config } from '../config.js';
import { openEngine, type EngineHandle } from '../engine.js';
import { IndexMismatchError } from '../indexes/manifest.js';
import { createLogger, type LogFormat, type Logger } from '../logger.js';

export interface Session {
  config: Config;
  log: Logger;
  engine: EngineHandle;
}

export async function openSession(
  options: { watch?: boolean; logLevel?: string; logFormat?: LogFormat } = {},
): Promise<Session> {
  const config = loadConfig();
  const log = createLogger(options.logLevel ?? config.LOG_LEVEL, options.logFormat ?? 'plain');
  const engine = await openEngine(config, { log, watch: options.watch ?? false });
  return { config, log, engine };
}

/**
 * Run a CLI main: expected failures print one clear line; anything else prints its
 * stack. Exits explicitly, because a failed model download may leave a socket open.
 */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      if (err instanceof ConfigError || err instanceof IndexMismatchError) {
        process.stderr.write(`${err.message}\n`);
      } else {
        process.stderr.write(
          `${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
        );
      }
      process.exit(1);
    },
  );
}
