/** An answer, and the passages it left out, as embeds of quotes. */
import type { Answer, Excerpt, IndexMode } from '../../answers/types.js';
import type { Lang } from '../../text/language.js';
import { ui } from '../i18n.js';
import { shownAs } from '../tier.js';
import {
  excerptEmbed,
  type AnswerRenderOptions,
  type MorePassagesOptions,
  type RenderedAnswer,
} from './excerpts.js';
import { COLOR, footerText, LIMITS } from './limits.js';
import { escapeMarkdown, fitEscaped } from './markdown.js';
import { suggestionText } from './suggestions.js';

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
