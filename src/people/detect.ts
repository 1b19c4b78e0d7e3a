/**
 * Finds people the corpus names without being told. Candidates come from jieba
 * (person tags, and unknown words that start with a surname) on the Simplified
 * normal form, which keeps offsets; names jieba splits (张湖|月) are rebuilt by
 * merging adjacent short pieces. A candidate becomes a name only with evidence
 * that it is a person where it occurs: a speech verb after it (禹之鼎说), a title
 * before it (教授张湖月), an English name in brackets after it, or a middle dot
 * (丹尼尔·帕洛马尔). Tags alone are not enough: jieba tags 肯尼迪 (政府学院),
 * 保尔森 (基金会) and 才华 as person names.
 */
import type { Corpus, CorpusDocument, Paragraph } from '../corpus/types.js';
import { segmentWithOffsets, type Segment } from '../text/jieba.js';
import { normalizeAligned } from '../text/normalize.js';
import { CHINESE_STOP_CHARS } from '../text/stopwords.js';
import type { NameLexicon } from './lexicon.js';
import { NAME_DOT, foldDots, isDotName, isHanOnly } from './names.js';
import { FormFinder } from './occurrences.js';

export type Evidence = 'speech' | 'title' | 'english' | 'dot';

export interface DetectedName {
  /** Normal form (Simplified, one middle dot). */
  key: string;
  /** As the article writes it at its first occurrence. */
  name: string;
  evidence: Evidence[];
  /** English names given in brackets right after the name, as written. */
  englishNames: string[];
  first: { doc: string; paragraph: number };
}

interface Span {
  start: number;
  end: number;
  dot: boolean;
}

/** Verbs of saying and thinking that follow a speaker's name. */
const SPEECH_AFTER =
  /^(?:说道|说|写道|表示|看来|回忆|指出|认为|称|透露|强调|坦言|介绍|评价|告诉|问道|答道|补充|感叹|直言|发问|引述)/;
/**
 * Titles and phrases that introduce a name; "(英伟达ceo)黄仁勋" puts a bracket between.
 * Tested on a short window that ends where the blanks before the name begin: an
 * end-anchored pattern run over the whole text before each name would try every
 * position of it, which made detection quadratic in paragraph length.
 */
const TITLE_BEFORE =
  /(?:科学家|学者|教授|研究员|研究者|工程师|导师|部长|院长|校长|元勋|贡献者|记者|作者|编辑|主席|总裁|董事长|创始人|总统|总理|首相|议员|博士|ceo|cto|cfo|名为|名叫|叫做)[)）]?$/;
/** Longer than the longest title and its bracket. */
const TITLE_WINDOW = 8;
/** Longer than the longest speech verb or title after a name. */
const AFTER_WINDOW = 8;
/** Room for a bracketed English name of up to four words. */
const ENGLISH_WINDOW = 120;

function titleBefore(norm: string, start: number): boolean {
  let end = start;
  while (end > 0 && /\s/.test(norm.charAt(end - 1))) end--;
  return TITLE_BEFORE.test(norm.slice(Math.max(0, end - TITLE_WINDOW), end));
}
const TITLE_AFTER = /^(?:先生|女士|教授|博士|院士)/;
/** "格雷厄姆·艾利森(Graham Allison)": read on the original text, where case survives. */
const ENGLISH_AFTER = /^\s*[(（]\s*([A-Z][A-Za-z'’.-]*(?:\s+[A-Z][A-Za-z'’.-]*){1,3})\s*[)）]/;

/** Tags of pieces that may continue a name jieba has split. */
const NAME_TAG = /^nr/;
const PIECE_TAG = /^(?:x|nr|nrt|nrfg|ng)$/;
const SINGLE_PIECE_TAG = /^(?:m|n|ng|a|j|zg)$/;
const MAX_HAN_NAME = 4;
const MAX_DOT_NAME = 16;

function startsName(t: Segment, next: Segment | undefined, lexicon: NameLexicon): boolean {
  if (!isHanOnly(t.word)) return false;
  if (NAME_TAG.test(t.tag)) return t.word.length >= 2 || (next !== undefined && next.tag === 'x');
  if (t.tag === 'x' && t.word.length <= MAX_HAN_NAME) return lexicon.isSurname(t.word.charAt(0));
  return false;
}

