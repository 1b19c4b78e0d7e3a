/**
 * Structured logs (pino). The bot writes JSON lines (LOG_LEVEL); command-line
 * tools write the same records as plain "warning: …" lines for people. The token
 * is redacted wherever it might appear in a logged object, and logs go to stderr
 * so stdout stays clean for --json output.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export type LogFormat = 'json' | 'plain';

const LABELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warning',
  50: 'error',
  60: 'fatal',
};

/** Human-readable lines: the message, and the error's message when there is one. */
const plainStderr: DestinationStream = {
  write(line: string) {
    const record = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
    const label = LABELS[record.level] ?? 'log';
    const err = record.err?.message ? ` (${record.err.message})` : '';
    process.stderr.write(`${label === 'info' ? '' : `${label}: `}${record.msg ?? ''}${err}\n`);
  },
};

export function createLogger(
  level: string,
  format: LogFormat = 'json',
  name = 'article-bot',
): Logger {
  return loggerTo(format === 'plain' ? plainStderr : pino.destination(2), level, name);
}

/** A logger like `createLogger`'s that writes its JSON lines to `destination`. */
export function loggerTo(
  destination: DestinationStream,
  level: string,
  name = 'article-bot',
): Logger {
  return pino(
    {
      name,
      level,
      redact: {
        paths: [
          'token',
          '*.token',
          'config.DISCORD_TOKEN',
          'DISCORD_TOKEN',
          'headers.authorization',
          '*.headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
