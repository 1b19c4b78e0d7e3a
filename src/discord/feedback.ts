/**
 * 👍/👎 under answers and the "what was wrong?" form. A 👎 is stored at once and then opens
 * the form, which is optional: dismissing it keeps the vote. Storage failures get a polite
 * private notice; they never touch the answer.
 */
import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import { REASONS, type Reason } from '../feedback/types.js';
import {
  renderExplained,
  renderFeedbackUnsaved,
  renderVoteThanks,
  WHY_FIELDS,
  whyModal,
} from '../render/discord.js';
import type { BotContext } from './context.js';
import { parseVoteCustomId, parseWhyCustomId, whyCustomId } from './feedback-ids.js';
import { langFor } from './questions.js';
import { respond } from './respond.js';

function isReason(value: string | undefined): value is Reason {
  return REASONS.some((r) => r === value);
}

/** True when the button was a feedback button and has been answered. */
export async function handleFeedbackButton(
  interaction: ButtonInteraction,
  ctx: BotContext,
): Promise<boolean> {
  const parsed = parseVoteCustomId(interaction.customId);
  if (parsed === null) return false;
  const lang = langFor(null, interaction.locale, ctx.defaultLang);
  const result = ctx.feedback.vote(parsed.answerId, interaction.user.id, parsed.vote);
  if (!result.ok) {
    await respond(interaction, renderFeedbackUnsaved(lang), { ephemeral: true });
    return true;
  }
  if (parsed.vote === 'down') {
    // A modal must be the first response, so the form itself is the acknowledgement.
    await interaction.showModal(whyModal(whyCustomId(parsed.answerId), lang, REASONS));
    return true;
  }
  const { up, down, previous } = result.value;
  await respond(
    interaction,
    renderVoteThanks(lang, { up, down, changed: previous !== null && previous !== parsed.vote }),
    { ephemeral: true },
  );
  return true;
}

/** True when the form was the feedback form and has been answered. */
export async function handleFeedbackForm(
  interaction: ModalSubmitInteraction,
  ctx: BotContext,
): Promise<boolean> {
  const answerId = parseWhyCustomId(interaction.customId);
  if (answerId === null) return false;
  const lang = langFor(null, interaction.locale, ctx.defaultLang);
  const chosen = interaction.fields.fields.has(WHY_FIELDS.reason)
    ? interaction.fields.getStringSelectValues(WHY_FIELDS.reason)[0]
    : undefined;
  const comment = interaction.fields.fields.has(WHY_FIELDS.comment)
    ? interaction.fields.getTextInputValue(WHY_FIELDS.comment)
    : '';
  // Free text with no reason picked is still worth keeping, as "other".
  const reason: Reason = isReason(chosen) ? chosen : 'other';
  const stored = ctx.feedback.explain(answerId, interaction.user.id, reason, comment);
  await respond(interaction, stored.ok ? renderExplained(lang) : renderFeedbackUnsaved(lang), {
    ephemeral: true,
  });
  return true;
}