function continuesName(t: Segment): boolean {
  if (!isHanOnly(t.word) || t.word.length > 2) return false;
  if (t.word.length === 1 && CHINESE_STOP_CHARS.has(t.word)) return false;
  return PIECE_TAG.test(t.tag) || (t.word.length === 1 && SINGLE_PIECE_TAG.test(t.tag));
}

/** Candidate spans of one paragraph: name tokens, their merges with following pieces, dot names. */
function candidateSpans(tokens: Segment[], lexicon: NameLexicon): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.word === NAME_DOT) {
      const left = tokens[i - 1];
      let j = i;
      while (tokens[j]?.word === NAME_DOT && tokens[j + 1] && isHanOnly(tokens[j + 1]!.word))
        j += 2;
      const right = tokens[j - 1];
      if (left && isHanOnly(left.word) && j > i && right) {
        spans.push({ start: left.start, end: right.end, dot: true });
      }
      continue;
    }
    if (!startsName(t, tokens[i + 1], lexicon)) continue;
    if (t.word.length >= 2) spans.push({ start: t.start, end: t.end, dot: false });
    let end = t.end;
    for (let j = i + 1; j < tokens.length; j++) {
      const u = tokens[j]!;
      if (!continuesName(u) || u.end - t.start > MAX_HAN_NAME) break;
      end = u.end;
      spans.push({ start: t.start, end, dot: false });
    }
  }
  return spans;
}

function evidenceAt(
  norm: string,
  original: string,
  span: Span,
): { evidence: Evidence[]; english?: string } {
  const evidence: Evidence[] = [];
  if (span.dot) evidence.push('dot');
  // Windows, not the rest of the paragraph: every pattern here reads a few characters
  // next to the name, and handing each one the whole text made the cost grow with
  // the square of the paragraph.
  const after = norm.slice(span.end, span.end + AFTER_WINDOW);
  if (SPEECH_AFTER.test(after)) evidence.push('speech');
  if (titleBefore(norm, span.start) || TITLE_AFTER.test(after)) evidence.push('title');
  const english = ENGLISH_AFTER.exec(original.slice(span.end, span.end + ENGLISH_WINDOW));
  if (english) evidence.push('english');
  return english ? { evidence, english: english[1]! } : { evidence };
}

function plausibleForm(key: string): boolean {
  if (isDotName(key)) return key.length <= MAX_DOT_NAME;
  return isHanOnly(key) && key.length >= 2 && key.length <= MAX_HAN_NAME;
}

interface Found {
  key: string;
  name: string;
  evidence: Set<Evidence>;
  englishNames: Set<string>;
  first: { doc: string; paragraph: number };
}

/** Normal form of a paragraph, aligned with the original character for character. */
export function alignedNormal(p: Paragraph): string {
  return foldDots(normalizeAligned(p.text));
}

/**
 * What one article says about names on its own: each candidate once, in the order
 * first met, with its evidence in that article, as parallel columns. The index build
 * caches it per article, and a reindex reads every article's back: columns of
 * strings read back several times faster than an object per candidate, of which
 * there are about a hundred per article.
 */
export interface DocumentNames {
  /** Normal form (see `DetectedName`). */
  keys: string[];
  /** As the article writes it at its first occurrence. */
  names: string[];
  /** Its kinds of evidence in this article, joined by ","; "" for none. */
  evidence: string[];
  /** The English names given right after it, joined by U+0000; "" for none. */
  english: string[];
  /** The ¶ of its first occurrence. */
  paragraphs: number[];
}

export function namesInDocument(doc: CorpusDocument, lexicon: NameLexicon): DocumentNames {
  const found = new Map<string, Found>();
  for (const p of doc.paragraphs) {
    const norm = alignedNormal(p);
    for (const span of candidateSpans(segmentWithOffsets(norm), lexicon)) {
      const key = norm.slice(span.start, span.end);
      if (!plausibleForm(key)) continue;
      const { evidence, english } = evidenceAt(norm, p.text, span);
      let f = found.get(key);
      if (!f) {
        f = {
          key,
          name: p.text.slice(span.start, span.end),
          evidence: new Set(),
          englishNames: new Set(),
          first: { doc: p.doc, paragraph: p.n },
        };
        found.set(key, f);
      }
      for (const e of evidence) f.evidence.add(e);
      if (english) f.englishNames.add(english);
    }
  }
  const all = [...found.values()];
  return {
    keys: all.map((f) => f.key),
    names: all.map((f) => f.name),
    evidence: all.map((f) => [...f.evidence].join(',')),
    english: all.map((f) => [...f.englishNames].join('\u0000')),
    paragraphs: all.map((f) => f.first.paragraph),
  };
}

