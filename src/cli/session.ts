/**
 * What every command-line entry point does first: read configuration, make a
 * logger, and open the engine (which builds the index when missing or stale).
 */
import { checkDirectories, loadConfig, type Config } from '../config.js';
import { openEngine, type EngineHandle } from '../engine.js';
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
  await checkDirectories(config);
  const log = createLogger(options.logLevel ?? config.LOG_LEVEL, options.logFormat ?? 'plain');
  const engine = await openEngine(config, { log, watch: options.watch ?? false });
  return { config, log, engine };
}

export { describeFailure, exitCodeFor, runMain } from './main.js';
