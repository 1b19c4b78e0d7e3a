/**
 * Answers as Discord messages: one embed per answer, each excerpt a verbatim blockquote
 * with its key sentence in bold and a [n] marker pointing to a footnote line.
 *
 * Pure functions from core types to API payloads, so every Discord limit can be checked
 * without a client. Quotes are escaped, never edited: Markdown renders them literally and
 * the characters on screen are the article's. When something has to give way to a limit,
 * whole excerpts go (into "More passages") before any quote is shortened, and a citation
 * marker or footnote is never cut.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import type {
  AboutInfo,
  Answer,
  Citation,
  Confidence,
  Excerpt,
  Greeting,
  IndexMode,
  PersonAnswer,
  QuoteSentence,
  SummaryAnswer,
} from '../answers/types.js';
import type { Lang } from '../text/language.js';
import { splitSentences } from '../text/sentences.js';
import { Footnotes, formatPublished, shorten } from './citation.js';
import { afterLabel, ui, type HelpParams, type UiStrings } from './i18n.js';
import { shownAs } from './tier.js';

/** Discord's limits, in UTF-16 code units: Discord counts characters, which is never more. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  fields: 25,
  embedTotal: 6000,
  embeds: 10,
  buttonLabel: 80,
  customId: 100,
  buttonsPerRow: 5,
  rows: 5,
  url: 512,
} as const;

const COLOR = {
  answer: 0x2b6cb0,
  related: 0xd69e2e,
  abstain: 0x718096,
  person: 0x2f855a,
  info: 0x4a5568,
} as const;

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

export interface RenderedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
}

/** How quoted excerpts are presented: as the answer, or as the closest passages under a caveat. */
export type ExcerptTier = Exclude<Confidence, 'none'>;

/**
 * Called with the excerpts that did not fit plus the answer's further passages; returns
 * the custom_id of a button that shows them. Absent: no button. `tier` is what they were
 * shown as, so that "More passages" keeps a related answer's caveat.
 */
export type RegisterMore = (extra: Excerpt[], lang: Lang, tier: ExcerptTier) => string;

// ---------------------------------------------------------------------------------------------
// Markdown

