/** Hello in the user's language: the articles (title, source, date), two example questions, /help. */
import type { Greeting } from '../../answers/types.js';
import { formatPublished, shorten } from '../citation.js';
import { ui } from '../i18n.js';
import { COLOR, LIMITS, type RenderedMessage } from './limits.js';
import { escapeMarkdown, fitEscaped } from './markdown.js';

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
