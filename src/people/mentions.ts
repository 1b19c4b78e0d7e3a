/**
 * Sentences that name a person.
 *
 * A mention is a sentence (as `splitSentences` cuts it) that contains one of the
 * person's Chinese forms: the canonical name, another script's spelling, or a
 * short form (艾利森, 梓正). Pronouns do not count; neither do English names, which
 * the article gives only in brackets next to a Chinese form already counted.
 *
 * Overlaps: the longest form wins its span, so a short form inside another
 * person's longer name is not a mention of its owner.
 *
 * A single character (宋 for 宋俊瀟) is ambiguous, so it counts only where jieba
 * reads it as a word of its own and the person's full name came earlier in the
 * same block: "宋俊瀟……的博士生導師……説,宋學習刻苦" yes, 宋朝 or 宋體 no.
 */
import { createHash } from 'node:crypto';
import type { Corpus, CorpusDocument } from '../corpus/types.js';
import { segmentWithOffsets } from '../text/jieba.js';
import { splitSentences, type SentenceSpan } from '../text/sentences.js';
import { alignedNormal } from './detect.js';
import { FormFinder } from './occurrences.js';
import type { PersonEntry, PersonMentionEntry } from './types.js';

interface Occurrence {
  person: number;
  start: number;
  end: number;
}

/** Words by where they start, to tell a surname standing alone (宋) from one inside a word (宋朝). */
function wordStarts(text: string): Map<number, string> {
  return new Map(segmentWithOffsets(text).map((s) => [s.start, s.word]));
}

/** Persons by form, and one finder for all forms, built once per corpus. */
interface FormIndex {
  finder: FormFinder;
  owners: Map<string, number[]>;
}

function formIndex(forms: string[][]): FormIndex {
  const owners = new Map<string, number[]>();
  forms.forEach((personForms, person) => {
    for (const form of new Set(personForms))
      owners.set(form, [...(owners.get(form) ?? []), person]);
  });
  return { finder: new FormFinder(owners.keys()), owners };
}

