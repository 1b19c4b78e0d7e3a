/** What the bot serves: articles, counts, search mode and why, model. */
import type { APIEmbedField } from 'discord.js';
import type { AboutInfo } from '../../answers/types.js';
import type { Lang } from '../../text/language.js';
import { formatPublished } from '../citation.js';
import { ui } from '../i18n.js';
import { COLOR, LIMITS, type RenderedMessage } from './limits.js';
import { answerButtons } from './link-buttons.js';
import { escapeMarkdown, fitEscaped } from './markdown.js';

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
