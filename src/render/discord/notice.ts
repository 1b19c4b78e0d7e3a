/** A short plain message (cooldown, errors, limits). It never echoes user text. */
import { shorten } from '../citation.js';
import { LIMITS, type RenderedMessage } from './limits.js';

export function renderNotice(text: string): RenderedMessage {
  return { content: shorten(text, LIMITS.content), embeds: [], components: [] };
}
