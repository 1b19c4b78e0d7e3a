/**
 * Build time of the English→Chinese expansion: three sources become one small
 * JSON table stored in the index, so queries never load the 11 MB dictionary:
 *   - CC-CEDICT read backwards (English sense → headword), keeping only headwords
 *     the corpus contains;
 *   - the glossary of the article's named entities (curated, from the article's
 *     own brackets, and people's English names from the people registry);
 *   - toneless pinyin of the corpus's words, for names and places written in
 *     pinyin ("Song Junxiao", "Beijing").
 */
import type { Corpus, CorpusDocument } from '../corpus/types.js';
import { HAN_ONLY, HAN_RUNS, hasHan } from '../text/han.js';
import { jieba } from '../text/jieba.js';
import { normalize } from '../text/normalize.js';
import { ENGLISH_STOPWORDS } from '../text/stopwords.js';
import { tokenizeNormalized } from '../text/tokenize.js';
import type { CedictEntry } from './cedict.js';
import type { CrossLingualTable, StoredCandidate } from './crosslingual-table.js';
import { englishTokens, phraseKey } from './english-words.js';
import { dictionaryFacts, type DictionaryFacts } from './dictionary-facts.js';
import type { GlossaryEntry } from './glossary.js';
import { pinyinKeys } from './pinyin-keys.js';
import { senseKeys } from './sense-keys.js';
import { WantedStrings } from './wanted-strings.js';
import { ShareCounts, type CorpusView, type Share, type TextsView } from './corpus-shares.js';

export interface CrossLingualInput {
  corpus: Corpus;
  glossary: GlossaryEntry[];
  /** More English names, e.g. people's from the people registry. */
  extraPairs?: { english: string; zh: string }[];
  /**
   * CC-CEDICT entries (`loadCedict()`), or what reads them: the index build reads the
   * dictionary only when the table must be made anew, working from `facts` otherwise.
   */
  dictionary: readonly CedictEntry[] | (() => readonly CedictEntry[]);
  /** Text the index searches besides the paragraphs: masthead lines, field words. */
  extraTexts?: string[];
  /**
   * An article's share of the view: `compute()` by default; the index build answers
   * from its cache when the article and jieba's words are unchanged.
   */
  viewOf?: (doc: CorpusDocument, compute: () => TextsView) => TextsView;
  /**
   * The share of `extraTexts` (every masthead of the corpus), in the same way: the
   * index build keeps it while those texts and the names looked for are unchanged.
   */
  extraShareOf?: (
    texts: readonly string[],
    givenNames: readonly string[],
    compute: () => Share,
  ) => Share;
  /**
   * The given names (of `givenNames`) an article contains: `compute()` by default; the
   * index build answers from its cache when the article and the names are unchanged.
   */
  givenNamesOf?: (
    doc: CorpusDocument,
    givenNames: readonly string[],
    compute: () => string[],
  ) => string[];
  /** What the table needs from the dictionary alone: worked out when absent, the index build keeps it. */
  facts?: DictionaryFacts;
  /**
   * The articles' shares counted (see corpus-shares.ts): `countShares` by default.
   * The index build patches the counts the last build kept, putting in the shares of
   * articles new or changed since and taking out those of articles gone or changed.
   */
  countsFor?: (
    givenNames: readonly string[],
    shareOf: (doc: CorpusDocument) => Share,
  ) => ShareCounts;
  /**
   * The table as JSON (`crossLingualTableJson`) made from the same corpus view and
   * names: `compute()` by default. The index build keeps the last one under `inputs`
   * (what identifies everything the table is made from besides the dictionary), so a
   * reindex whose edits add no word, name or headword to the corpus as a whole
   * reuses it. Kept as text, it is read and written again without being parsed.
   */
  tableFor?: (inputs: string, compute: () => string) => string;
}

