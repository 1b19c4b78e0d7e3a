/**
 * The line that shows how a follow-up was understood ("（理解為：潘梓正的導師怎麼說？）"),
 * so that a wrong guess is visible and the user can ask again in full. Shared by the
 * console and, later, the Discord replies.
 */
import type { Answer } from '../answers/types.js';
import type { Lang } from '../text/language.js';

const WORDING: Record<Lang, (understood: string) => string> = {
  'zh-Hant': (q) => `（理解為：${q}）`,
  'zh-Hans': (q) => `（理解为：${q}）`,
  en: (q) => `(understood as: ${q})`,
};

/** Null for a question answered as asked. */
export function understoodNote(answer: Answer): string | null {
  return answer.followUp ? WORDING[answer.lang](answer.followUp.understood) : null;
}
