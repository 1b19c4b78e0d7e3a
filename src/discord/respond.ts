/**
 * Sending to Discord. Every message goes out with allowed_mentions that ping nobody:
 * quotes and echoed questions may contain @everyone, role or user mentions, and the
 * reply to a question does not ping its author either (the answer sits right under the
 * question, and the typing indicator already showed it was coming).
 */
import {
  MessageFlags,
  type InteractionReplyOptions,
  type Message,
  type MessageMentionOptions,
  type MessageReplyOptions,
  type RepliableInteraction,
} from 'discord.js';
import type { RenderedMessage } from '../render/discord.js';

export const NO_PINGS = { parse: [], repliedUser: false } as const satisfies MessageMentionOptions;

export type ResponseKind = 'reply' | 'editReply' | 'followUp';

/**
 * How to answer an interaction in its current state: the first response is a reply; after
 * deferReply it is the deferred message's edit; after that, a follow-up.
 */
export function responseKind(state: { deferred: boolean; replied: boolean }): ResponseKind {
  if (state.replied) return 'followUp';
  if (state.deferred) return 'editReply';
  return 'reply';
}

/** What every way of sending takes (message reply, interaction reply, edit, follow-up): nobody is pinged. */
export function messageOptions(message: RenderedMessage) {
  return {
    ...(message.content !== undefined && { content: message.content }),
    embeds: message.embeds,
    components: message.components,
    allowedMentions: NO_PINGS,
  } satisfies MessageReplyOptions;
}

/**
 * Reply, edit the deferred reply, or follow up, whichever the interaction is ready for.
 * `ephemeral` applies where Discord lets it: a deferred reply keeps the visibility it was
 * deferred with.
 */
export async function respond(
  interaction: RepliableInteraction,
  message: RenderedMessage,
  options: { ephemeral?: boolean } = {},
): Promise<void> {
  await respondWithMessage(interaction, message, options);
}

/**
 * respond, returning the message Discord shows (null when Discord does not say), so a reply
 * to it can be recognised later.
 */
export async function respondWithMessage(
  interaction: RepliableInteraction,
  message: RenderedMessage,
  options: { ephemeral?: boolean } = {},
): Promise<Message | null> {
  const base = messageOptions(message);
  const flags = options.ephemeral ? MessageFlags.Ephemeral : undefined;
  switch (responseKind(interaction)) {
    case 'reply': {
      const response = await interaction.reply({
        ...base,
        ...(flags !== undefined && { flags }),
        withResponse: true,
      } satisfies InteractionReplyOptions);
      return response.resource?.message ?? null;
    }
    case 'editReply':
      return interaction.editReply(base);
    case 'followUp':
      return interaction.followUp({ ...base, ...(flags !== undefined && { flags }) });
  }
}

const DEFERRED = Symbol('deferred');

/**
 * Wait for `work`, but if it has not finished within `afterMs` (or at once, when `deferNow`)
 * defer the reply so Discord's 3-second window for the first response cannot run out.
 */
export async function withDeferral<T>(
  interaction: RepliableInteraction,
  work: Promise<T>,
  options: { ephemeral: boolean; deferNow: boolean; afterMs: number },
): Promise<T> {
  // The caller awaits `work` later; a rejection while deferring must not count as unhandled.
  work.catch(() => undefined);
  const defer = () =>
    interaction.deferReply(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  if (options.deferNow) {
    await defer();
    return work;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof DEFERRED>((resolve) => {
    timer = setTimeout(() => resolve(DEFERRED), options.afterMs);
  });
  try {
    const first = await Promise.race([work, timeout]);
    if (first !== DEFERRED) return first;
  } finally {
    clearTimeout(timer);
  }
  await defer();
  return work;
}
