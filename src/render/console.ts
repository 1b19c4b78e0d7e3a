/**
 * Terminal rendering of answers and person look-ups, laid out the way the Discord
 * embed is: quotes as a block with the key sentence bold, [n] markers, footnotes.
 * Colours only when the output is a TTY (and NO_COLOR is unset).
 */
import { groupByArticle, type ArticleGroup, type ArticleInfo } from '../answers/articles.js';
import type {
  Answer,
  Excerpt,
  Greeting,
  PersonAnswer,
  Reply,
  SummaryAnswer,
} from '../answers/types.js';
import type { Lang } from '../text/language.js';
import {
  Footnotes,
  formatArticle,
  formatPublished,
  type CitationFormatOptions,
} from './citation.js';
import { understoodNote } from './follow-up-note.js';
import { afterLabel, ui } from './i18n.js';
import { shownAs } from './tier.js';

const useColor = process.stdout.isTTY === true && !process.env['NO_COLOR'];
const sgr = (code: string) => (s: string) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
export const style = {
  bold: sgr('1'),
  dim: sgr('2'),
  cyan: sgr('36'),
  yellow: sgr('33'),
  green: sgr('32'),
};

function quoteBlock(e: Excerpt, marker: string): string {
  const body = e.sentences.map((s) => (s.key ? style.bold(s.text) : s.text)).join('');
  const lines = body.split('\n').map((l) => `${style.cyan('│')} ${l}`);
  lines[lines.length - 1] += ` ${style.yellow(marker)}`;
  return lines.join('\n');
}

/** Footnotes in order of first use, dimmed so the quotes stand out. */
function consoleFootnotes(format: CitationFormatOptions = {}): Footnotes {
  return new Footnotes((marker, citation) => style.dim(`${marker} ${citation}`), format);
}

/** Excerpts with markers and the footnote lines they point to (same place, same number). */
export function renderExcerpts(excerpts: Excerpt[], format: CitationFormatOptions = {}): string {
  const notes = consoleFootnotes(format);
  const blocks = excerpts.map((e) => quoteBlock(e, notes.cite(e.citation)));
  return [...blocks.flatMap((b) => [b, '']), ...notes.lines].join('\n');
}

/**
 * An answer's excerpts, naming their article. From one article the footnotes name it
 * (title · source · date); from several, each article gets a heading, its quotes and
 * its footnotes, numbered on across articles.
 */
export function renderCitedExcerpts(excerpts: Excerpt[]): string {
  const groups = groupByArticle(excerpts);
  if (groups.length <= 1) return renderExcerpts(excerpts, { article: 'full' });
  const notes = consoleFootnotes({ article: 'none' });
  return groups.map((g) => renderGroup(g, notes)).join('\n\n');
}

function renderGroup(group: ArticleGroup, notes: Footnotes): string {
  const before = notes.lines.length;
  const blocks = group.excerpts.map((e) => quoteBlock(e, notes.cite(e.citation)));
  return [
    style.bold(formatArticle(group.article)),
    ...(group.article.url ? [style.dim(group.article.url)] : []),
    ...blocks.flatMap((b) => [b, '']),
    ...notes.lines.slice(before),
  ].join('\n');
}

export function renderAnswer(answer: Answer): string {
  const note = understoodNote(answer);
  const body = renderAnswerBody(answer);
  return note ? `${style.dim(note)}\n${body}` : body;
}

function renderAnswerBody(answer: Answer): string {
  const t = ui(answer.lang);
  const tier = shownAs(answer);
  if (tier === 'none') {
    const lines = [style.yellow(t.notInArticle)];
    if (answer.suggestions.length)
      lines.push(afterLabel(t.suggestionsLead, answer.suggestions.join(t.listSeparator)));
    return lines.join('\n');
  }
  return [
    // The caveat comes first, so the passages are never read as the answer.
    ...(tier === 'related' ? [style.yellow(t.relatedCaveat)] : []),
    renderCitedExcerpts(answer.excerpts),
    '',
    style.dim(`${t.verbatimFooter} · ${t.mode(answer.mode)}`),
  ].join('\n');
}