function occurrencesIn(norm: string, index: FormIndex): Occurrence[] {
  const all: Occurrence[] = [];
  for (const o of index.finder.find(norm)) {
    for (const person of index.owners.get(o.form)!)
      all.push({ person, start: o.start, end: o.end });
  }
  // Where each person's full (multi-character) name first occurs in this block.
  const firstFull = new Map<number, number>();
  for (const o of all) {
    if (o.end - o.start > 1 && !firstFull.has(o.person)) firstFull.set(o.person, o.start);
  }
  let words: Map<number, string> | undefined;
  const found = all.filter((o) => {
    if (o.end - o.start > 1) return true;
    if (o.start <= (firstFull.get(o.person) ?? Infinity)) return false;
    words ??= wordStarts(norm);
    return words.get(o.start) === norm.slice(o.start, o.end);
  });
  // Longest first claims its span; a shorter form overlapping it is dropped.
  found.sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.person - b.person,
  );
  const claimed = new Uint8Array(norm.length);
  const kept: Occurrence[] = [];
  for (const o of found) {
    if (claimed.subarray(o.start, o.end).includes(1)) continue;
    claimed.fill(1, o.start, o.end);
    kept.push(o);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Index of the sentence holding each offset; offsets ascending, spans gapless and in order. */
function sentenceIndexes(spans: SentenceSpan[], offsets: number[]): number[] {
  let s = 0;
  return offsets.map((at) => {
    while (s < spans.length && spans[s]!.end <= at) s++;
    return s < spans.length && spans[s]!.start <= at ? s : -1;
  });
}

/**
 * One article's mentions, in reading order, as numbers: mention k is
 * `numbers[5k … 5k+4]`, the person's index, the paragraph's position in the article,
 * where the sentence starts and ends in the article, and the index in `forms` of the
 * names as written. The sentence itself and the paragraph's details are read from
 * the article when the mention is made (`mentionAt`), so the build cache keeps
 * numbers, not a second copy of every sentence naming someone; and whole numbers in
 * one array, where a list per mention made 400,000 objects to read back at a
 * thousand articles.
 */
export interface DocumentMentions {
  numbers: Int32Array;
  /** The distinct lists of names the mentions hold. */
  forms: string[][];
}

/** Whole numbers per mention in `DocumentMentions.numbers`. */
export const MENTION_FIELDS = 5;

/** How many mentions `mentions` holds. */
export const mentionCount = (mentions: DocumentMentions): number =>
  mentions.numbers.length / MENTION_FIELDS;

/**
 * Where an article's mentions come from: worked out, or a cache's copy of them.
 * `formsKey` identifies the whole list of forms, on which both the person numbers
 * and the overlaps (the longest form wins its span) depend.
 */
export type MentionsOf = (
  doc: CorpusDocument,
  formsKey: string,
  compute: () => DocumentMentions,
) => DocumentMentions;

function documentMentions(doc: CorpusDocument, index: FormIndex): DocumentMentions {
  const out: number[] = [];
  const forms: string[][] = [];
  const formIds = new Map<string, number>();
  for (const [at, p] of doc.paragraphs.entries()) {
    const norm = alignedNormal(p);
    const occ = occurrencesIn(norm, index);
    if (occ.length === 0) continue;
    const sentences = splitSentences(p.text);
    const byPerson = new Map<number, Map<number, Set<string>>>();
    const sentenceOf = sentenceIndexes(
      sentences,
      occ.map((o) => o.start),
    );
    for (const [k, o] of occ.entries()) {
      const s = sentenceOf[k]!;
      if (s < 0) continue;
      const perSentence = byPerson.get(o.person) ?? new Map<number, Set<string>>();
      byPerson.set(o.person, perSentence);
      const names = perSentence.get(s) ?? new Set<string>();
      perSentence.set(s, names);
      names.add(p.text.slice(o.start, o.end));
    }
    for (const [person, perSentence] of byPerson) {
      for (const [s, names] of [...perSentence].sort((a, b) => a[0] - b[0])) {
        const span = sentences[s]!;
        const lead = span.text.length - span.text.trimStart().length;
        const start = p.start + span.start + lead;
        const list = [...names];
        const key = list.join('\u0000');
        let id = formIds.get(key);
        if (id === undefined) formIds.set(key, (id = forms.push(list) - 1));
        out.push(person, at, start, start + span.text.trim().length, id);
      }
    }
  }
  return { numbers: Int32Array.from(out), forms };
}

/**
 * A person's mentions as the build holds them: each article and the numbers kept for
 * the mention (`DocumentMentions`), in reading order. The mention objects are made
 * only when something reads them (`mentionsFrom`): at ten thousand articles there
 * are millions, and people.json stores the numbers (indexes/people-file.ts).
 */
export interface MentionRefs {
  docs: CorpusDocument[];
  /** Each mention's article's mentions, and where in them it is. */
  lists: DocumentMentions[];
  at: number[];
}

/**
 * Mentions of each person, in reading order; `forms[i]` are person i's forms in
 * normal form (see `alignedNormal`). Articles are searched one by one, so that an
 * index build can keep each article's share while the list of forms stays the same.
 */
export function findMentions(
  corpus: Corpus,
  forms: string[][],
  mentionsOf: MentionsOf = (_doc, _key, compute) => compute(),
): MentionRefs[] {
  const result: MentionRefs[] = forms.map(() => ({ docs: [], lists: [], at: [] }));
  let index: FormIndex | undefined;
  const formsKey = createHash('sha256').update(JSON.stringify(forms)).digest('hex');
  for (const doc of corpus.documents) {
    const mine = mentionsOf(doc, formsKey, () =>
      documentMentions(doc, (index ??= formIndex(forms))),
    );
    const { numbers } = mine;
    for (let k = 0; k < numbers.length; k += MENTION_FIELDS) {
      const person = result[numbers[k]!];
      if (!person)
        throw new RangeError(`${doc.meta.file} mentions person ${numbers[k]}, of ${forms.length}`);
      person.docs.push(doc);
      person.lists.push(mine);
      person.at.push(k / MENTION_FIELDS);
    }
  }
  return result;
}

const refsOf = new WeakMap<PersonEntry, MentionRefs>();

/**
 * Give `person` mentions that `make` makes the first time they are read: a registry
 * holds millions at ten thousand articles, and only a look-up of that person reads them.
 */
export function withLazyMentions(
  person: Omit<PersonEntry, 'mentions'>,
  make: () => PersonMentionEntry[],
): PersonEntry {
  let made: PersonMentionEntry[] | undefined;
  Object.defineProperty(person, 'mentions', {
    enumerable: true,
    configurable: true,
    get: () => (made ??= make()),
  });
  return person as PersonEntry;
}

/**
 * Give `person` the mentions of `found`, made the first time they are read; until
 * then `mentionRefsOf` hands out the numbers, for writers that need no objects.
 */
export function attachMentions(
  person: Omit<PersonEntry, 'mentions'>,
  found: MentionRefs,
): PersonEntry {
  const entry = withLazyMentions(person, () => mentionsFrom(found));
  refsOf.set(entry, found);
  return entry;
}

/** The numbers behind a built person's mentions (`attachMentions`), if it has them. */
export function mentionRefsOf(person: PersonEntry): MentionRefs | undefined {
  return refsOf.get(person);
}

/** The mention objects of `found`, in reading order. */
export function mentionsFrom(found: MentionRefs): PersonMentionEntry[] {
  return found.at.map((k, i) => mentionAt(found.docs[i]!, found.lists[i]!, k));
}

/** The `i`th mention of `found`. */
export function mentionOf(found: MentionRefs, i: number): PersonMentionEntry {
  return mentionAt(found.docs[i]!, found.lists[i]!, found.at[i]!);
}

/** The object of mention `k` of `mentions`, which are `doc`'s. */
export function mentionAt(
  doc: CorpusDocument,
  { numbers, forms }: DocumentMentions,
  k: number,
): PersonMentionEntry {
  const base = k * MENTION_FIELDS;
  const at = numbers[base + 1]!;
  const start = numbers[base + 2]!;
  const end = numbers[base + 3]!;
  const names = forms[numbers[base + 4]!];
  if (!names) throw new RangeError(`${doc.meta.file} has no names list ${numbers[base + 4]}`);
  const p = doc.paragraphs[at];
  if (!p) throw new RangeError(`${doc.meta.file} has no paragraph ${at}`);
  return {
    doc: p.doc,
    paragraph: p.n,
    section: p.section,
    kind: p.kind,
    text: p.text.slice(start - p.start, end - p.start),
    start,
    end,
    names,
  };
}
