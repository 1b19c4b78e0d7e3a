/** Who someone is, in the article's words: name, aliases, role, and every mention with its citation. */
import type { PersonAnswer } from '../../answers/types.js';
import { shorten } from '../citation.js';
import { ui } from '../i18n.js';
import { sourceNotes, sourcesValue } from './footnotes.js';
import { COLOR, footerText, LIMITS, type RenderedMessage } from './limits.js';
import { answerButtons } from './link-buttons.js';
import { escapeMarkdown, fitEscaped } from './markdown.js';
import { asSentences, fitQuote } from './quote.js';
import { suggestionText } from './suggestions.js';

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
  // A person may be named in several articles: then each footnote says which.
  const docs = new Set([...p.mentions.map((m) => m.citation.doc), p.roleCitation?.doc]);
  docs.delete(undefined);
  const notes = sourceNotes(docs.size > 1 ? { article: 'full' } : {});
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
