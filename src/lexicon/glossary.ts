/**
 * English names of the article's named entities, which no dictionary has:
 * organisations, places, publications, products. Two sources:
 *
 * - corpus/glossary.json, curated: `[{ "zh": "麥克羅波洛智庫", "en": ["Macro Polo"] }]`;
 * - the article itself, which often gives the original name in brackets:
 *   格雷厄姆·艾利森(Graham Allison), Rest of World(下稱「RoW」), STEM(科學、技術、工程、數學).
 *
 * `zh` is kept as the article writes it; the cross-lingual table normalises it.
 */
import path from 'node:path';
import { readOptionalJson } from '../corpus/curated-file.js';
import { z } from 'zod';
import type { Corpus } from '../corpus/types.js';
import { hasHan } from '../text/han.js';
import { jieba } from '../text/jieba.js';
import { normalizeAligned } from '../text/normalize.js';
import { pinyinSpellings, pinyinSyllables } from '../text/pinyin.js';

export interface GlossaryEntry {
  /** The term as the article writes it (Han, or a Latin alias such as "RoW"). */
  zh: string;
  /** English names for it. */
  en: string[];
}

export const GLOSSARY_FILE = 'glossary.json';

const GlossarySchema = z.array(
  z
    .object({
      zh: z.string().trim().min(1),
      en: z.array(z.string().trim().min(1)).min(1),
      note: z.string().optional(),
    })
    .strict(),
);

export class GlossaryDataError extends Error {
  override name = 'GlossaryDataError';
}

export function parseGlossary(json: unknown, where = GLOSSARY_FILE): GlossaryEntry[] {
  const parsed = GlossarySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue ? `entry ${issue.path.join('.')}: ${issue.message}` : parsed.error.message;
    throw new GlossaryDataError(
      `${where}: ${at}. Expected a list of { "zh": "…", "en": ["…"] } objects.`,
    );
  }
  return parsed.data.map(({ zh, en }) => ({ zh, en }));
}

/** The curated glossary beside the articles; a corpus without one has none. */
export async function loadGlossary(corpusDir: string): Promise<GlossaryEntry[]> {
  const file = path.join(corpusDir, GLOSSARY_FILE);
  const json = await readOptionalJson(file, (m) => new GlossaryDataError(m));
  if (json === undefined) return [];
  return parseGlossary(json, file);
}

