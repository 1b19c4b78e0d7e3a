/** /about: the articles, source, date, counts, search mode and why, and model. */
import { renderAbout } from '../../render/discord.js';
import { slashCommand } from '../command-data.js';
import type { SlashCommand } from '../context.js';
import { langFor } from '../questions.js';
import { respond } from '../respond.js';

const data = slashCommand('about', {
  en: 'What this bot answers from: the article, its source and date, and how it searches.',
  zh: '這個機器人根據什麼回答：文章、來源、日期與檢索方式。',
});

export default {
  kind: 'slash',
  data,
  async execute(interaction, ctx) {
    const lang = langFor(null, interaction.locale, ctx.defaultLang);
    await respond(interaction, renderAbout(ctx.engine.about(), lang));
  },
} satisfies SlashCommand;