export function renderPerson(answer: PersonAnswer): string {
  const t = ui(answer.lang);
  const p = answer.person;
  if (!p) {
    const lines = [style.yellow(t.personNotFound(answer.query))];
    if (answer.suggestions.length)
      lines.push(afterLabel(t.personTry, answer.suggestions.join(t.listSeparator)));
    return lines.join('\n');
  }
  // A person may be named in several articles: each footnote says which.
  const notes = consoleFootnotes({ article: 'full' });
  const role = p.roleQuoted
    ? `「${p.role}」${p.roleCitation ? ` ${style.yellow(notes.cite(p.roleCitation))}` : ''}`
    : p.role;
  const lines = [
    style.bold(p.name),
    p.aliases.length ? `${t.aliases}: ${p.aliases.join(t.listSeparator)}` : '',
    `${t.role}: ${role}`,
    t.mentionCount(p.mentionCount),
    '',
  ].filter((l, i) => l !== '' || i === 4);
  for (const m of p.mentions) {
    lines.push(`${style.cyan('│')} ${m.quote} ${style.yellow(notes.cite(m.citation))}`);
  }
  if (notes.lines.length) lines.push('', ...notes.lines);
  return lines.join('\n');
}

/** Each article's summary sentences, in its order, cited like answers. */
export function renderSummary(summary: SummaryAnswer): string {
  const t = ui(summary.lang);
  const blocks = summary.articles.map((a) =>
    [
      style.bold(t.summaryTitle(a.meta.title)),
      style.dim(t.summaryNote),
      '',
      renderExcerpts(a.excerpts),
    ].join('\n'),
  );
  return [...blocks, style.dim(`${t.verbatimFooter} · ${t.mode(summary.mode)}`)].join('\n\n');
}

/** "《title》 · source · date" for each article. */
export function articleLines(greeting: Pick<Greeting, 'documents'>): string[] {
  return greeting.documents.map((d) =>
    [d.title, d.source, formatPublished(d.published)].filter(Boolean).join(' · '),
  );
}

/** The console's /articles: each article named, with the id that /in and --article take. */
export function renderArticleList(articles: readonly ArticleInfo[]): string {
  if (articles.length === 0) return style.yellow('No articles are indexed.');
  return articles
    .map((a) =>
      [
        `  • ${style.bold(formatArticle(a))} · ${a.passages} passage${a.passages === 1 ? '' : 's'}`,
        `    ${style.dim(`id: ${a.id}`)}${a.url ? `  ${style.dim(a.url)}` : ''}`,
      ].join('\n'),
    )
    .join('\n');
}

export function renderGreeting(greeting: Greeting): string {
  const t = ui(greeting.lang);
  return [
    style.bold(t.greetingTitle),
    t.greetingLead(greeting.documents.length),
    ...articleLines(greeting).map((l) => `  • ${l}`),
    ...(greeting.examples.length > 0
      ? [t.greetingTry, ...greeting.examples.map((q) => `  ${style.green('?')} ${q}`)]
      : []),
    style.dim(t.greetingHelp.replaceAll('`', '')),
  ].join('\n');
}

/** What can be asked, then the caller's own commands (the console's, or none). */
export function renderHelpText(lang: Lang, commands: string): string {
  return [ui(lang).askHelp, commands].filter(Boolean).join('\n');
}

/** Any reply, as the terminal shows it; `commands` lists what the caller accepts besides questions. */
export function renderReply(reply: Reply, commands = ''): string {
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply.answer);
    case 'summary':
      return renderSummary(reply.summary);
    case 'greeting':
      return renderGreeting(reply.greeting);
    case 'help':
      return renderHelpText(reply.lang, commands);
  }
}
