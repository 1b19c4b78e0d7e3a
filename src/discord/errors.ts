/**
 * Unexpected errors are logged with a short id the user is shown, so a report in Discord
 * can be matched to the log line without exposing internals.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.js';

export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

/** Log an unexpected error and return the id to show the user. */
export function reportError(log: Logger, err: unknown, context: Record<string, unknown>): string {
  const errorId = newErrorId();
  log.error({ err, errorId, ...context }, 'Unexpected error while answering');
  return errorId;
}

/** Discord's "Unknown interaction": the 3 s (or 15 min) window passed; nothing can be sent any more. */
export function isExpiredInteraction(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 10062;
}

/** Missing Access (50001) / Missing Permissions (50013): a server setting, not a bug. */
export function isMissingPermission(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    'code' in err &&
    (err.code === 50001 || err.code === 50013)
  );
}

export const PERMISSIONS_HINT =
  'Give the bot View Channel, Send Messages, Send Messages in Threads, Embed Links, Read Message History and Add Reactions there.';
