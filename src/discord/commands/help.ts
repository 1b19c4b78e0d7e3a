/** /help: every way to ask, shown only to whoever asked for it. */
import { renderHelp } from '../../render/discord.js';
import { slashCommand } from '../command-data.js';
import type { Command } from '../context.js';
import { langFor } from '../questions.js';
import { respond } from '../respond.js';

const data = slashCommand('help', {
  en: 'How to ask me questions about the article.',
  zh: '如何向我提問。',
});

export default {
  data,
  async execute(interaction, ctx) {
    const lang = langFor(null, interaction.locale, ctx.defaultLang);
    const help = renderHelp(lang, {
      botMention: `<@${interaction.client.user.id}>`,
      answerChannels: ctx.config.ANSWER_CHANNEL_IDS.map((id) => `<#${id}>`),
      maxQuestionChars: ctx.config.MAX_QUESTION_CHARS,
      cooldownSeconds: Math.ceil(ctx.config.USER_COOLDOWN_MS / 1000),
    });
    await respond(interaction, help, { ephemeral: true });
  },
} satisfies Command;
