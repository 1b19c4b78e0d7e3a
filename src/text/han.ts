/**
 * Han characters, the one definition every module tests text against. The
 * patterns without the g flag are safe for `.test`; HAN_RUNS is for `matchAll`,
 * which copies it, so its lastIndex never leaks between callers.
 */

/** One Han character. */
export const HAN = /\p{Script=Han}/u;
/** Runs of Han characters, for `matchAll` and `replace`. */
export const HAN_RUNS = /\p{Script=Han}+/gu;
/** A text of Han characters only. */
export const HAN_ONLY = /^\p{Script=Han}+$/u;

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

export function isHanOnly(text: string): boolean {
  return HAN_ONLY.test(text);
}

/** Number of Han characters in the text. */
export function hanCount(text: string): number {
  return text.match(/\p{Script=Han}/gu)?.length ?? 0;
}

/** Share of letters that are Han characters; 0 for text without letters. */
export function hanRatio(text: string): number {
  const han = hanCount(text);
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  const total = han + latin;
  return total === 0 ? 0 : han / total;
}
