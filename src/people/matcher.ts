/**
 * Matches what a user types against the registry's people: Traditional or
 * Simplified Chinese, English, pinyin (any order, spacing, case or tone marks),
 * part of a name, and small typos. Keys are computed once per registry.
 *
 * Strictness matters as much as recall: "Sam Altman" must not land on anyone.
 * Typos are allowed only in proportion to length (none below five letters), a
 * partial name must be a whole word or a prefix of at least three letters, and
 * every word of a multi-word query has to match the same person.
 */
import { distance } from 'fastest-levenshtein';
import { HAN_RUNS, hasHan } from '../text/han.js';
import { normalize } from '../text/normalize.js';
import { pinyinSpellings, pinyinSyllables } from '../text/pinyin.js';
import { CHINESE_STOP_CHARS, ENGLISH_STOPWORDS } from '../text/stopwords.js';
import { allowedTypos } from '../text/typos.js';
import {
  DOT_NAME,
  NAME_DOT,
  foldDots,
  hanLetters,
  isDotName,
  latinTokens,
  nameKey,
  splitChineseName,
} from './names.js';
import type { PeopleRegistry, PersonEntry } from './types.js';

/** Lowest score that counts as "this is the person". */
export const MATCH_THRESHOLD = 0.6;
const SUGGESTION_SIMILARITY = 0.5;
const MAX_SUGGESTIONS = 5;
const MAX_CHOICES = 25;
const MAX_CHOICE_LABEL = 100;

interface LatinKey {
  tokens: string[];
  compact: string;
  /** Computed pinyin counts slightly less than a curated spelling. */
  weight: number;
}

interface PersonKeys {
  person: PersonEntry;
  /** Han-only keys: name, Chinese aliases and forms, dots removed. */
  han: string[];
  /** First character of a Chinese-style canonical name. */
  surname: string | null;
  latin: LatinKey[];
  label: string;
}

export interface ScoredPerson {
  person: PersonEntry;
  score: number;
}

export interface PersonChoice {
  name: string;
  value: string;
}

function latinKey(tokens: string[], weight: number): LatinKey | null {
  const kept = tokens.filter((t) => t.length > 1);
  return kept.length === 0 ? null : { tokens: kept, compact: kept.join(''), weight };
}

/** Toneless pinyin of a name part, surname pronunciations first (单 shan). */
function spell(han: string): string {
  return pinyinSyllables(han, { surname: true }).join('');
}

/**
 * Pinyin spellings of a Chinese form: surname-first and given-first, or part by
 * part for dot names; a ü in all three English spellings (lü, lu, lv).
 */
function pinyinNameKeys(form: string): LatinKey[] {
  const key = nameKey(form);
  let orders: string[][];
  if (isDotName(key)) orders = [key.split(NAME_DOT).map(spell)];
  else {
    const split = splitChineseName(key);
    if (!split) return [];
    const surname = spell(split.surname);
    const given = spell(split.given);
    orders = [
      [surname, given],
      [given, surname],
    ];
  }
  // A part without a reading would leave a key that names only the rest.
  if (orders[0]!.some((part) => !part)) return [];
  return orders
    .flatMap((parts) => pinyinSpellings(parts.join(' ')))
    .map((spelling) => latinKey(spelling.split(' '), 0.95))
    .filter((k): k is LatinKey => k !== null);
}

function labelOf(p: PersonEntry): string {
  const english = p.aliases.find((a) => !hasHan(a));
  const label = english ? `${p.name} (${english})` : p.name;
  const chars = [...label];
  return chars.length <= MAX_CHOICE_LABEL
    ? label
    : chars.slice(0, MAX_CHOICE_LABEL - 1).join('') + '…';
}

