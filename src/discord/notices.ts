/** The short notices users get for expected problems, in their language. */
import { renderNotice, type RenderedMessage } from '../render/discord.js';
import { ui } from '../render/i18n.js';
import type { Lang } from '../text/language.js';
import type { Denial } from './admission.js';
import { waitSeconds } from './cooldown.js';

/** Why a question was not admitted. */
export function denialNotice(denial: Denial, lang: Lang): RenderedMessage {
  const t = ui(lang);
  switch (denial.kind) {
    case 'empty':
      return renderNotice(t.emptyQuestion);
    case 'tooLong':
      return renderNotice(t.tooLong(denial.length, denial.max));
    case 'cooldown':
      return renderNotice(t.cooldown(waitSeconds(denial.waitMs)));
  }
}

export function errorNotice(errorId: string, lang: Lang): RenderedMessage {
  return renderNotice(ui(lang).error(errorId));
}
