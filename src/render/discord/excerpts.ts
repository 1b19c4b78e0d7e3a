/**
 * The embed of quoted excerpts that answers, summaries and "More passages" share. When something
 * has to give way to a limit, whole excerpts go (behind "More passages") before any quote is
 * shortened, and a citation marker or footnote is never cut.
 */
import type { APIEmbedField } from 'discord.js';
import type { Confidence, Excerpt, IndexMode } from '../../answers/types.js';
import type { Lang } from '../../text/language.js';
import { articleOf, groupByArticle } from '../../answers/articles.js';
import { articleParts, formatArticle, shorten, type Footnotes } from '../citation.js';
import { ui, type UiStrings } from '../i18n.js';
import { sourceNotes } from './footnotes.js';
import { COLOR, footerText, LIMITS, type RenderedMessage } from './limits.js';
import { answerButtons } from './link-buttons.js';
import { escapeMarkdown } from './markdown.js';
import { fitQuote, renderQuote } from './quote.js';

/** How quoted excerpts are presented: as the answer, or as the closest passages under a caveat. */
export type ExcerptTier = Exclude<Confidence, 'none'>;

/**
 * Called with the excerpts that did not fit plus the answer's further passages; returns
 * the custom_id of a button that shows them. Absent: no button. `tier` is what they were
 * shown as, so that "More passages" keeps a related answer's caveat.
 */
export type RegisterMore = (extra: Excerpt[], lang: Lang, tier: ExcerptTier) => string;

interface ExcerptLayout {
  description: string;
  fields: APIEmbedField[];
  shown: Excerpt[];
  overflow: Excerpt[];
}

/**
 * Where footnotes go. From one article: one Sources field, each footnote naming its source
 * and date. From several: one field per article, named "title · source · date", holding the
 * footnotes of the quotes under that article's heading, numbered on across articles.
 */
class SourceFields {
  private readonly notes: Footnotes;
  private readonly byGroup = new Map<string, { name: string; lines: string[] }>();

  constructor(
    private readonly t: UiStrings,
    private readonly grouped: boolean,
  ) {
    this.notes = sourceNotes(grouped ? { article: 'none' } : {});
  }

  /** The marker an excerpt would get, and the fields as they would be with it cited. */
  peek(ex: Excerpt): { marker: string; fields: APIEmbedField[] } {
    const { marker, line } = this.notes.peek(ex.citation);
    return { marker, fields: this.fieldsWith(ex, line) };
  }

  cite(ex: Excerpt): void {
    const { line } = this.notes.peek(ex.citation);
    this.notes.cite(ex.citation);
    if (line !== null) this.group(ex).lines.push(line);
  }

  get fields(): APIEmbedField[] {
    return this.fieldsWith(null, null);
  }

  private group(ex: Excerpt): { name: string; lines: string[] } {
    const doc = this.grouped ? ex.citation.doc : '';
    let g = this.byGroup.get(doc);
    if (!g) {
      const name = this.grouped
        ? shorten(escapeMarkdown(formatArticle(articleOf(ex.citation)), false), LIMITS.fieldName)
        : this.t.sources;
      g = { name, lines: [] };
      this.byGroup.set(doc, g);
    }
    return g;
  }

  private fieldsWith(ex: Excerpt | null, line: string | null): APIEmbedField[] {
    const extra = ex && line !== null ? this.group(ex) : null;
    return [...this.byGroup.values()]
      .map((g) => ({ name: g.name, lines: g === extra ? [...g.lines, line!] : g.lines }))
      .filter((g) => g.lines.length > 0)
      .map((g) => ({ name: g.name, value: g.lines.join('\n') }));
  }
}

function fieldsLength(fields: readonly APIEmbedField[]): number {
  return fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
}

/** "**title** · source · date" over an article's quotes, the title linked when it has an address. */
function articleHeading(ex: Excerpt): string {
  const article = articleOf(ex.citation);
  const [title = '', ...rest] = articleParts(article);
  const linked =
    article.url && article.url.length <= LIMITS.url
      ? `[${escapeMarkdown(title, false)}](${article.url})`
      : escapeMarkdown(title, false);
  return [`**${linked}**`, ...rest.map((p) => escapeMarkdown(p, false))].join(' · ');
}

/**
 * Lays out excerpts best first, after `lead` when there is one; from several articles, grouped
 * by article under a heading each (the group of the best excerpt first). The first excerpt is
 * shortened if it must be (it is the answer); later ones are shown whole or not at all, so
 * every quote that appears ends with its marker and every marker has its footnote.
 */
