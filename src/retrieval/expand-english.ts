/**
 * Query time of the English→Chinese expansion: an English question is cut into
 * content units (phrases first, longest first; then pinyin spellings over
 * adjacent words; then single words with light stemming) and each unit gets the
 * Chinese terms the index's table (lexicon/crosslingual-table.ts) gives it. A
 * unit without terms is kept: it tells the caller the article may not be about it.
 */
import type { CrossLingualTable, StoredCandidate } from '../lexicon/crosslingual-table.js';
import {
  CLIPPINGS,
  DEMONYMS,
  PHRASE_CLIPPINGS,
  englishTokens,
  phraseKey,
  prepareEnglish,
  wordForms,
  type EnglishToken,
} from '../lexicon/english-words.js';
import { misspellingOf } from '../text/typos.js';

export type ExpansionVia = 'glossary' | 'pinyin' | 'dictionary' | 'latin';

export interface ExpansionTerm {
  /** Normal form (Simplified, lowercase), as the keyword index stores text. */
  zh: string;
  /** 0–1: how surely the English unit means this term. */
  weight: number;
  via: ExpansionVia;
}

export interface ExpansionGroup {
  /** The unit as the user wrote it: "MIT Technology Review", "researchers". */
  english: string;
  /** Best first; empty when nothing in the article translates the unit. */
  terms: ExpansionTerm[];
  /**
   * Written as a name: capitalised inside the question, an acronym, or a proper name the
   * dictionary knows ("world cup"). A name without terms is something the article never mentions.
   */
  name: boolean;
}

export interface EnglishExpansion {
  groups: ExpansionGroup[];
}

const VIA: Record<'g' | 'd', ExpansionVia> = { g: 'glossary', d: 'dictionary' };
/** Looser than the build's floor: a Latin word the article uses (0.6) survives beside a glossary name (1). */
const QUERY_FLOOR = 0.5;
const MAX_GROUP_TERMS = 8;
const absentSets = new WeakMap<CrossLingualTable, Set<string>>();
const misspellable = new WeakMap<CrossLingualTable, string[]>();
/** How surely a misspelt word means the name it is nearest to. */
const MISSPELLING_FACTOR = 0.85;

function absentSet(table: CrossLingualTable): Set<string> {
  let set = absentSets.get(table);
  if (!set) absentSets.set(table, (set = new Set(table.absent)));
  return set;
}

/**
 * The words a question may misspell and still be understood: the glossary's names
 * ("nvidia") and the Latin words the article uses that are not everyday English
 * ("deepseek", "palomar"). Only single lowercase words long enough to allow a typo.
 */
function misspellableWords(table: CrossLingualTable): string[] {
  let words = misspellable.get(table);
  if (!words) {
    const simple = (w: string) => /^[a-z]{5,}$/.test(w);
    words = [
      ...Object.keys(table.english).filter(
        (k) => simple(k) && table.english[k]!.some(([, , via]) => via === 'g'),
      ),
      ...Object.keys(table.latin).filter((k) => simple(k) && table.latin[k] === 1),
    ];
    misspellable.set(table, (words = [...new Set(words)].sort()));
  }
  return words;
}

function lookup(table: CrossLingualTable, key: string): StoredCandidate[] | undefined {
  return Object.hasOwn(table.english, key) ? table.english[key] : undefined;
}

class TermSet {
  private readonly terms = new Map<string, ExpansionTerm>();

  add(zh: string, weight: number, via: ExpansionVia): void {
    const old = this.terms.get(zh);
    const rounded = Math.round(weight * 100) / 100;
    if (!old || rounded > old.weight) this.terms.set(zh, { zh, weight: rounded, via });
  }

  addStored(candidates: StoredCandidate[] | undefined, factor: number): void {
    for (const [zh, weight, via] of candidates ?? []) this.add(zh, weight * factor, VIA[via]);
  }

  isEmpty(): boolean {
    return this.terms.size === 0;
  }

  /** Best first; terms far weaker than the best are dropped, as in the stored table. */
  list(): ExpansionTerm[] {
    const ranked = [...this.terms.values()].sort(
      (a, b) => b.weight - a.weight || (a.zh < b.zh ? -1 : 1),
    );
    const floor = (ranked[0]?.weight ?? 0) * QUERY_FLOOR;
    return ranked.filter((t) => t.weight >= floor).slice(0, MAX_GROUP_TERMS);
  }
}

