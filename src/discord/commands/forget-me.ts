/** /forget-me: deletes the caller's stored questions and votes and their conversation context. */
import { renderFeedbackUnsaved, renderForgotten } from '../../render/discord.js';
import { slashCommand } from '../command-data.js';
import type { SlashCommand } from '../context.js';
import { langFor } from '../questions.js';
import { respond } from '../respond.js';

const data = slashCommand('forget-me', {
  en: 'Delete your stored questions, votes and conversation context.',
  zh: '刪除你儲存的提問、投票與對話記錄。',
});

export default {
  kind: 'slash',
  data,
  async execute(interaction, ctx) {
    const lang = langFor(null, interaction.locale, ctx.defaultLang);
    // Conversations are in memory and always go, even when the database cannot be reached.
    ctx.history.forgetUser(interaction.user.id);
    const forgotten = ctx.feedback.forgetUser(interaction.user.id);
    const message = forgotten.ok
      ? renderForgotten(lang, forgotten.value.answers)
      : renderFeedbackUnsaved(lang);
    await respond(interaction, message, { ephemeral: true });
  },
} satisfies SlashCommand;