const URL_RE = /https?:\/\/[\x21-\x7e]+/g;
const URL_TRAILING = /[.,;:!?)'"\]}>]+$/;
/** Characters that change rendering anywhere in a line. */
const INLINE_SPECIAL = /[\\*_~`|<>[\]]/g;
/** Line-start constructs: headings, lists, subtext, blockquotes. */
const LINE_START = /^(\s*)(?:([#+-])|(\d+)\.)/;

function escapePlain(text: string, atLineStart: boolean): string {
  const lines = text.split('\n');
  return lines
    .map((line, i) => {
      let out = line.replace(INLINE_SPECIAL, '\\$&');
      if (i > 0 || atLineStart) {
        // Discord drops a backslash only before punctuation: "1." becomes "1\.", not "\1.".
        out = out.replace(LINE_START, (_, sp: string, mark?: string, digits?: string) =>
          mark ? `${sp}\\${mark}` : `${sp}${digits}\\.`,
        );
      }
      return out;
    })
    .join('\n');
}

/**
 * Escape text so Discord shows it literally: a backslash before every Markdown character
 * (Discord drops a backslash before any ASCII punctuation), and URLs wrapped in <…> so they
 * stay whole links without previews. What the reader sees is exactly `text`.
 */
export function escapeMarkdown(text: string, atLineStart = true): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    let url = m[0];
    const trailing = URL_TRAILING.exec(url)?.[0] ?? '';
    url = url.slice(0, url.length - trailing.length);
    if (url.length <= 'https://'.length) continue;
    const start = m.index;
    out += escapePlain(text.slice(last, start), startsLine(text, last, atLineStart));
    out += `<${url}>`;
    last = start + url.length;
  }
  out += escapePlain(text.slice(last), startsLine(text, last, atLineStart));
  return out;
}

function startsLine(text: string, index: number, atLineStart: boolean): boolean {
  return index === 0 ? atLineStart : text[index - 1] === '\n';
}

/** What a reader sees for escaped text: the inverse of escapeMarkdown (for tests and measuring). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/<(https?:\/\/[^>\s]+)>/g, '$1').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Shorten plain text so that its escaped form fits `max`; the result is escaped. */
export function fitEscaped(text: string, max: number): string {
  const full = escapeMarkdown(text);
  if (full.length <= max) return full;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  // Largest prefix whose escaped form plus "…" fits.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (escapeMarkdown(chars.slice(0, mid).join('').trimEnd()).length + 1 <= max) lo = mid;
    else hi = mid - 1;
  }
  return `${escapeMarkdown(chars.slice(0, lo).join('').trimEnd())}…`;
}

// ---------------------------------------------------------------------------------------------
// Quotes

interface Piece {
  text: string;
  bold: boolean;
}

/**
 * Sentences as a blockquote, the key sentence in bold and the marker at the end. Bold goes
 * around each line's text with whitespace outside, where Discord's ** needs it.
 */
export function renderQuote(
  sentences: readonly QuoteSentence[],
  marker: string,
  cut = false,
): string {
  const lines: Piece[][] = [[]];
  for (const s of sentences) {
    s.text.split('\n').forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part.length > 0) lines[lines.length - 1]!.push({ text: part, bold: s.key });
    });
  }
  const rendered = lines.map((pieces) => {
    let line = '';
    pieces.forEach((p, i) => {
      const atStart = i === 0;
      if (!p.bold) {
        line += escapeMarkdown(p.text, atStart);
        return;
      }
      const lead = /^\s*/.exec(p.text)![0];
      const trail = /\s*$/.exec(p.text)![0];
      const core = p.text.slice(lead.length, p.text.length - trail.length);
      line += core ? `${lead}**${escapeMarkdown(core, atStart && lead === '')}**${trail}` : p.text;
    });
    return line.trimEnd();
  });
  while (rendered.length > 1 && rendered[rendered.length - 1] === '') rendered.pop();
  const last = rendered.length - 1;
  rendered[last] = `${rendered[last]}${cut ? '…' : ''}${marker ? ` ${marker}` : ''}`;
  return rendered.map((l) => (l ? `> ${l}` : '>')).join('\n');
}

function keyIndex(sentences: readonly QuoteSentence[]): number {
  const k = sentences.findIndex((s) => s.key);
  return k < 0 ? 0 : k;
}

/** Where to cut a sentence that alone is too long: after a clause mark if one is near. */
const CLAUSE_END = /[，,；;：:、\s]/;

/**
 * The quote within `budget` characters: the whole excerpt when it fits; otherwise sentences
 * are dropped from the ends (the one farther from the key sentence first); a single sentence
 * still too long is cut after a clause mark, with "…". Null when not even that fits.
 */
export function fitQuote(
  sentences: readonly QuoteSentence[],
  marker: string,
  budget: number,
): string | null {
  if (sentences.length === 0) return null;
  const full = renderQuote(sentences, marker);
  if (full.length <= budget) return full;
  const k = keyIndex(sentences);
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    if (hi - k >= k - lo) hi--;
    else lo++;
    const r = renderQuote(sentences.slice(lo, hi + 1), marker);
    if (r.length <= budget) return r;
  }
  const only = sentences[lo]!;
  const chars = [...only.text];
  const render = (n: number) =>
    renderQuote([{ text: chars.slice(0, n).join('').trimEnd(), key: only.key }], marker, true);
  let a = 0;
  let b = chars.length - 1;
  while (a < b) {
    const mid = Math.ceil((a + b) / 2);
    if (render(mid).length <= budget) a = mid;
    else b = mid - 1;
  }
  // Anything shorter than a few words says nothing and would read as a misquote.
  if (a < 8) return null;
  let n = a;
  for (let i = a; i > Math.floor(a * 0.6); i--) {
    // Cut before the clause mark: "…大學…" reads better than "…大學，…".
    if (CLAUSE_END.test(chars[i]!)) {
      n = i;
      break;
    }
  }
  return render(n);
}

// ---------------------------------------------------------------------------------------------
// Footnotes

/** Sources field lines: "`[1]` ¶3 · section · source · date", the citation escaped. */
function sourceNotes(): Footnotes {
  return new Footnotes((marker, citation) => `\`${marker}\` ${escapeMarkdown(citation, false)}`);
}