const MAX_CANDIDATES = 6;
/** A candidate far below the best one for its key is noise ("work" → 文章 beside 工作). */
const RELATIVE_FLOOR = 0.6;
const MAX_PHRASE_WORDS = 8;
const NAME_DOT = /[·・]/u;

/** Dictionary headwords to find in texts: as written (traditional), and in every normal form. */
export interface Headwords {
  traditional: WantedStrings;
  normal: WantedStrings;
}

/** The headword tries the facts keep. */
function headwordsOf(facts: DictionaryFacts): Headwords {
  const traditional = WantedStrings.fromState(facts.headwords.traditional);
  const normal = WantedStrings.fromState(facts.headwords.normal);
  if (!traditional || !normal) throw new Error('The dictionary facts hold no headword tries');
  return { traditional, normal };
}

/**
 * The pinyin keys a segmented word contributes: Han words of two to four characters,
 * names (jieba's nr tags) also read with surname pronunciations. Worked out for the
 * corpus's words once, when the table is made, not for each article's.
 */
function taggedPinyin(word: string, name: boolean): string[] {
  if (word.length < 2 || word.length > 4 || !HAN_ONLY.test(word)) return [];
  return pinyinKeys(word, { name });
}

/** One article's paragraphs' share of the view (jieba's taught words shape it). */
export function textsView(texts: readonly string[], headwords: Headwords): TextsView {
  const traditional = new Set<string>();
  const headwordGrams = new Set<string>();
  const words = new Set<string>();
  const tagged = new Map<string, string>();
  const latin = new Set<string>();
  for (const text of texts) {
    for (const [run] of text.matchAll(HAN_RUNS)) headwords.traditional.collect(run, traditional);
  }
  for (const text of texts) {
    const normal = normalize(text);
    for (const [run] of normal.matchAll(HAN_RUNS)) {
      headwords.normal.collect(run, headwordGrams);
      for (const w of jieba().cutForSearch(run, true)) words.add(w);
      for (const { word, tag } of jieba().tag(run, true))
        if (!tagged.has(word)) tagged.set(word, tag);
    }
    for (const term of tokenizeNormalized(normal)) {
      if (!hasHan(term) && /[\p{L}\d]/u.test(term)) latin.add(term);
    }
  }
  return {
    traditional: [...traditional],
    headwordGrams: [...headwordGrams],
    words: [...words],
    tagged: [...tagged],
    latin: [...latin],
  };
}

/** The given names of `givenNames` that `texts` contain, in normal form, in the order first met. */
function givenNamesIn(texts: readonly string[], givenNames: WantedStrings): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const [run] of normalize(text).matchAll(HAN_RUNS)) givenNames.collect(run, found);
  }
  return [...found];
}

/** "Zizheng" alone: the given name of a three-character name. */
function givenName(name: string): string {
  return name.slice(1);
}

/** Keeps, per key and term, the best weight seen. */
class CandidateMap {
  private readonly map = new Map<string, Map<string, { weight: number; via: 'g' | 'd' }>>();

  add(key: string, zh: string, weight: number, via: 'g' | 'd'): void {
    if (!key || !zh || weight <= 0) return;
    let byTerm = this.map.get(key);
    if (!byTerm) {
      byTerm = new Map<string, { weight: number; via: 'g' | 'd' }>();
      this.map.set(key, byTerm);
    }
    const old = byTerm.get(zh);
    // A curated name beats the dictionary at equal weight.
    if (!old || weight > old.weight || (weight === old.weight && via === 'g'))
      byTerm.set(zh, { weight, via });
  }

  finish(): Record<string, StoredCandidate[]> {
    const out: Record<string, StoredCandidate[]> = {};
    for (const key of [...this.map.keys()].sort()) {
      const ranked = [...this.map.get(key)!]
        .map(([zh, c]) => ({ zh, ...c }))
        .sort((a, b) => b.weight - a.weight || b.zh.length - a.zh.length || (a.zh < b.zh ? -1 : 1));
      const floor = ranked[0]!.weight * RELATIVE_FLOOR;
      out[key] = ranked
        .filter((c) => c.weight >= floor)
        .slice(0, MAX_CANDIDATES)
        .map((c) => [c.zh, Math.round(c.weight * 100) / 100, c.via]);
    }
    return out;
  }
}

