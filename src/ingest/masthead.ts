/**
 * The lines around a Chinese news article's body that are not body text: the site
 * breadcrumb (dropped, as the corpus format does), the dateline and byline (kept
 * verbatim as masthead lines) and a closing rights notice. Shared by the plain-text
 * and HTML readers, since readability leaves such lines in the content it extracts.
 */
export { mastheadRoleOfText } from '../corpus/parse.js';

/** "首頁 > 國際 > 正文", "当前位置：首页 » 新闻": short parts joined by arrows. */
const BREADCRUMB_SEPARATOR = /\s*[>›»＞→]\s*/u;
const BREADCRUMB_LEAD =
  /^(?:當前位置|当前位置|您的位置|你的位置|您現在的位置|您现在的位置)\s*[:：]/u;
const SENTENCE_END = /[。！？!?]/u;

export function isBreadcrumb(line: string): boolean {
  if (BREADCRUMB_LEAD.test(line)) return true;
  const parts = line.split(BREADCRUMB_SEPARATOR);
  return (
    parts.length >= 2 &&
    parts.every((p) => p.length > 0 && p.length <= 16) &&
    !SENTENCE_END.test(line)
  );
}

/** "本文系觀察者網獨家稿件,未經授權,不得轉載。" and the like. */
const NOTICE =
  /未經授權|未经授权|不得轉載|不得转载|禁止轉載|禁止转载|版權所有|版权所有|轉載請註明|转载请注明|all rights reserved/iu;

export function isNotice(line: string): boolean {
  return line.length <= 120 && NOTICE.test(line);
}

/** Source and author of a bracketed byline: 【文/觀察者網 楊蓉】 → 觀察者網, 楊蓉. */
export function bylineParts(byline: string): { source?: string; author?: string } {
  const inner = byline.replace(/^[【[]\s*/u, '').replace(/\s*[】\]]$/u, '');
  const afterLabel = inner.replace(/^[^/／:：|｜]*[/／:：|｜]\s*/u, '');
  const words = afterLabel.split(/\s+/u).filter(Boolean);
  if (words.length === 0) return {};
  if (words.length === 1) return { author: words[0]! };
  return { source: words.slice(0, -1).join(' '), author: words[words.length - 1]! };
}

/** "2025-02-09 11:47" → 2025-02-09T11:47:00+08:00, in the offset the site prints in. */
export function datelineToIso(dateline: string, utcOffset: string): string | undefined {
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/u.exec(
      dateline.trim(),
    );
  if (!m) return undefined;
  const two = (s: string | undefined) => (s ?? '0').padStart(2, '0');
  const date = `${m[1]}-${two(m[2])}-${two(m[3])}`;
  if (m[4] === undefined) return date;
  return `${date}T${two(m[4])}:${m[5]}:${two(m[6])}${utcOffset}`;
}
