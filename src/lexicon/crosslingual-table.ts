/**
 * The English→Chinese table an index build stores (crosslingual.json): English
 * words and phrases, pinyin spellings and the corpus's own Latin terms, each
 * with the Chinese terms of the corpus they stand for. `crosslingual-build.ts`
 * makes it; `retrieval/expand-english.ts` reads it at query time.
 */
import { z } from 'zod';

/** [zh, weight, source]: g = glossary, d = dictionary. Tuples keep the stored table small. */
export type StoredCandidate = [zh: string, weight: number, via: 'g' | 'd'];

export interface CrossLingualTable {
  version: 1;
  /** Longest phrase key, in words. */
  maxPhraseWords: number;
  /** English word or phrase key (see english-words.ts) → Chinese terms, best first. */
  english: Record<string, StoredCandidate[]>;
  /** Toneless pinyin without spaces → Chinese words spelled so. */
  pinyin: Record<string, string[]>;
  /** Latin-script terms of the corpus (DeepSeek, R1, STEM) → weight; common English words weigh less. */
  latin: Record<string, number>;
  /** Proper names the dictionary knows ("world cup") whose Chinese the corpus lacks. */
  absent: string[];
  /**
   * Names of the corpus's organisations, places, works and products (normal form): the
   * glossary's terms, less those the dictionary lists as common words (科學 spelled out
   * from STEM is a word, not a name).
   */
  names: string[];
}

const isWeight = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1;
const isWord = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isCandidate = (v: unknown): v is StoredCandidate =>
  Array.isArray(v) &&
  v.length === 3 &&
  isWord(v[0]) &&
  isWeight(v[1]) &&
  (v[2] === 'g' || v[2] === 'd');

/**
 * A record whose values `check` passes, checked in one loop and kept as parsed: zod's
 * record of tuples checked and copied entry by entry, a third of a second of opening
 * a 1,000-article index.
 */
function recordOf<T>(check: (v: unknown) => boolean, what: string) {
  return z.custom<Record<string, T>>(
    (v) =>
      typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(check),
    { message: `expected a record of ${what}` },
  );
}

const TableSchema = z.object({
  version: z.literal(1),
  maxPhraseWords: z.number().int().min(1),
  english: recordOf<StoredCandidate[]>(
    (v) => Array.isArray(v) && v.every(isCandidate),
    '[Chinese, weight, source] lists',
  ),
  pinyin: recordOf<string[]>((v) => Array.isArray(v) && v.every(isWord), 'word lists'),
  latin: recordOf<number>(isWeight, 'weights from 0 to 1'),
  absent: z.array(z.string()),
  names: z.array(z.string().min(1)),
});

export class CrossLingualTableError extends Error {
  override name = 'CrossLingualTableError';
}

/** Check a table read back from an index file. */
export function parseCrossLingualTable(json: unknown): CrossLingualTable {
  const parsed = TableSchema.safeParse(json);
  if (!parsed.success) {
    throw new CrossLingualTableError(
      `The index's English→Chinese table is not in the expected format (${parsed.error.issues[0]?.message ?? 'invalid'}). Run npm run reindex.`,
    );
  }
  return parsed.data;
}