/** A headword the segmenter also cuts out of the corpus reads there as meant; one that straddles words may not. */
function headwordFactor(zh: string, view: CorpusView): number {
  return view.words.has(zh) ? 1 : 0.7;
}

/**
 * The corpus term a dictionary entry stands for, in the normal form the keyword
 * index holds, if the corpus contains it. CC-CEDICT's simplified form can differ
 * from OpenCC's (憑藉: 凭藉 there, 凭借 here), so a traditional match is
 * normalised rather than trusted.
 */
function corpusTerm(
  entry: CedictEntry,
  normalTraditional: string,
  view: CorpusView,
): string | undefined {
  if (view.ngrams.has(entry.simplified)) return entry.simplified;
  if (!view.traditional.has(entry.traditional)) return undefined;
  return view.ngrams.has(normalTraditional) ? normalTraditional : undefined;
}

/** Adds the senses of the entries the corpus has; returns the proper names of those it lacks. */
function addDictionary(
  entries: readonly CedictEntry[],
  facts: DictionaryFacts,
  view: CorpusView,
  english: CandidateMap,
): Set<string> {
  const absentNames = new Set<string>();
  entries.forEach((entry, i) => {
    const zh = corpusTerm(entry, facts.normalTraditional[i]!, view);
    // Single characters are too ambiguous to stand for an English word, and the
    // keyword index holds words and bigrams, not characters.
    if (zh !== undefined && zh.length < 2) return;
    if (zh === undefined) {
      for (const name of facts.properNames.get(i) ?? []) absentNames.add(name);
      return;
    }
    const factor = headwordFactor(zh, view);
    for (const sense of entry.senses) {
      for (const { key, weight } of senseKeys(sense)) english.add(key, zh, weight * factor, 'd');
    }
  });
  return absentNames;
}

function addGlossaryEntry(english: CandidateMap, zhRaw: string, names: string[]): void {
  const zh = normalize(zhRaw).trim();
  for (const name of names) {
    const tokens = englishTokens(name);
    english.add(phraseKey(tokens.map((t) => t.lower)), zh, 1, 'g');
    // 格雷厄姆·艾利森 = Graham Allison: each part alone names the person too, the surname more surely.
    const parts = zh.split(NAME_DOT);
    const words = tokens.filter((t) => !t.stop);
    if (parts.length >= 2 && parts.length === words.length) {
      parts.forEach((part, i) =>
        english.add(words[i]!.lower, part, i === parts.length - 1 ? 0.9 : 0.8, 'g'),
      );
    }
  }
}

/** What a synonym's term weighs: enough to count, never as much as a translation. */
const SYNONYM_WEIGHT = 0.5;
const MAX_SYNONYM_TERMS = 2;

/**
 * Give words the best term of their dictionary synonyms ("train" → 培养 through
 * "cultivate"), after the direct candidates so the relative floor never drops them.
 */
function addSynonyms(
  table: Record<string, StoredCandidate[]>,
  synonyms: Map<string, [string, number][]>,
): void {
  const direct = (word: string): StoredCandidate | undefined =>
    Object.hasOwn(table, word) ? table[word]![0] : undefined;
  const extra = new Map<string, StoredCandidate[]>();
  for (const [word, close] of synonyms) {
    const have = new Set((Object.hasOwn(table, word) ? table[word]! : []).map(([zh]) => zh));
    const added: StoredCandidate[] = [];
    for (const [synonym] of close) {
      const best = direct(synonym);
      if (!best || best[1] < 0.9 || have.has(best[0])) continue;
      have.add(best[0]);
      added.push([best[0], SYNONYM_WEIGHT, 'd']);
      if (added.length >= MAX_SYNONYM_TERMS) break;
    }
    if (added.length > 0) extra.set(word, added);
  }
  for (const [word, added] of extra)
    table[word] = [...(Object.hasOwn(table, word) ? table[word]! : []), ...added];
}

