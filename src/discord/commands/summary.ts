/**
 * /summary article:<title> private:<bool>: the article in a few of its own sentences, in
 * order, each cited. Chosen at index time, so it answers at once.
 *
 * `article` is always there but optional, with autocomplete: commands are registered by
 * deploy-commands, which never reads the corpus, so an option that appeared only with
 * several articles would be wrong until someone redeployed. Left empty it means every
 * article, which with one article is simply that one.
 */
import type { DocumentMeta } from '../../corpus/types.js';
import { shorten } from '../../render/citation.js';
import { renderNotice, renderSummary } from '../../render/discord.js';
import { ui } from '../../render/i18n.js';
import { normalize } from '../../text/normalize.js';
import { described, privateOption, slashCommand } from '../command-data.js';
import type { Command } from '../context.js';
import { denialNotice } from '../notices.js';
import { langFor, moreRegistrar, tidyQuestion } from '../questions.js';
import { respond } from '../respond.js';

const MAX_CHOICES = 25;
const MAX_CHOICE_CHARS = 100;

const data = slashCommand('summary', {
  en: 'The article in a few of its own sentences, in order, each cited.',
  zh: '文章摘要：幾句原文句子，依原文順序，各註明段落。',
})
  .addStringOption((o) =>
    described(o.setName('article'), {
      en: 'Which article (all when empty)',
      zh: '哪一篇文章（留空則為全部）',
    })
      .setRequired(false)
      .setMaxLength(MAX_CHOICE_CHARS)
      .setAutocomplete(true),
  )
  .addBooleanOption(privateOption);

/** The article an option value names: its id (what autocomplete submits), else a title containing it. */
export function findArticle(
  documents: readonly DocumentMeta[],
  value: string,
): DocumentMeta | null {
  const byId = documents.find((d) => d.id === value);
  if (byId) return byId;
  const wanted = normalize(value);
  return documents.find((d) => normalize(d.title).includes(wanted)) ?? null;
}

export default {
  data,
  async execute(interaction, ctx) {
    const lang = langFor(null, interaction.locale, ctx.defaultLang);
    const ephemeral = interaction.options.getBoolean('private') ?? false;
    const asked = tidyQuestion(interaction.options.getString('article') ?? '');
    const documents = ctx.engine.about().documents;
    const article = asked ? findArticle(documents, asked) : null;
    if (asked && !article) {
      const titles = documents.map((d) => d.title).join(ui(lang).listSeparator);
      return respond(interaction, renderNotice(ui(lang).noArticle(shorten(asked, 100), titles)), {
        ephemeral: true,
      });
    }
    const wait = ctx.cooldown.take(interaction.user.id);
    if (wait > 0)
      return respond(interaction, denialNotice({ kind: 'cooldown', waitMs: wait }, lang), {
        ephemeral: true,
      });
    const summary = ctx.engine.summary({ lang, ...(article && { doc: article.id }) });
    const rendered = renderSummary(summary, moreRegistrar(ctx, summary.mode));
    await respond(interaction, rendered, { ephemeral });
  },
  async autocomplete(interaction, ctx) {
    const typed = normalize(interaction.options.getFocused());
    const choices = ctx.engine
      .about()
      .documents.filter((d) => !typed || normalize(`${d.title} ${d.id}`).includes(typed))
      .slice(0, MAX_CHOICES)
      // A value longer than 100 would make Discord reject the whole list.
      .filter((d) => d.id.length <= MAX_CHOICE_CHARS)
      .map((d) => ({ name: shorten(d.title, MAX_CHOICE_CHARS), value: d.id }));
    await interaction.respond(choices);
  },
} satisfies Command;