type SpanKind = 'phrase' | 'pinyin' | 'absent';

interface Span {
  from: number;
  /** Exclusive token index. */
  to: number;
  kind: SpanKind;
  key: string;
  factor: number;
}

const KIND_ORDER: Record<SpanKind, number> = { phrase: 0, pinyin: 1, absent: 2 };

/** Tokens i..j-1 written one after another: only spaces or hyphens between them, or the dot of an initial ("Graham T. Allison"). */
function adjacent(text: string, tokens: EnglishToken[], from: number, to: number): boolean {
  for (let k = from + 1; k < to; k++) {
    const previous = tokens[k - 1]!;
    const gap = text.slice(previous.end, tokens[k]!.start);
    const initial = previous.surface.length === 1 && /^\.\s+$/.test(gap);
    if (!initial && !/^[\s-]*$/.test(gap)) return false;
  }
  return true;
}

function phraseSpans(text: string, tokens: EnglishToken[], table: CrossLingualTable): Span[] {
  const spans: Span[] = [];
  const absent = absentSet(table);
  for (let i = 0; i < tokens.length; i++) {
    for (let j = Math.min(tokens.length, i + table.maxPhraseWords); j >= i + 2; j--) {
      if (tokens[i]!.stop || tokens[j - 1]!.stop || !adjacent(text, tokens, i, j)) continue;
      const words = tokens.slice(i, j).map((t) => t.lower);
      const last = words[words.length - 1]!;
      const lastForms = wordForms(last).filter((f) => f.factor >= 0.95);
      // "market cap": a clipping the dictionary files under its whole word.
      const clipped = Object.hasOwn(PHRASE_CLIPPINGS, last)
        ? PHRASE_CLIPPINGS[last]
        : Object.hasOwn(CLIPPINGS, last)
          ? CLIPPINGS[last]
          : undefined;
      if (clipped) lastForms.push({ form: clipped, factor: 0.9 });
      for (const { form, factor } of lastForms) {
        const key = phraseKey([...words.slice(0, -1), form]);
        if (lookup(table, key)) spans.push({ from: i, to: j, kind: 'phrase', key, factor });
        else if (absent.has(key)) spans.push({ from: i, to: j, kind: 'absent', key, factor });
        else continue;
        break;
      }
    }
  }
  return spans;
}

/** "Song Junxiao", "Junxiao Song", "Pan Zi Zheng": two or three words that together spell a Chinese word. */
function pinyinSpans(text: string, tokens: EnglishToken[], table: CrossLingualTable): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const n of [3, 2]) {
      const j = i + n;
      if (j > tokens.length || !adjacent(text, tokens, i, j)) continue;
      const words = tokens.slice(i, j).map((t) => t.lower);
      if (!words.every((w) => /^[a-zü]+$/.test(w))) continue;
      // Given name first (English order) puts the surname last.
      const orders: [string, number][] = [
        [words.join(''), 1],
        [words[words.length - 1] + words.slice(0, -1).join(''), 0.95],
      ];
      const hit = orders.find(([key]) => Object.hasOwn(table.pinyin, key));
      if (hit) spans.push({ from: i, to: j, kind: 'pinyin', key: hit[0], factor: hit[1] });
    }
  }
  return spans;
}

/** Longest spans first; at equal length a translation beats a spelling, which beats a known absence. */
function chooseSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort(
    (a, b) =>
      b.to - b.from - (a.to - a.from) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.from - b.from,
  );
  const taken: Span[] = [];
  for (const s of sorted) {
    if (taken.every((t) => s.to <= t.from || s.from >= t.to)) taken.push(s);
  }
  return taken.sort((a, b) => a.from - b.from);
}

function latinWeight(table: CrossLingualTable, word: string): number | undefined {
  return Object.hasOwn(table.latin, word) ? table.latin[word] : undefined;
}

