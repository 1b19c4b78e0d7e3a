/** The buttons under an answer: links to the quoted articles and "More passages". */
import { ButtonStyle, ComponentType, type APIButtonComponent } from 'discord.js';
import type { Citation } from '../../answers/types.js';
import { shorten } from '../citation.js';
import type { UiStrings } from '../i18n.js';
import { LIMITS, type ButtonRow } from './limits.js';

/** Link buttons to the articles the shown excerpts come from, plus "More passages". */
export function answerButtons(
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
