/**
 * The article:<title> option that /summary and /ask share: always registered (deploy-commands
 * never reads the corpus, so an option that appeared only with several articles would be
 * wrong until someone redeployed), optional, and autocompleted from the articles the
 * engine holds now.
 */
import type { AutocompleteInteraction, SlashCommandStringOption } from 'discord.js';
import { findArticle } from '../answers/articles.js';
import type { DocumentMeta } from '../corpus/types.js';
import { shorten } from '../render/citation.js';
import { renderNotice, type RenderedMessage } from '../render/discord.js';
import { ui } from '../render/i18n.js';
import type { Lang } from '../text/language.js';
import { normalize } from '../text/normalize.js';
import { described, type Description } from './command-data.js';
import type { BotContext } from './context.js';
import { tidyQuestion } from './questions.js';

/** Discord shows at most 25 choices, each name and value at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_CHOICE_CHARS = 100;

/** For `.addStringOption((o) => articleOption(o, description))`. */
export function articleOption(
  option: SlashCommandStringOption,
  description: Description,
): SlashCommandStringOption {
  return described(option.setName('article'), description)
    .setRequired(false)
    .setMaxLength(MAX_CHOICE_CHARS)
    .setAutocomplete(true);
}

/** The choices for what has been typed so far: titles shown, ids submitted. */
export function articleChoices(
  documents: readonly DocumentMeta[],
  typed: string,
): { name: string; value: string }[] {
  const wanted = normalize(typed);
  return (
    documents
      .filter((d) => !wanted || normalize(`${d.title} ${d.id}`).includes(wanted))
      .slice(0, MAX_CHOICES)
      // A value longer than 100 would make Discord reject the whole list.
      .filter((d) => d.id.length <= MAX_CHOICE_CHARS)
      .map((d) => ({ name: shorten(d.title, MAX_CHOICE_CHARS), value: d.id }))
  );
}

/** The autocomplete handler both commands export. */
export async function autocompleteArticle(
  interaction: AutocompleteInteraction,
  ctx: BotContext,
): Promise<void> {
  await interaction.respond(
    articleChoices(ctx.engine.about().documents, interaction.options.getFocused()),
  );
}

export type ArticlePick =
  { ok: true; article: DocumentMeta | null } | { ok: false; notice: RenderedMessage };

/**
 * The article the option names: null when left empty (every article), or a notice listing
 * the titles when it names none (a user may type instead of picking a choice).
 */
export function pickArticle(value: string | null, ctx: BotContext, lang: Lang): ArticlePick {
  const asked = tidyQuestion(value ?? '');
  if (!asked) return { ok: true, article: null };
  const documents = ctx.engine.about().documents;
  const article = findArticle(documents, asked);
  if (article) return { ok: true, article };
  const titles = documents.map((d) => d.title).join(ui(lang).listSeparator);
  return {
    ok: false,
    notice: renderNotice(ui(lang).noArticle(shorten(asked, MAX_CHOICE_CHARS), titles)),
  };
}