/** Words the dictionary's English uses this often are English first ("women" is not 我们). */
const ENGLISH_WORD_MIN_COUNT = 3;
/** …and this often, everyday English ("world", "token"), though the article uses them as names. */
const COMMON_WORD_MIN_COUNT = 5;

function addPinyin(
  pinyin: Map<string, Set<string>>,
  word: string,
  keys: readonly string[],
  lexicon: Map<string, number>,
): void {
  for (const key of keys) {
    if ((lexicon.get(key) ?? 0) >= ENGLISH_WORD_MIN_COUNT || ENGLISH_STOPWORDS.has(key)) continue;
    let words = pinyin.get(key);
    if (!words) pinyin.set(key, (words = new Set()));
    words.add(word);
  }
}

function buildPinyin(
  view: CorpusView,
  glossaryTerms: string[],
  names: string[],
  lexicon: Map<string, number>,
): Record<string, string[]> {
  const pinyin = new Map<string, Set<string>>();
  const add = (word: string, keys: readonly string[]) => addPinyin(pinyin, word, keys, lexicon);
  for (const word of view.tagged) add(word, taggedPinyin(word, view.names.has(word)));
  for (const term of glossaryTerms) if (term.length <= 8) add(term, pinyinKeys(term));
  for (const name of names) {
    add(name, pinyinKeys(name, { name: true }));
    const given = givenName(name);
    if (name.length === 3 && view.ngrams.has(given)) add(given, pinyinKeys(given));
  }
  const out: Record<string, string[]> = {};
  for (const key of [...pinyin.keys()].sort()) out[key] = [...pinyin.get(key)!].sort();
  return out;
}

/**
 * The glossary's terms that are names. CC-CEDICT writes proper nouns with capitalised
 * pinyin; a term it lists only in lower case is a common word (科学, 工程).
 */
function entityNames(
  glossary: readonly GlossaryEntry[],
  entries: readonly CedictEntry[],
): string[] {
  const common = new Set<string>();
  const proper = new Set<string>();
  for (const e of entries) (/^[a-z]/.test(e.pinyin) ? common : proper).add(e.simplified);
  const names = new Set<string>();
  for (const g of glossary) {
    const zh = normalize(g.zh).trim();
    if (zh.length < 2 || (common.has(zh) && !proper.has(zh))) continue;
    names.add(zh);
  }
  return [...names].sort();
}

export function buildCrossLingualTable(input: CrossLingualInput): CrossLingualTable {
  return preparedTable(input).make();
}

/** The table as crosslingual.json holds it, through `tableFor` when given. */
export function crossLingualTableJson(input: CrossLingualInput): string {
  const { inputs, make } = preparedTable(input);
  const compute = () => JSON.stringify(make());
  return input.tableFor ? input.tableFor(inputs(), compute) : compute();
}