/** The sources field's value, with one more footnote line when given. */
function sourcesValue(notes: Footnotes, line: string | null = null): string {
  return [...notes.lines, ...(line === null ? [] : [line])].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Embeds

/** Sum of the embed fields that Discord counts towards 6000. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Every Discord limit a message breaks; empty when it is valid. For tests and a last check before sending. */
export function limitViolations(message: RenderedMessage): string[] {
  const v: string[] = [];
  if ((message.content?.length ?? 0) > LIMITS.content) v.push(`content ${message.content!.length}`);
  if (message.embeds.length > LIMITS.embeds) v.push(`embeds ${message.embeds.length}`);
  let total = 0;
  message.embeds.forEach((e, i) => {
    if ((e.title?.length ?? 0) > LIMITS.embedTitle) v.push(`embed ${i} title ${e.title!.length}`);
    if ((e.description?.length ?? 0) > LIMITS.embedDescription)
      v.push(`embed ${i} description ${e.description!.length}`);
    if ((e.footer?.text.length ?? 0) > LIMITS.footer)
      v.push(`embed ${i} footer ${e.footer!.text.length}`);
    if ((e.author?.name.length ?? 0) > LIMITS.authorName) v.push(`embed ${i} author`);
    if ((e.fields?.length ?? 0) > LIMITS.fields) v.push(`embed ${i} fields ${e.fields!.length}`);
    for (const f of e.fields ?? []) {
      if (f.name.length > LIMITS.fieldName || f.name.length === 0)
        v.push(`embed ${i} field name ${f.name.length}`);
      if (f.value.length > LIMITS.fieldValue || f.value.length === 0)
        v.push(`embed ${i} field value ${f.value.length}`);
    }
    total += embedLength(e);
  });
  if (total > LIMITS.embedTotal) v.push(`embeds total ${total}`);
  if (message.components.length > LIMITS.rows) v.push(`rows ${message.components.length}`);
  for (const row of message.components) {
    if (row.components.length > LIMITS.buttonsPerRow) v.push(`buttons ${row.components.length}`);
    for (const b of row.components) {
      if ('label' in b && (b.label?.length ?? 0) > LIMITS.buttonLabel)
        v.push(`button label ${b.label!.length}`);
      if ('custom_id' in b && b.custom_id.length > LIMITS.customId)
        v.push(`custom_id ${b.custom_id.length}`);
      if ('url' in b && b.url.length > LIMITS.url) v.push(`button url ${b.url.length}`);
    }
  }
  return v;
}

function footerText(parts: (string | undefined)[]): string {
  return shorten(parts.filter(Boolean).join('\n'), LIMITS.footer);
}

/** Link buttons to the articles the shown excerpts come from, plus "More passages". */
function answerButtons(
  t: UiStrings,
  citations: Citation[],
  more: { customId: string; count: number } | null,
): ButtonRow[] {
  const urls = new Map<string, string>();
  for (const c of citations)
    if (c.url && c.url.length <= LIMITS.url && !urls.has(c.url)) urls.set(c.url, c.title);
  const buttons: APIButtonComponent[] = [...urls].slice(0, more ? 4 : 5).map(([url, title]) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Link,
    url,
    label: shorten(
      urls.size === 1 ? t.readArticle : `${t.readArticle}: ${title}`,
      LIMITS.buttonLabel,
    ),
  }));
  if (more) {
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      custom_id: more.customId,
      label: shorten(t.morePassages(more.count), LIMITS.buttonLabel),
    });
  }
  return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

interface ExcerptLayout {
  description: string;
  sources: string;
  shown: Excerpt[];
  overflow: Excerpt[];
}

/**
 * Lays out excerpts best first, after `lead` when there is one. The first one is shortened if
 * it must be (it is the answer); later ones are shown whole or not at all, so every quote that
 * appears ends with its marker and every marker has its footnote.
 */
