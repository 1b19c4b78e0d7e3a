/**
 * What /ask and the "Ask the article about this" message command share once they have a
 * question: the same admission (empty, too long, cooldown), the same answer path, deferral
 * and visibility. Both name their whole question, so neither reads it as a follow-up; their
 * public answers are remembered, so a Discord reply to one follows up on its question.
 */
import type { ChatInputCommandInteraction, MessageContextMenuCommandInteraction } from 'discord.js';
import type { Surface } from '../ops/metrics.js';
import type { Lang } from '../text/language.js';
import { admit } from './admission.js';
import type { BotContext } from './context.js';
import { denialNotice } from './notices.js';
import { answerTurn } from './questions.js';
import { respond, respondWithMessage, withDeferral } from './respond.js';

export interface AskRequest {
  question: string;
  lang: Lang;
  surface: Surface;
  /** Only the asker sees the answer. */
  ephemeral: boolean;
  /** An article id: answer from that article alone. */
  doc?: string;
}

export async function answerAsked(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  ctx: BotContext,
  request: AskRequest,
): Promise<void> {
  const { question, lang, surface, ephemeral } = request;
  const admission = admit(ctx, surface, question, interaction.user.id);
  if (!admission.ok)
    return respond(interaction, denialNotice(admission.denial, lang), { ephemeral: true });
  const work = answerTurn(ctx, question, admission.intent, interaction.client.user.id, surface, {
    userId: interaction.user.id,
    place: interaction.channelId,
    turn: { followUp: false, ...(request.doc !== undefined && { doc: request.doc }) },
  });
  const answered = await withDeferral(interaction, work, {
    ephemeral,
    // Embedding the question can take seconds on a cold model: defer at once.
    deferNow: ctx.engine.about().mode === 'hybrid',
    afterMs: ctx.deferAfterMs,
  });
  const sent = await respondWithMessage(interaction, answered.rendered, { ephemeral });
  // Nobody can reply to an ephemeral answer.
  if (sent && !ephemeral && answered.understood !== null)
    ctx.answered.remember(sent.id, answered.understood);
}