function layoutExcerpts(
  excerpts: readonly Excerpt[],
  t: UiStrings,
  fixedLength: number,
  hasMoreButton: boolean,
  lead: string | null,
): ExcerptLayout {
  const groups = groupByArticle(excerpts);
  const grouped = groups.length > 1;
  const sources = new SourceFields(t, grouped);
  // The lead counts against the budgets like any block, so the quotes make room for it.
  const blocks: string[] = lead === null ? [] : [lead];
  const shown: Excerpt[] = [];
  const overflow: Excerpt[] = [];
  const headed = new Set<string>();
  // Room for the "n more do not fit" line, kept whether or not it is needed.
  const reserve = notShownLine(t, excerpts.length).length + 2;
  for (const ex of groups.flatMap((g) => g.excerpts)) {
    const { marker, fields } = sources.peek(ex);
    if (fields.some((f) => f.value.length > LIMITS.fieldValue)) {
      overflow.push(ex);
      continue;
    }
    const heading = grouped && !headed.has(ex.citation.doc) ? articleHeading(ex) : null;
    const headingLength = heading === null ? 0 : heading.length + 2;
    const used = blocks.reduce((n, b) => n + b.length + 2, 0) + headingLength;
    const budget = Math.min(
      LIMITS.embedDescription - reserve - used,
      LIMITS.embedTotal - fixedLength - fieldsLength(fields) - reserve - used,
    );
    const sentences = ex.sentences.length > 0 ? ex.sentences : [{ text: ex.quote, key: true }];
    const block =
      shown.length === 0
        ? fitQuote(sentences, marker, budget)
        : (() => {
            const whole = renderQuote(sentences, marker);
            return whole.length <= budget ? whole : null;
          })();
    if (block === null) {
      overflow.push(ex);
      continue;
    }
    if (heading !== null) {
      blocks.push(heading);
      headed.add(ex.citation.doc);
    }
    blocks.push(block);
    sources.cite(ex);
    shown.push(ex);
  }
  if (overflow.length > 0 && hasMoreButton) blocks.push(notShownLine(t, overflow.length));
  return { description: blocks.join('\n\n'), fields: sources.fields, shown, overflow };
}

function notShownLine(t: UiStrings, n: number): string {
  return `*${escapeMarkdown(t.notShown(n), false)}*`;
}

function modeFooter(t: UiStrings, mode: IndexMode, titles: string[]): string {
  const distinct = [...new Set(titles)];
  return footerText([
    [distinct.length === 1 ? shorten(distinct[0]!, 200) : undefined, t.mode(mode)]
      .filter(Boolean)
      .join(' · '),
    t.verbatimFooter,
  ]);
}

export interface AnswerRenderOptions {
  registerMore?: RegisterMore;
}

export interface MorePassagesOptions extends AnswerRenderOptions {
  /** What the answer that left these passages out was shown as; "answer" when absent. */
  tier?: ExcerptTier;
}

export interface RenderedAnswer extends RenderedMessage {
  /** Excerpts quoted in the embed, in order. */
  shown: Excerpt[];
}

/**
 * The embed of quoted excerpts shared by answers and "More passages": layout, footnotes,
 * limits and the More button are the same for both tiers; only the caveat and colour differ.
 */
export function excerptEmbed(
  content: {
    title: string;
    excerpts: readonly Excerpt[];
    /** Passages that go behind "More passages" even when there is room for them. */
    more: readonly Excerpt[];
    lang: Lang;
    mode: IndexMode;
    /** A line above the quotes; a related answer's caveat when absent. */
    lead?: string;
  },
  tier: ExcerptTier,
  options: AnswerRenderOptions,
): RenderedAnswer {
  const { title, excerpts, lang, mode } = content;
  const t = ui(lang);
  const footer = modeFooter(
    t,
    mode,
    excerpts.map((e) => e.citation.title),
  );
  const lead =
    content.lead ?? (tier === 'related' ? `**${escapeMarkdown(t.relatedCaveat)}**` : null);
  const canRegister = options.registerMore !== undefined;
  const layout = layoutExcerpts(excerpts, t, title.length + footer.length, canRegister, lead);
  const extra = [...layout.overflow, ...content.more];
  const more =
    canRegister && extra.length > 0
      ? { customId: options.registerMore!(extra, lang, tier), count: extra.length }
      : null;
  return {
    embeds: [
      {
        title,
        color: tier === 'related' ? COLOR.related : COLOR.answer,
        description: layout.description,
        fields: layout.fields,
        footer: { text: footer },
      },
    ],
    components: answerButtons(
      t,
      layout.shown.map((e) => e.citation),
      more,
    ),
    shown: layout.shown,
  };
}
