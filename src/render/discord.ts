/**
 * Answers as Discord messages: one embed per answer, each excerpt a verbatim blockquote
 * with its key sentence in bold and a [n] marker pointing to a footnote line.
 *
 * Pure functions from core types to API payloads, so every Discord limit can be checked
 * without a client. The pieces live in ./discord/, one job per file; this module is their
 * public face, so callers import from one place.
 */
export { LIMITS, embedLength, limitViolations } from './discord/limits.js';
export type { ButtonRow, RenderedMessage } from './discord/limits.js';
export { escapeMarkdown, fitEscaped, unescapeMarkdown } from './discord/markdown.js';
export { fitQuote, renderQuote } from './discord/quote.js';
export type {
  AnswerRenderOptions,
  ExcerptTier,
  MorePassagesOptions,
  RegisterMore,
  RenderedAnswer,
} from './discord/excerpts.js';
export { renderAnswer, renderMorePassages } from './discord/answer.js';
export { renderSummary } from './discord/summary.js';
export { renderGreeting } from './discord/greeting.js';
export { renderPerson } from './discord/person.js';
export { renderAbout } from './discord/about.js';
export { renderHelp } from './discord/help.js';
export { renderNotice } from './discord/notice.js';
export {
  renderExplained,
  renderFeedbackUnsaved,
  renderForgotten,
  renderVoteThanks,
  WHY_FIELDS,
  whyModal,
  withFeedbackButtons,
  withUnderstoodNote,
} from './discord/feedback.js';
export type { FeedbackIds } from './discord/feedback.js';