const BRACKETS = /[(（]([^()（）]{1,80})[)）]/gu;
const LATIN_NAME = /^[\p{Script=Latin}\d][\p{Script=Latin}\d .&'’-]*$/u;
const LATIN_TAIL = /[\p{Script=Latin}\d][\p{Script=Latin}\d .&'’-]*$/u;
const LATIN_WORD_TAIL = /[\p{Script=Latin}][\p{Script=Latin}\d-]*$/u;
const DOT_NAME_TAIL = /\p{Script=Han}+(?:[·・]\p{Script=Han}+)+$/u;
const HAN_TAIL = /\p{Script=Han}+$/u;
const QUOTED_TAIL = /[「《『]([^「」《》『』]{2,20})[」》』]$/u;
const ALIAS = /^(?:以下|下文|下)?(?:簡稱|简称|稱|称)\s*[「『“"]?([^「」『』“”"]+?)[」』”"]?$/u;
const HAN_LIST = /^[\p{Script=Han}、，,\s]{2,30}$/u;

/**
 * Characters that, standing alone as a segmented word, end the phrase before a
 * bracket: grammar (的, 和, 在 …), measure words (位, 個) and naming verbs (為, 稱).
 */
const BOUNDARY_WORDS = new Set([
  ...'的之和与及在是了向把被对从于将给或由据为称并让即叫位个',
  ...'與對從於將給據為稱並讓個',
]);
const MAX_TERM = 10;

/**
 * A Chinese name spelled in pinyin beside it ("張湖月(Angela Huyue Zhang)"):
 * the longest tail of 2–4 characters whose syllables the Latin words spell.
 */
function pinyinNameTail(run: string, latin: string): string | null {
  const words = latin
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);
  const joined = new Set(words.flatMap((w, i) => [w, ...(words[i + 1] ? [w + words[i + 1]] : [])]));
  const single = new Set(words);
  // Lü may be written Lu or Lv.
  const written = (pinyin: string, among: Set<string>): boolean =>
    pinyinSpellings(pinyin).some((spelling) => among.has(spelling));
  for (let k = Math.min(4, run.length); k >= 2; k--) {
    const tail = run.slice(run.length - k);
    const [surname, ...given] = pinyinSyllables(tail, { surname: true });
    if (surname === undefined) continue;
    const givenName = given.join('');
    if (
      written(surname + givenName, joined) ||
      (written(surname, single) && written(givenName, joined))
    )
      return tail;
  }
  return null;
}

/**
 * Where the Han term before a bracket starts. The run of Han characters before
 * it usually carries more ("根據美國保爾森基金會旗下的麥克羅波洛智庫"): cut after
 * the last grammar word, keep whole segmented words, and for an abbreviation
 * keep only the last word ("中國人工智能(AI)" → 人工智能).
 */
function hanTermBefore(run: string, latin: string): string | null {
  const byPinyin = pinyinNameTail(run, latin);
  if (byPinyin) return byPinyin;
  const words = jieba().cut(normalizeAligned(run), true);
  let start = 0;
  let offset = 0;
  const ends: number[] = [];
  for (const w of words) {
    offset += w.length;
    ends.push(offset);
    if (w.length === 1 && BOUNDARY_WORDS.has(w)) start = offset;
  }
  // Word starts at or after `start`, as offsets into run.
  const starts = [start, ...ends.filter((e) => e > start && e < run.length)];
  const acronym = /^[\p{Lu}\d]{2,6}$/u.test(latin);
  let from = start;
  if (acronym) from = starts[starts.length - 1]!;
  else if (run.length - from > MAX_TERM)
    from = starts.find((s) => run.length - s <= MAX_TERM) ?? run.length;
  const term = run.slice(from);
  return term.length >= 2 ? term : null;
}

/** The Han term that ends right before a bracket, if any. */
function termBefore(prefix: string, latin: string): string | null {
  const quoted = prefix.match(QUOTED_TAIL);
  if (quoted) return hasHan(quoted[1]!) ? quoted[1]! : null;
  const dotted = prefix.match(DOT_NAME_TAIL);
  if (dotted) {
    // The run before the first dot also carries titles ("博士生導師丹尼爾"): keep its last word.
    const [first, ...rest] = dotted[0].split(/(?=[·・])/u);
    const words = jieba().cut(normalizeAligned(first!), true);
    let given = words.pop() ?? '';
    if (given.length === 1 && words.length > 0) given = words.pop()! + given;
    return first!.slice(first!.length - given.length) + rest.join('');
  }
  const run = prefix.match(HAN_TAIL);
  return run ? hanTermBefore(run[0], latin) : null;
}

function cleanLatin(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** One entry per bracketed translation or alias the article gives. */
function entriesOfParagraph(text: string): GlossaryEntry[] {
  const out: GlossaryEntry[] = [];
  for (const m of text.matchAll(BRACKETS)) {
    const inside = m[1]!.trim();
    const prefix = text.slice(0, m.index);
    const alias = inside.match(ALIAS);
    if (alias) {
      // Name(下稱「Alias」): the alias stands for the name from here on.
      const short = alias[1]!.trim();
      const latinName = prefix.match(LATIN_TAIL)?.[0];
      if (latinName && /\p{Script=Latin}/u.test(latinName)) {
        out.push({ zh: short, en: [cleanLatin(latinName)] });
      } else if (LATIN_NAME.test(short)) {
        const han = termBefore(prefix, short);
        if (han) out.push({ zh: han, en: [short] });
      }
      continue;
    }
    if (LATIN_NAME.test(inside) && /\p{Script=Latin}/u.test(inside)) {
      // 格雷厄姆·艾利森(Graham Allison): the original name of the term before.
      const han = termBefore(prefix, inside);
      if (han) out.push({ zh: han, en: [cleanLatin(inside)] });
      continue;
    }
    if (HAN_LIST.test(inside)) {
      // STEM(科學、技術、工程、數學), X(原推特): the Latin word spelled out in Chinese.
      const latin = prefix.match(LATIN_WORD_TAIL)?.[0];
      if (!latin) continue;
      for (const item of inside.split(/[、，,]/)) {
        const zh = item.trim().replace(/^[原即]/u, '');
        if (zh.length >= 2 && zh.length <= 8) out.push({ zh, en: [latin] });
      }
    }
  }
  return out;
}

/** Merge entries with the same term, keeping every English name once. */
export function mergeGlossaries(...lists: GlossaryEntry[][]): GlossaryEntry[] {
  const byTerm = new Map<string, Set<string>>();
  for (const entry of lists.flat()) {
    const names = byTerm.get(entry.zh) ?? new Set<string>();
    for (const en of entry.en) names.add(en);
    byTerm.set(entry.zh, names);
  }
  return [...byTerm].map(([zh, en]) => ({ zh, en: [...en] }));
}

export function extractParentheticalGlossary(corpus: Corpus): GlossaryEntry[] {
  return mergeGlossaries(
    corpus.documents.flatMap((doc) => doc.paragraphs.flatMap((p) => entriesOfParagraph(p.text))),
  );
}
