/** /articles page:<n>: the articles the bot answers from, with source, date, passages and link. */
import { renderArticleList } from '../../render/article-list.js';
import { described, slashCommand } from '../command-data.js';
import type { SlashCommand } from '../context.js';
import { langFor } from '../questions.js';
import { respond } from '../respond.js';

const data = slashCommand('articles', {
  en: 'The articles this bot answers from: title, source, date and link.',
  zh: '這個機器人收錄的文章：標題、來源、日期與連結。',
}).addIntegerOption((o) =>
  described(o.setName('page'), {
    en: 'Which page of the list (10 articles a page)',
    zh: '列表的第幾頁（每頁 10 篇）',
  })
    .setRequired(false)
    .setMinValue(1),
);

export default {
  kind: 'slash',
  data,
  async execute(interaction, ctx) {
    const lang = langFor(null, interaction.locale, ctx.defaultLang);
    const page = interaction.options.getInteger('page') ?? 1;
    await respond(interaction, renderArticleList(ctx.engine.about().articles, { lang, page }));
  },
} satisfies SlashCommand;
