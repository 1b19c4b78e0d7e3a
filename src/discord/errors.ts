/**
 * What goes wrong while answering, handled in one place for every surface (as Sapphire's
 * error listeners do). Unexpected errors are logged with a short id the user is shown, so a
 * report in Discord can be matched to the log line without exposing internals.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { RenderedMessage } from '../render/discord.js';
import type { Lang } from '../text/language.js';
import { errorNotice } from './notices.js';

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

export interface Failure {
  /** What was being answered, for the log: trigger or command, user, guild, channel. */
  where: Record<string, unknown>;
  /** The language to tell the user in. */
  lang: Lang;
  /** Sends a notice the way this surface replies (a message reply, an ephemeral response …). */
  tell(notice: RenderedMessage): Promise<unknown>;
}

/**
 * The error path of every surface. An expired interaction or a missing permission is logged
 * as a warning and nobody is told: nothing can be sent any more, or not there (the server
 * admin reads the log). Anything else is logged with an error id, which the user is shown.
 */
export async function handleFailure(log: Logger, err: unknown, failure: Failure): Promise<void> {
  const { where } = failure;
  if (isExpiredInteraction(err)) {
    log.warn({ err, ...where }, 'Interaction expired before the bot could answer');
    return;
  }
  if (isMissingPermission(err)) {
    log.warn(
      { err, ...where },
      `Cannot answer in this channel: missing permissions. ${PERMISSIONS_HINT}`,
    );
    return;
  }
  const errorId = reportError(log, err, where);
  try {
    await failure.tell(errorNotice(errorId, failure.lang));
  } catch (sendErr) {
    log.warn({ err: sendErr, errorId, ...where }, 'Could not tell the user about the error');
  }
}