/** The corpus's view counted, and how to make the table from it. */
function preparedTable(input: CrossLingualInput): {
  inputs: () => string;
  make: () => CrossLingualTable;
} {
  let read: readonly CedictEntry[] | undefined;
  const entries = () =>
    (read ??= typeof input.dictionary === 'function' ? input.dictionary() : input.dictionary);
  const names = [...new Set((input.extraPairs ?? []).map((p) => normalize(p.zh)))].filter((zh) =>
    HAN_ONLY.test(zh),
  );
  const facts = input.facts ?? dictionaryFacts(entries());
  // Only needed for articles the cache holds no view of.
  let headwords: Headwords | undefined;
  const wanted = () => (headwords ??= headwordsOf(facts));
  const viewOf = input.viewOf ?? ((_doc, compute) => compute());
  const givenNamesOf = input.givenNamesOf ?? ((_doc, _names, compute) => compute());
  // Sorted: what keys the cached given names is which are looked for, not the people's order.
  const givenNames = [...new Set(names.map(givenName))].sort();
  // Only needed for articles the cache holds no given names of.
  let wantedNames: WantedStrings | undefined;
  const namesWanted = () => (wantedNames ??= new WantedStrings(new Set(givenNames)));
  const shareOf = (doc: CorpusDocument): Share => {
    const texts = doc.paragraphs.map((p) => p.text);
    return {
      view: viewOf(doc, () => textsView(texts, wanted())),
      givenNames: givenNamesOf(doc, givenNames, () => givenNamesIn(texts, namesWanted())),
    };
  };
  const counts = input.countsFor
    ? input.countsFor(givenNames, shareOf)
    : countShares(input.corpus.documents, shareOf);
  // Masthead lines and field words are the corpus's too, but not any one article's.
  const extraTexts = input.extraTexts ?? [];
  const extraShareOf = input.extraShareOf ?? ((_texts, _names, compute) => compute());
  counts.add(
    extraShareOf(extraTexts, givenNames, () => ({
      view: textsView(extraTexts, wanted()),
      givenNames: givenNamesIn(extraTexts, namesWanted()),
    })),
    1,
  );
  return {
    inputs: () => JSON.stringify([counts.fingerprint(), input.glossary, input.extraPairs ?? []]),
    make: () => tableFrom(counts.view(facts), names, input, facts, entries()),
  };
}

/** Every article's share, counted. */
export function countShares(
  documents: readonly CorpusDocument[],
  shareOf: (doc: CorpusDocument) => Share,
): ShareCounts {
  const counts = ShareCounts.empty();
  for (const doc of documents) counts.add(shareOf(doc), 1);
  return counts;
}

function tableFrom(
  view: CorpusView,
  names: string[],
  input: CrossLingualInput,
  facts: DictionaryFacts,
  entries: readonly CedictEntry[],
): CrossLingualTable {
  const { lexicon } = facts;
  const english = new CandidateMap();
  const absentNames = addDictionary(entries, facts, view, english);

  const glossary: GlossaryEntry[] = [
    ...input.glossary,
    ...(input.extraPairs ?? []).map((p) => ({ zh: p.zh, en: [p.english] })),
  ];
  for (const entry of glossary) addGlossaryEntry(english, entry.zh, entry.en);

  const glossaryTerms = input.glossary
    .map((g) => normalize(g.zh))
    .filter((zh) => HAN_ONLY.test(zh));
  const pinyin = buildPinyin(view, glossaryTerms, names, lexicon);

  const latin: Record<string, number> = {};
  for (const term of [...view.latin].sort()) {
    if (ENGLISH_STOPWORDS.has(term)) continue;
    // "world", "token", "row" are also everyday English: as a query word they may mean something else.
    latin[term] = (lexicon.get(term) ?? 0) >= COMMON_WORD_MIN_COUNT ? 0.6 : 1;
  }

  const finished = english.finish();
  addSynonyms(finished, facts.synonyms);
  const known = (w: string): boolean => Object.hasOwn(finished, w) || Object.hasOwn(latin, w);
  const absent = [...absentNames]
    .filter((name) => !Object.hasOwn(finished, name) && name.split(' ').some((w) => known(w)))
    .sort();
  const maxPhraseWords = Math.min(
    MAX_PHRASE_WORDS,
    Math.max(
      1,
      ...Object.keys(finished).map((k) => k.split(' ').length),
      ...absent.map((k) => k.split(' ').length),
    ),
  );
  return {
    version: 1,
    maxPhraseWords,
    english: finished,
    pinyin,
    latin,
    absent,
    names: entityNames(input.glossary, entries),
  };
}