function layoutExcerpts(
  excerpts: readonly Excerpt[],
  t: UiStrings,
  fixedLength: number,
  hasMoreButton: boolean,
  lead: string | null,
): ExcerptLayout {
  const notes = sourceNotes();
  // The lead counts against the budgets like any block, so the quotes make room for it.
  const blocks: string[] = lead === null ? [] : [lead];
  const shown: Excerpt[] = [];
  const overflow: Excerpt[] = [];
  // Room for the "n more do not fit" line, kept whether or not it is needed.
  const reserve = notShownLine(t, excerpts.length).length + 2;
  const sourcesName = t.sources.length;
  for (const ex of excerpts) {
    const { marker, line } = notes.peek(ex.citation);
    const sources = sourcesValue(notes, line);
    if (sources.length > LIMITS.fieldValue) {
      overflow.push(ex);
      continue;
    }
    const used = blocks.reduce((n, b) => n + b.length + 2, 0);
    const budget = Math.min(
      LIMITS.embedDescription - reserve - used,
      LIMITS.embedTotal - fixedLength - sourcesName - sources.length - reserve - used,
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
    blocks.push(block);
    notes.cite(ex.citation);
    shown.push(ex);
  }
  if (overflow.length > 0 && hasMoreButton) blocks.push(notShownLine(t, overflow.length));
  return { description: blocks.join('\n\n'), sources: sourcesValue(notes), shown, overflow };
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
 * An answer as one embed. Confidence "answer" quotes the excerpts; "related" quotes the
 * closest passages the same way, under a caveat and in their own colour; "none" says the
 * article does not say and suggests what it does cover.
 */
export function renderAnswer(answer: Answer, options: AnswerRenderOptions = {}): RenderedAnswer {
  const t = ui(answer.lang);
  const title = fitEscaped(answer.question.replace(/\s+/g, ' ').trim(), LIMITS.embedTitle);
  const tier = shownAs(answer);
  if (tier === 'none') {
    return {
      embeds: [
        {
          title,
          color: COLOR.abstain,
          description: suggestionText(t, t.notInArticle, t.suggestionsLead, answer.suggestions),
          footer: { text: footerText([t.mode(answer.mode)]) },
        },
      ],
      components: [],
      shown: [],
    };
  }
  return excerptEmbed(
    { title, excerpts: answer.excerpts, more: answer.more, lang: answer.lang, mode: answer.mode },
    tier,
    options,
  );
}

/**
 * The embed of quoted excerpts shared by answers and "More passages": layout, footnotes,
 * limits and the More button are the same for both tiers; only the caveat and colour differ.
 */
function excerptEmbed(
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
  const fields: APIEmbedField[] = layout.sources
    ? [{ name: t.sources, value: layout.sources }]
    : [];
  return {
    embeds: [
      {
        title,
        color: tier === 'related' ? COLOR.related : COLOR.answer,
        description: layout.description,
        fields,
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

/**
 * A summary: per article, its chosen sentences in article order, quoted and cited like an
 * answer, with the next-ranked sentences behind "More passages". Articles that would break
 * the 6000-character or 10-embed limits are left out and counted in the content line.
 */
export function renderSummary(
  summary: SummaryAnswer,
  options: AnswerRenderOptions = {},
): RenderedAnswer {
  const t = ui(summary.lang);
  const embeds: APIEmbed[] = [];
  const rows: ButtonRow[] = [];
  const shown: Excerpt[] = [];
  let total = 0;
  let omitted = 0;
  for (const a of summary.articles) {
    const r = excerptEmbed(
      {
        title: fitEscaped(t.summaryTitle(a.meta.title), LIMITS.embedTitle),
        excerpts: a.excerpts,
        more: a.more,
        lang: summary.lang,
        mode: summary.mode,
        lead: `*${escapeMarkdown(t.summaryNote, false)}*`,
      },
      'answer',
      options,
    );
    const embed = r.embeds[0]!;
    const length = embedLength(embed);
    if (total + length > LIMITS.embedTotal || embeds.length >= LIMITS.embeds) {
      omitted++;
      continue;
    }
    total += length;
    embeds.push(embed);
    shown.push(...r.shown);
    rows.push(...r.components);
  }
  return {
    ...(omitted > 0 && { content: shorten(t.moreArticles(omitted), LIMITS.content) }),
    embeds,
    components: rows.slice(0, LIMITS.rows),
    shown,
  };
}

/** Hello in the user's language: the articles (title, source, date), two example questions, /help. */
export function renderGreeting(greeting: Greeting): RenderedMessage {
  const t = ui(greeting.lang);
  const articles = greeting.documents.slice(0, 10).map((d) => {
    const detail = [d.source, formatPublished(d.published)].filter(Boolean).join(' · ');
    return `• **${fitEscaped(d.title, 300)}**${detail ? `\n  ${escapeMarkdown(detail, false)}` : ''}`;
  });
  if (greeting.documents.length > articles.length)
    articles.push(escapeMarkdown(t.moreArticles(greeting.documents.length - articles.length)));
  const examples = greeting.examples.map((q) => `• ${fitEscaped(q, 200)}`);
  const description = [
    escapeMarkdown(t.greetingLead(greeting.documents.length)),
    articles.join('\n'),
    ...(examples.length > 0 ? [`${escapeMarkdown(t.greetingTry)}\n${examples.join('\n')}`] : []),
    t.greetingHelp,
  ].join('\n\n');
  return {
    embeds: [
      {
        title: t.greetingTitle,
        color: COLOR.info,
        description: shorten(description, LIMITS.embedDescription),
      },
    ],
    components: [],
  };
}

/** A statement, then what to try instead, as many suggestions as fit. */
function suggestionText(
  t: UiStrings,
  statement: string,
  label: string,
  suggestions: readonly string[],
): string {
  const text = escapeMarkdown(statement);
  const lead = `\n\n${afterLabel(escapeMarkdown(label), '')}`;
  const names: string[] = [];
  for (const s of suggestions.slice(0, 25)) {
    const name = fitEscaped(s.replace(/\s+/g, ' ').trim(), 100);
    if (
      text.length + lead.length + [...names, name].join(t.listSeparator).length >
      LIMITS.embedDescription
    )
      break;
    names.push(name);
  }
  return names.length > 0 ? `${text}${lead}${names.join(t.listSeparator)}` : text;
}

/**
 * Further passages, shown privately to whoever clicked "More passages". A related answer's
 * keep its caveat and colour: they are no more an answer than the ones it showed.
 */
export function renderMorePassages(
  excerpts: readonly Excerpt[],
  lang: Lang,
  mode: IndexMode,
  options: MorePassagesOptions = {},
): RenderedAnswer {
  const title = escapeMarkdown(ui(lang).morePassagesTitle);
  return excerptEmbed({ title, excerpts, more: [], lang, mode }, options.tier ?? 'answer', options);
}

/** Mentions are sentences of the article; they are quoted like excerpts, without a key sentence. */
function asSentences(quote: string): QuoteSentence[] {
  const spans = splitSentences(quote);
  return spans.length > 0
    ? spans.map((s) => ({ text: s.text, key: false }))
    : [{ text: quote, key: false }];
}

/** Who someone is, in the article's words: name, aliases, role, and every mention with its citation. */
export function renderPerson(answer: PersonAnswer): RenderedMessage {
  const t = ui(answer.lang);
  const p = answer.person;
  if (!p) {
    return {
      embeds: [
        {
          title: fitEscaped(answer.query.replace(/\s+/g, ' ').trim() || '—', LIMITS.embedTitle),
          color: COLOR.abstain,
          description: suggestionText(
            t,
            t.personNotFound(shorten(answer.query.replace(/\s+/g, ' ').trim(), 100)),
            t.personTry,
            answer.suggestions,
          ),
        },
      ],
      components: [],
    };
  }
  const title = fitEscaped(p.name, LIMITS.embedTitle);
  const notes = sourceNotes();
  const head: string[] = [];
  if (p.aliases.length > 0) {
    head.push(
      `**${escapeMarkdown(t.aliases)}**${t.labelSeparator}${fitEscaped(p.aliases.join(t.listSeparator), 500)}`,
    );
  }
  const footer = footerText([t.verbatimFooter]);
  const fixed = title.length + footer.length + t.sources.length;
  const blocks: string[] = [];
  const used = () => [...head, ...blocks].reduce((n, b) => n + b.length + 2, 0);
  const budgetFor = (sources: string) =>
    Math.min(
      LIMITS.embedDescription - 120 - used(),
      LIMITS.embedTotal - fixed - sources.length - 120 - used(),
    );
  if (p.role && !p.roleQuoted) {
    // Built from metadata (e.g. a byline), not the article's words: shown as plain text, not a quote.
    head.push(`**${escapeMarkdown(t.role)}**${t.labelSeparator}${fitEscaped(p.role, 500)}`);
  } else if (p.role) {
    // The role is a quote: cited where the registry found it.
    const cited = p.roleCitation;
    const peek = cited ? notes.peek(cited) : { marker: '', line: null };
    const block = fitQuote(
      asSentences(p.role),
      peek.marker,
      budgetFor(sourcesValue(notes, peek.line)),
    );
    if (block) {
      head.push(`**${escapeMarkdown(t.role)}**\n${block}`);
      if (cited) notes.cite(cited);
    }
  }
  // The count heads the mentions, so it shows even when some do not fit.
  const countLine = `**${escapeMarkdown(t.mentionCount(p.mentionCount))}**`;
  let omitted = 0;
  for (const m of p.mentions) {
    const { marker, line } = notes.peek(m.citation);
    const sources = sourcesValue(notes, line);
    const budget = budgetFor(sources) - (blocks.length === 0 ? countLine.length + 2 : 0);
    const block =
      sources.length <= LIMITS.fieldValue ? fitQuote(asSentences(m.quote), marker, budget) : null;
    if (!block) {
      omitted++;
      continue;
    }
    if (blocks.length === 0) blocks.push(countLine);
    blocks.push(block);
    notes.cite(m.citation);
  }
  if (blocks.length === 0 && p.mentionCount > 0) blocks.push(countLine);
  if (omitted > 0) blocks.push(`*${escapeMarkdown(t.moreMentions(omitted), false)}*`);
  const mentionCitations = p.mentions.map((m) => m.citation);
  return {
    embeds: [
      {
        title,
        color: COLOR.person,
        description: [...head, ...blocks].join('\n\n'),
        fields: notes.lines.length > 0 ? [{ name: t.sources, value: sourcesValue(notes) }] : [],
        footer: { text: footer },
      },
    ],
    components: answerButtons(t, mentionCitations, null),
  };
}

/** What the bot serves: articles, counts, search mode and why, model. */
export function renderAbout(info: AboutInfo, lang: Lang): RenderedMessage {
  const t = ui(lang);
  const lines: string[] = [];
  let omitted = 0;
  info.documents.forEach((d, i) => {
    const detail = [
      d.source,
      formatPublished(d.published),
      d.author ? t.byAuthor(d.author) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    const entry = [
      `**${fitEscaped(d.title, 300)}**`,
      // Says when the title is the project's own rather than the publisher's.
      d.titleNote ? `*${fitEscaped(d.titleNote, 300)}*` : '',
      detail ? escapeMarkdown(detail, false) : '',
      d.url ? `<${d.url}>` : '',
    ]
      .filter(Boolean)
      .join('\n');
    const tail = t.moreArticles(info.documents.length - i).length + 2;
    if ([...lines, entry].join('\n\n').length + tail > 3000) omitted++;
    else lines.push(entry);
  });
  if (omitted > 0) lines.push(escapeMarkdown(t.moreArticles(omitted)));
  const built = Date.parse(info.builtAt);
  const label = t.mode(info.mode);
  const why = info.mode === 'hybrid' ? t.modeWhyHybrid : info.modeReason;
  const modeValue = why
    ? `${label}\n${fitEscaped(why, LIMITS.fieldValue - label.length - 1)}`
    : label;
  const fields: APIEmbedField[] = [
    { name: t.passages, value: String(info.passages), inline: true },
    { name: t.people, value: String(info.people), inline: true },
    { name: t.model, value: info.model ? fitEscaped(info.model, 200) : t.noModel, inline: true },
    { name: t.modeField, value: modeValue },
    {
      name: t.builtAt,
      value: Number.isNaN(built)
        ? fitEscaped(info.builtAt, 100)
        : `<t:${Math.floor(built / 1000)}:f>`,
    },
  ];
  const urls = info.documents.filter((d) => d.url && d.url.length <= LIMITS.url);
  return {
    embeds: [
      {
        title: t.aboutTitle,
        color: COLOR.info,
        description: `**${escapeMarkdown(t.articles)}**\n${lines.join('\n\n')}`,
        fields,
      },
    ],
    components: answerButtons(
      t,
      urls.map((d) => ({ doc: d.id, paragraphs: [], section: null, title: d.title, url: d.url! })),
      null,
    ),
  };
}

export function renderHelp(lang: Lang, params: HelpParams): RenderedMessage {
  const t = ui(lang);
  return {
    embeds: [
      {
        title: t.helpTitle,
        color: COLOR.info,
        description: shorten(t.helpBody(params), LIMITS.embedDescription),
      },
    ],
    components: [],
  };
}

/** A short plain message (cooldown, errors, limits). It never echoes user text. */
export function renderNotice(text: string): RenderedMessage {
  return { content: shorten(text, LIMITS.content), embeds: [], components: [] };
}