function keysOf(person: PersonEntry): PersonKeys {
  const hanForms = [person.name, ...person.aliases, ...person.forms].filter(hasHan);
  const han = [...new Set(hanForms.map((f) => hanLetters(nameKey(f))))].filter(Boolean);
  const canonical = nameKey(person.name);
  const surname = !isDotName(canonical) ? (splitChineseName(canonical)?.surname ?? null) : null;
  const latin: LatinKey[] = [];
  for (const alias of person.aliases) {
    if (hasHan(alias)) continue;
    const k = latinKey(latinTokens(alias), 1);
    if (k) latin.push(k);
  }
  // Pinyin only of whole names: a short form's (梓正 → "Zi Zheng") would invent a surname.
  const forms = [...new Set(hanForms.map(nameKey))];
  for (const form of forms) {
    const whole = !forms.some((other) => other.length > form.length && other.includes(form));
    if (whole && hanLetters(form).length >= 2) latin.push(...pinyinNameKeys(form));
  }
  const seen = new Set<string>();
  const unique = latin.filter((k) => {
    const id = k.tokens.join(' ');
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return { person, han, surname, latin: unique, label: labelOf(person) };
}

/** Titles and grammar around a name in a Chinese query: 潘梓正是谁, 张教授, 马斯克先生. */
const HAN_TITLES =
  /先生|女士|小姐|教授|博士|老师|院长|部长|总裁|董事长|创始人|工程师|科学家|研究员|作者/g;

function isFiller(text: string): boolean {
  return [...text.replace(HAN_TITLES, '')].every((ch) => CHINESE_STOP_CHARS.has(ch));
}

function hanScore(q: ParsedQuery, keys: PersonKeys, all: PersonKeys[]): number {
  const han = q.han;
  let best = 0;
  for (const k of keys.han) {
    if (han === k) return 1;
    if (q.hanParts.length > 1) {
      // A transliterated name typed whole (大卫·萨克斯): every part must be this person's.
      if (q.hanParts.every((part) => k.includes(part))) best = Math.max(best, 0.85);
      continue;
    }
    if (k.length >= 2 && han.includes(k)) {
      // "潘梓正是谁" names him; "大卫萨克斯" only starts like 大卫.
      if (isFiller(han.replace(k, ''))) best = Math.max(best, 0.92);
      else if (k.length >= 3) best = Math.max(best, 0.62);
    } else if (han.length >= 2 && k.includes(han)) best = Math.max(best, 0.85);
  }
  if (
    han.length === 1 &&
    keys.surname === han &&
    all.filter((o) => o.surname === han).length === 1
  ) {
    best = Math.max(best, 0.7);
  }
  return best;
}

/**
 * How well query words match one spelling of a name; 0 when a word matches
 * nothing, unless two or more words match exactly and they are most of the
 * query ("Jensen Huang Nvidia"), which then scores lower.
 */
function tokenScore(query: string[], key: LatinKey): number {
  if (query.length === 0) return 0;
  const used = new Set<number>();
  let total = 0;
  let exact = 0;
  for (const q of query) {
    let best = 0;
    let at = -1;
    key.tokens.forEach((t, i) => {
      if (used.has(i)) return;
      let s = 0;
      if (q === t) s = 1;
      else if (distance(q, t) <= allowedTypos(Math.min(q.length, t.length))) s = 0.8;
      else if (q.length >= 3 && t.startsWith(q)) s = 0.75;
      if (s > best) {
        best = s;
        at = i;
      }
    });
    if (at < 0) continue;
    used.add(at);
    total += best;
    if (best === 1) exact++;
  }
  const coverage = 0.75 + (0.2 * used.size) / key.tokens.length;
  if (used.size === query.length) return (total / query.length) * coverage;
  if (exact >= 2 && exact * 2 > query.length) return (total / query.length) * coverage;
  return 0;
}

function latinScore(tokens: string[], keys: PersonKeys): number {
  if (tokens.length === 0) return 0;
  const compact = tokens.join('');
  let best = 0;
  for (const k of keys.latin) {
    let s = 0;
    if (compact === k.compact) s = 1;
    else {
      const d = distance(compact, k.compact);
      if (d <= allowedTypos(Math.min(compact.length, k.compact.length))) s = 0.9 - 0.1 * d;
    }
    s = Math.max(s, tokenScore(tokens, k));
    // Every word of a full name present in a longer query: "Nvidia CEO Jensen Huang".
    if (k.tokens.length >= 2 && k.tokens.every((t) => tokens.includes(t))) s = Math.max(s, 0.9);
    // "zizheng", "zi zheng": the query run together may be one word of the name.
    if (tokens.length > 1) s = Math.max(s, tokenScore([compact], k));
    best = Math.max(best, s * k.weight);
  }
  return best;
}

/** Homophones and pinyin-only spellings: a Chinese query compared by its pinyin, whole. */
function pinyinScore(han: string, keys: PersonKeys): number {
  if (han.length < 2) return 0;
  const compact = spell(han);
  let best = 0;
  for (const k of keys.latin) {
    if (compact === k.compact) best = Math.max(best, 0.8);
    else if (
      distance(compact, k.compact) <=
      allowedTypos(Math.min(compact.length, k.compact.length)) - 1
    ) {
      best = Math.max(best, 0.65);
    }
  }
  return best;
}

interface ParsedQuery {
  /** Han characters of the query, titles removed when a name is left. */
  han: string;
  /** Han runs between middle dots, when the query is a dotted name. */
  hanParts: string[];
  latin: string[];
}

/** Forms of address around a Latin name. */
const LATIN_TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'prof',
  'professor',
  'doctor',
  'sir',
]);

