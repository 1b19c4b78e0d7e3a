/**
 * /ask question:<text> article:<title> private:<bool>: a question about the articles (or
 * the one picked), answered with quotes.
 */
import { articleOption, autocompleteArticle, pickArticle } from '../article-option.js';
import { answerAsked } from '../asking.js';
import { described, privateOption, slashCommand } from '../command-data.js';
import type { SlashCommand } from '../context.js';
import { langFor, tidyQuestion } from '../questions.js';
import { respond } from '../respond.js';

const data = slashCommand('ask', {
  en: 'Ask a question about the article; the answer quotes it word for word.',
  zh: '就文章提問；回答逐字引用原文。',
})
  .addStringOption((o) =>
    described(o.setName('question'), {
      en: 'Your question, in Chinese or English',
      zh: '你的問題（中文或英文）',
    }).setRequired(true),
  )
  .addStringOption((o) =>
    articleOption(o, {
      en: 'Ask this article only (all when empty)',
      zh: '只問這一篇文章（留空則為全部）',
    }),
  )
  .addBooleanOption(privateOption);

export default {
  kind: 'slash',
  data,
  async execute(interaction, ctx) {
    const question = tidyQuestion(interaction.options.getString('question', true));
    const ephemeral = interaction.options.getBoolean('private') ?? false;
    const lang = langFor(question, interaction.locale, ctx.defaultLang);
    // Checked before admission, so a mistyped title costs no cooldown.
    const pick = pickArticle(interaction.options.getString('article'), ctx, lang);
    if (!pick.ok) return respond(interaction, pick.notice, { ephemeral: true });
    await answerAsked(interaction, ctx, {
      question,
      lang,
      surface: 'ask',
      ephemeral,
      ...(pick.article && { doc: pick.article.id }),
    });
  },
  autocomplete: autocompleteArticle,
} satisfies SlashCommand;
