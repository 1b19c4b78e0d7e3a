/**
 * Words that name a kind of text without occurring in it. A reader asks "照片從哪裡來"
 * or "who wrote this" in words the caption or the byline never use, so passages that
 * hold a caption or a masthead line are also indexed under the words for what they
 * are. The quoted text never changes: these words live only in the index.
 *
 * Both Chinese scripts and English are listed; they are normalised like everything else.
 */
import type { Passage, PassageTag } from '../corpus/types.js';

export const FIELD_WORDS: Readonly<Record<PassageTag, readonly string[]>> = {
  caption: [
    ...'圖 圖片 照片 相片 配圖 圖說 圖注 圖片說明 攝影 插圖 截圖'.split(' '),
    ...'photo photograph picture image caption pictured screenshot'.split(' '),
  ],
  masthead: [
    ...'作者 記者 撰文 撰稿 署名 寫 發表 發佈 發出 刊登 刊出 日期 時間 來源 出處 媒體 稿件 版權 轉載 授權'.split(
      ' ',
    ),
    ...'author writer reporter byline wrote published publication date outlet copyright republish reprint'.split(
      ' ',
    ),
  ],
};

/** The field words of a passage's tags, as one line of text to index beside it. */
export function fieldWords(tags: readonly PassageTag[]): string {
  return [...new Set(tags.flatMap((t) => FIELD_WORDS[t]))].join(' ');
}

/** What the keyword index and coverage see of a passage: its text, then its field words. */
export function searchableText(passage: Pick<Passage, 'text' | 'tags'>): string {
  const words = fieldWords(passage.tags);
  return words ? `${passage.text}\n${words}` : passage.text;
}