function parseQuery(query: string): ParsedQuery {
  const norm = foldDots(normalize(query));
  let han = hanLetters(norm);
  const bare = han.replace(HAN_TITLES, '');
  if (bare && bare !== han) han = bare;
  const hanParts = (norm.match(DOT_NAME)?.[0] ?? '').split(NAME_DOT).filter(Boolean);
  let latin = latinTokens(norm.replace(HAN_RUNS, ' ')).filter((t) => !LATIN_TITLES.has(t));
  // "Who is Jensen Huang?" – grammar words go, unless nothing else is left.
  const content = latin.filter((t) => !ENGLISH_STOPWORDS.has(t));
  if (content.length > 0) latin = content;
  return { han, hanParts, latin };
}

function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  return 1 - distance(a, b) / Math.max(a.length, b.length);
}

/** Length of the pieces `LatinCandidates` indexes names by. */
const GRAM = 3;

/**
 * The people whose Latin spellings a Latin-only query could match at all, so that `find`
 * scores those instead of everyone (tens of thousands at ten thousand articles, each
 * compared by edit distance). Every way `latinScore` gives a non-zero score pairs a query
 * string (the words, or them run together) with a name string (a spelling, or one of its
 * words) that is equal, starts with it (3 letters or more), or is within `allowedTypos`
 * edits of it, which needs 6 letters or more. Equal strings of 3 letters or more share
 * their 3-letter pieces; so does a prefix; and strings within those edits do too: cut the
 * shorter into one piece more than the edits allowed (each piece is then 3 letters or
 * more), and one piece survives untouched in the other. Shorter strings can only be equal.
 */
class LatinCandidates {
  /** Name string of 1–2 letters → people (by index into the matcher's keys). */
  private readonly short = new Map<string, number[]>();
  /** 3-letter piece → people whose name strings hold it. */
  private readonly grams = new Map<string, number[]>();

  constructor(keys: readonly PersonKeys[]) {
    keys.forEach((k, person) => {
      const pieces = new Set<string>();
      const shorts = new Set<string>();
      for (const l of k.latin) {
        for (const text of [l.compact, ...l.tokens]) {
          if (text.length < GRAM) shorts.add(text);
          for (let i = 0; i + GRAM <= text.length; i++) pieces.add(text.slice(i, i + GRAM));
        }
      }
      for (const text of shorts) push(this.short, text, person);
      for (const piece of pieces) push(this.grams, piece, person);
    });
  }

