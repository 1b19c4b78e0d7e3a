/**
 * /summary article:<title> private:<bool>: the article in a few of its own sentences, in
 * order, each cited. Chosen at index time, so it answers at once. Left empty, `article`
 * means every article, which with one article is simply that one.
 */
import { renderSummary } from '../../render/discord.js';
import { articleOption, autocompleteArticle, pickArticle } from '../article-option.js';
import { privateOption, slashCommand } from '../command-data.js';
import type { SlashCommand } from '../context.js';
import { denialNotice } from '../notices.js';
import { langFor, moreRegistrar } from '../questions.js';
import { respond } from '../respond.js';

export { findArticle } from '../../answers/articles.js';

const data = slashCommand('summary', {
  en: 'The article in a few of its own sentences, in order, each cited.',
  zh: '文章摘要：幾句原文句子，依原文順序，各註明段落。',
})
  .addStringOption((o) =>
    articleOption(o, { en: 'Which article (all when empty)', zh: '哪一篇文章（留空則為全部）' }),
  )
  .addBooleanOption(privateOption);

export default {
  kind: 'slash',
  data,
  async execute(interaction, ctx) {
    const lang = langFor(null, interaction.locale, ctx.defaultLang);
    const ephemeral = interaction.options.getBoolean('private') ?? false;
    const pick = pickArticle(interaction.options.getString('article'), ctx, lang);
    if (!pick.ok) return respond(interaction, pick.notice, { ephemeral: true });
    const wait = ctx.cooldown.take(interaction.user.id);
    if (wait > 0)
      return respond(interaction, denialNotice({ kind: 'cooldown', waitMs: wait }, lang), {
        ephemeral: true,
      });
    const { article } = pick;
    const summary = ctx.engine.summary({ lang, ...(article && { doc: article.id }) });
    const rendered = renderSummary(summary, moreRegistrar(ctx, summary.mode));
    await respond(interaction, rendered, { ephemeral });
  },
  autocomplete: autocompleteArticle,
} satisfies SlashCommand;
