/** /help: every way to ask, shown only to whoever asked for it. */
import { renderHelp } from '../../render/discord.js';
import { slashCommand } from '../command-data.js';
import type { SlashCommand } from '../context.js';
import { helpParams, langFor } from '../questions.js';
import { respond } from '../respond.js';

const data = slashCommand('help', {
  en: 'How to ask me questions about the article.',
  zh: '如何向我提問。',
});

export default {
  kind: 'slash',
  data,
  async execute(interaction, ctx) {
    const lang = langFor(null, interaction.locale, ctx.defaultLang);
    const help = renderHelp(lang, helpParams(ctx, interaction.client.user.id));
    await respond(interaction, help, { ephemeral: true });
  },
} satisfies SlashCommand;
