import type { Lang } from '../../text/language.js';
import { shorten } from '../citation.js';
import { ui, type HelpParams } from '../i18n.js';
import { COLOR, LIMITS, type RenderedMessage } from './limits.js';

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