function singleWordTerms(token: EnglishToken, table: CrossLingualTable): ExpansionTerm[] {
  const terms = new TermSet();
  const word = token.lower;
  const forms = wordForms(word);
  if (Object.hasOwn(CLIPPINGS, word)) forms.push({ form: CLIPPINGS[word]!, factor: 0.9 });
  if (Object.hasOwn(DEMONYMS, word)) forms.push({ form: DEMONYMS[word]!, factor: 0.8 });
  for (const { form, factor } of forms) terms.addStored(lookup(table, form), factor);
  if (Object.hasOwn(table.pinyin, word))
    for (const zh of table.pinyin[word]!) terms.add(zh, 0.9, 'pinyin');
  for (const { form, factor } of forms.filter((f) => f.factor >= 0.95)) {
    const w = latinWeight(table, form);
    if (w !== undefined) terms.add(form, w * factor, 'latin');
  }
  // "nvidea": a word nothing translates, one typo from a name the article uses.
  if (terms.isEmpty() && /^[a-z]+$/.test(word)) {
    const meant = misspellingOf(word, misspellableWords(table));
    if (meant !== undefined) {
      terms.addStored(lookup(table, meant), MISSPELLING_FACTOR);
      const w = latinWeight(table, meant);
      if (w !== undefined) terms.add(meant, w * MISSPELLING_FACTOR, 'latin');
    }
  }
  // "DeepSeek-V3.5": the parts the corpus knows, when the whole is new to it.
  if (latinWeight(table, word) === undefined && /[-/.]/.test(word)) {
    for (const part of word.split(/[-/.]/)) {
      const w = latinWeight(table, part);
      if (w !== undefined) terms.add(part, w * 0.8, 'latin');
    }
  }
  return terms.list();
}

function spanTerms(span: Span, tokens: EnglishToken[], table: CrossLingualTable): ExpansionTerm[] {
  const terms = new TermSet();
  if (span.kind === 'phrase') {
    terms.addStored(lookup(table, span.key), span.factor);
    // "Rest of World" is also written so in the article.
    const content = tokens.slice(span.from, span.to).filter((t) => !t.stop);
    // Several words together are a name even when each alone is everyday English.
    if (content.length > 1 && content.every((t) => latinWeight(table, t.lower) !== undefined)) {
      terms.add(span.key, 1, 'latin');
    }
  } else if (span.kind === 'pinyin') {
    for (const zh of table.pinyin[span.key] ?? []) terms.add(zh, span.factor, 'pinyin');
  }
  return terms.list();
}

/**
 * Tokens from..to-1 written as a name: capitalised words, which at the start of a
 * question count only when followed by another capitalised word ("Taylor Swift said …",
 * not "Besides costs …"). Acronyms are not names here: API and GDP are common nouns.
 */
function writtenAsName(tokens: EnglishToken[], from: number, to: number): boolean {
  const words = tokens.slice(from, to).filter((t) => !t.stop);
  if (words.length === 0) return false;
  const head = (t: EnglishToken) => t.surface.split('-')[0]!;
  const acronym = (t: EnglishToken) => head(t).length > 1 && head(t) === head(t).toUpperCase();
  // "US-based" describes; a hyphenated name capitalises every part.
  const capitalised = (t: EnglishToken) => t.surface.split('-').every((p) => /^\p{Lu}/u.test(p));
  if (!words.every((t) => capitalised(t) && !acronym(t))) return false;
  if (from > 0) return true;
  const next = tokens[to];
  return words.length > 1 || (next !== undefined && /^\p{Lu}/u.test(next.surface));
}

export function expandEnglishQuery(query: string, table: CrossLingualTable): EnglishExpansion {
  const text = prepareEnglish(query);
  const tokens = englishTokens(text);
  const spans = chooseSpans([
    ...phraseSpans(text, tokens, table),
    ...pinyinSpans(text, tokens, table),
  ]);
  const groups: ExpansionGroup[] = [];
  let next = 0;
  const label = (from: number, to: number): string =>
    text.slice(tokens[from]!.start, tokens[to - 1]!.start) + tokens[to - 1]!.surface;
  const singles = (until: number): void => {
    for (; next < until; next++) {
      const token = tokens[next]!;
      if (token.stop) continue;
      const terms = singleWordTerms(token, table);
      // A lone letter ("Graham T Allison", "plan B") says nothing unless the article uses it ("X").
      if (terms.length === 0 && token.lower.length === 1) continue;
      groups.push({ english: token.surface, terms, name: writtenAsName(tokens, next, next + 1) });
    }
  };
  for (const span of spans) {
    singles(span.from);
    groups.push({
      english: label(span.from, span.to),
      terms: spanTerms(span, tokens, table),
      name: writtenAsName(tokens, span.from, span.to),
    });
    next = span.to;
  }
  singles(tokens.length);
  return { groups };
}