/** Where an article's names come from: worked out, or a cache's copy of that. */
export type NamesOf = (doc: CorpusDocument, compute: () => DocumentNames) => DocumentNames;

/**
 * Which of `keys` occur in an article outside every longer key: worked out, or a
 * cache's copy of what was worked out for the same keys. The keys are the whole
 * corpus's, so a new name anywhere changes them and every article is looked at again.
 */
export type StandaloneOf = (
  doc: CorpusDocument,
  keys: readonly string[],
  compute: () => string[],
) => string[];

export interface DetectOptions {
  namesOf?: NamesOf;
  standaloneOf?: StandaloneOf;
}

export function detectNames(
  corpus: Corpus,
  lexicon: NameLexicon,
  options: DetectOptions = {},
): DetectedName[] {
  const namesOf = options.namesOf ?? ((_doc, compute) => compute());
  const standaloneOf = options.standaloneOf ?? ((_doc, _keys, compute) => compute());
  // Merged in article order, the first occurrence keeps its spelling and place and
  // English names keep the order they were met in, as one pass over the corpus had.
  const found = new Map<string, Found>();
  for (const doc of corpus.documents) {
    const part = namesOf(doc, () => namesInDocument(doc, lexicon));
    part.keys.forEach((key, i) => {
      const evidence = part.evidence[i]!;
      const english = part.english[i]!;
      let held = found.get(key);
      if (!held) {
        held = {
          key,
          name: part.names[i]!,
          evidence: new Set(),
          englishNames: new Set(),
          first: { doc: doc.meta.id, paragraph: part.paragraphs[i]! },
        };
        found.set(key, held);
      }
      if (evidence !== '') for (const e of evidence.split(',')) held.evidence.add(e as Evidence);
      if (english !== '') for (const e of english.split('\u0000')) held.englishNames.add(e);
    });
  }
  const accepted = [...found.values()].filter(
    (f) => f.evidence.size > 0 && (isDotName(f.key) || !lexicon.isCommonWord(f.key)),
  );
  // A piece whose every occurrence sits inside a longer accepted name (潘梓 in 潘梓正,
  // 丹尼尔 in 丹尼尔·帕洛马尔) is a fragment, not a name in its own right.
  const keys = accepted.map((f) => f.key);
  let finder: StandaloneFinder | undefined;
  const standalone = new Set<string>();
  for (const doc of corpus.documents) {
    const inDoc = standaloneOf(doc, keys, () => {
      finder ??= new StandaloneFinder(keys);
      return finder.standalone(doc.paragraphs.map(alignedNormal));
    });
    for (const key of inDoc) standalone.add(key);
  }
  return accepted
    .filter((f) => standalone.has(f.key))
    .map((f) => ({
      key: f.key,
      name: f.name,
      evidence: [...f.evidence].sort(),
      englishNames: [...f.englishNames],
      first: f.first,
    }));
}

/** Finds the keys that occur at least once outside every occurrence of a longer key. */
class StandaloneFinder {
  private readonly finder: FormFinder;
  private readonly longest: number;

  constructor(keys: readonly string[]) {
    this.finder = new FormFinder(keys);
    this.longest = Math.max(0, ...keys.map((k) => k.length));
  }

  /** The keys standing alone somewhere in `texts`, in the order first met. */
  standalone(texts: readonly string[]): string[] {
    const { finder, longest } = this;
    const standalone = new Set<string>();
    for (const text of texts) {
      const occurrences = finder.find(text);
      // The furthest end of an occurrence starting at each position.
      const reach = new Map<number, number>();
      for (const o of occurrences) reach.set(o.start, Math.max(reach.get(o.start) ?? 0, o.end));
      for (const o of occurrences) {
        if (standalone.has(o.form)) continue;
        let covered = false;
        // An occurrence that spans this one and is longer starts at most `longest` before it.
        for (let s = Math.max(0, o.end - longest); s <= o.start && !covered; s++) {
          const end = reach.get(s);
          covered = end !== undefined && end >= o.end && (s < o.start || end > o.end);
        }
        if (!covered) standalone.add(o.form);
      }
    }
    return [...standalone];
  }
}
