/**
 * A summary: per article, its chosen sentences in article order, quoted and cited like an
 * answer, with the next-ranked sentences behind "More passages". Articles that would break
 * the 6000-character or 10-embed limits are left out and counted in the content line.
 */
import type { APIEmbed } from 'discord.js';
import type { Excerpt, SummaryAnswer } from '../../answers/types.js';
import { shorten } from '../citation.js';
import { ui } from '../i18n.js';
import { excerptEmbed, type AnswerRenderOptions, type RenderedAnswer } from './excerpts.js';
import { embedLength, LIMITS, type ButtonRow } from './limits.js';
import { escapeMarkdown, fitEscaped } from './markdown.js';

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