  /** Indexes of the people a query of these Latin words could match, ascending. */
  of(words: readonly string[]): number[] {
    const found = new Set<number>();
    for (const text of [words.join(''), ...words]) {
      for (const person of this.short.get(text) ?? []) found.add(person);
      for (let i = 0; i + GRAM <= text.length; i++)
        for (const person of this.grams.get(text.slice(i, i + GRAM)) ?? []) found.add(person);
    }
    return [...found].sort((a, b) => a - b);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class PeopleMatcher {
  private readonly keys: PersonKeys[];
  /** Made on the first Latin-only `find`. */
  private latinCandidates: LatinCandidates | null = null;

  constructor(readonly registry: PeopleRegistry) {
    // Most mentioned first, whatever order the stored registry has.
    this.keys = registry.people
      .map(keysOf)
      .sort((a, b) => b.person.mentionCount - a.person.mentionCount);
  }

  /** Every person scored against the query, best first; ties go to the more mentioned. */
  rank(query: string): ScoredPerson[] {
    const q = parseQuery(query);
    return this.keys
      .map((k) => ({ person: k.person, score: this.score(q, k) }))
      .sort((a, b) => b.score - a.score || b.person.mentionCount - a.person.mentionCount);
  }

  private score(q: ParsedQuery, k: PersonKeys): number {
    return Math.max(
      q.han ? hanScore(q, k, this.keys) : 0,
      q.han ? pinyinScore(q.han, k) : 0,
      latinScore(q.latin, k),
    );
  }

  /**
   * The person `query` names, as `lookup` would give, without ranking everyone or
   * looking for suggestions: what retrieval asks of every capitalised word it cannot
   * translate, where a miss is common and needs no alternatives.
   */
  find(query: string): PersonEntry | null {
    const q = parseQuery(query);
    // Without Han only the Latin score counts, and everyone else scores 0: below the
    // threshold, so leaving them out cannot change the answer.
    const keys = q.han
      ? this.keys
      : (this.latinCandidates ??= new LatinCandidates(this.keys))
          .of(q.latin)
          .map((i) => this.keys[i]!);
    let best: ScoredPerson | null = null;
    for (const k of keys) {
      const score = this.score(q, k);
      if (
        !best ||
        score > best.score ||
        (score === best.score && k.person.mentionCount > best.person.mentionCount)
      )
        best = { person: k.person, score };
    }
    return best && best.score >= MATCH_THRESHOLD ? best.person : null;
  }

  /** The person the query names, or null with names to try instead. */
  lookup(query: string): { person: PersonEntry | null; suggestions: string[] } {
    const ranked = this.rank(query);
    const best = ranked[0];
    if (best && best.score >= MATCH_THRESHOLD) {
      const near = ranked
        .slice(1)
        .filter((r) => r.score >= MATCH_THRESHOLD && best.score - r.score < 0.05);
      return { person: best.person, suggestions: near.map((r) => r.person.name) };
    }
    return { person: null, suggestions: this.closest(query) };
  }

  /** Canonical names of the `n` most mentioned people (e.g. to suggest when a question is out of scope). */
  topNames(n: number): string[] {
    return this.keys.slice(0, Math.max(0, n)).map((k) => k.person.name);
  }

  /** Names that look most like the query, or else the most mentioned people. */
  closest(query: string): string[] {
    const q = parseQuery(query);
    const qLatin = q.latin.join('');
    const qPinyin = q.han ? spell(q.han) : '';
    const scored = this.keys
      .map((k) => {
        let s = 0;
        for (const h of k.han) s = Math.max(s, similarity(q.han, h));
        for (const l of k.latin) {
          s = Math.max(s, similarity(qLatin, l.compact), similarity(qPinyin, l.compact));
          for (const t of l.tokens)
            for (const w of q.latin) s = Math.max(s, similarity(w, t) - 0.1);
        }
        return { name: k.person.name, score: s, mentions: k.person.mentionCount };
      })
      .filter((s) => s.score >= SUGGESTION_SIMILARITY)
      .sort((a, b) => b.score - a.score || b.mentions - a.mentions);
    return scored.length > 0
      ? scored.slice(0, MAX_SUGGESTIONS).map((s) => s.name)
      : this.topNames(MAX_SUGGESTIONS);
  }

  /** Autocomplete choices for a partly typed name; all people, most mentioned first, for "". */
  suggest(partial: string, limit: number = MAX_CHOICES): PersonChoice[] {
    const n = Math.max(0, Math.min(limit, MAX_CHOICES));
    const choice = (k: PersonKeys): PersonChoice => ({ name: k.label, value: k.person.name });
    const q = parseQuery(partial);
    if (!q.han && q.latin.length === 0) return this.keys.slice(0, n).map(choice);
    const compact = q.latin.join('');
    const last = q.latin.at(-1) ?? '';
    const qPinyin = q.han ? spell(q.han) : '';
    const matchScores = new Map(this.rank(partial).map((r) => [r.person, r.score]));
    return this.keys
      .map((k) => {
        let s = 0;
        if (q.han) {
          if (k.han.some((h) => h.startsWith(q.han))) s = 3;
          else if (k.han.some((h) => h.includes(q.han))) s = 2;
          else if (qPinyin && k.latin.some((l) => l.compact.startsWith(qPinyin))) s = 1.5;
        }
        if (compact) {
          if (k.latin.some((l) => l.compact.startsWith(compact))) s = Math.max(s, 3);
          else if (
            q.latin.length > 1 &&
            k.latin.some(
              (l) =>
                l.tokens.some((t) => t.startsWith(last)) && tokenScore(q.latin.slice(0, -1), l) > 0,
            )
          ) {
            s = Math.max(s, 2.5);
          } else if (k.latin.some((l) => l.tokens.some((t) => t.startsWith(last))))
            s = Math.max(s, 2.2);
          else if (compact.length >= 2 && k.latin.some((l) => l.compact.includes(compact)))
            s = Math.max(s, 2);
        }
        const m = matchScores.get(k.person) ?? 0;
        if (m >= MATCH_THRESHOLD) s = Math.max(s, 1 + m);
        return { k, s };
      })
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s || b.k.person.mentionCount - a.k.person.mentionCount)
      .slice(0, n)
      .map((x) => choice(x.k));
  }
}
