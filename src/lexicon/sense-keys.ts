/**
 * The English keys a CC-CEDICT sense offers for reverse lookup, each with how
 * strongly it names the headword:
 *
 *   "to train"                          → train 1.0 (the sense is the word)
 *   "United States; USA; US"            → united states .95, usa .9, us .9
 *   "NVIDIA, computer graphics card…"   → nvidia 1.0; the description weighs .5
 *   "research institute"                → research institute 1.0, research .5, institute .5
 *   "artificial intelligence (AI)"      → …, ai .9 (an abbreviation in brackets)
 *
 * A word inside a longer description names the headword less and less the
 * longer the description; past eight content words it is not a key at all.
 */
import { englishTokens, phraseKey, type EnglishToken } from './english-words.js';

export interface SenseKey {
  key: string;
  weight: number;
}

/** A sense that only points at another headword: what follows describes that one. */
const VARIANT =
  /^(?:(?:old|archaic|obscure|erhua|japanese|korean|taiwan|variant|unofficial)\s+)*variant\s+of\b/i;
/** Parts of a sense that point elsewhere ("abbr. for 北京大學, Peking University" keeps its second part). */
const REFERENCE =
  /^(?:see|see also|used in|surname|cl|classifier|abbr\.?|also written|also pr\.?|pr\.|interchangeable with|same as)\b/i;

/** Words a gloss uses to stand for an argument ("to tell sb sth"). */
const PLACEHOLDERS = new Set([
  'sb',
  'sth',
  "sb's",
  "sth's",
  "one's",
  'oneself',
  'etc',
  'e.g',
  'i.e',
]);

const HAN_REFERENCE = /[\p{Script=Han}|·]+(?:\[[^\]]*\])?/gu;
const BRACKETED_ABBREVIATION = /\(([A-Z][A-Z0-9&]{1,6})\)/g;

function stripParentheses(text: string): string {
  let out = text;
  for (let previous = ''; previous !== out;) {
    previous = out;
    out = out.replace(/\([^()]*\)/g, ' ');
  }
  // "to be currently ...-ing": the ellipsis stands for a verb, not a word to match.
  return out.replace(/[()]/g, ' ').replace(/(?:\.{3}|…)\S*/g, ' ');
}

function partTokens(part: string): EnglishToken[] {
  const tokens = englishTokens(part).filter((t) => !PLACEHOLDERS.has(t.lower));
  // "to train", "to be famous": the infinitive marker is grammar, not meaning.
  while (tokens.length > 1 && (tokens[0]!.lower === 'to' || tokens[0]!.lower === 'be'))
    tokens.shift();
  return tokens;
}

function wordWeight(contentWords: number): number {
  if (contentWords <= 2) return 0.5;
  if (contentWords <= 4) return 0.4;
  if (contentWords <= 8) return 0.25;
  return 0;
}

/** "can't help (doing sth)" is not about helping. */
const NEGATION = new Set([
  'not',
  "can't",
  'cannot',
  'no',
  'without',
  'never',
  "don't",
  "doesn't",
  'non',
]);

const MAX_PHRASE_WORDS = 7;
/** What a description after the name weighs, as a key of its own. */
const DESCRIPTION_WEIGHT = 0.5;

/**
 * A sense labelled with a field or a register ("capital (economics)", "(computing)",
 * "(literary)") is not what the word usually means: "capital" in a question is a city
 * far more often than 資本. Its keys weigh less, so such a translation never counts as
 * certain.
 */
const SPECIALISED =
  /\((?:economics|finance|computing|computer|chemistry|physics|math\.?|mathematics|medicine|TCM|Chinese medicine|law|linguistics|grammar|music|sports|military|botany|zoology|biology|biochemistry|geology|astronomy|anatomy|electronics|statistics|meteorology|geometry|agriculture|mining|golf|basketball|gaming|Buddhism|literary|archaic|arch\.|old|classical|dialect|slang)\)/i;
const SPECIALISED_FACTOR = 0.5;

export function senseKeys(sense: string): SenseKey[] {
  const keys = new Map<string, number>();
  const factor = SPECIALISED.test(sense) ? SPECIALISED_FACTOR : 1;
  const add = (key: string, weight: number): void => {
    const w = weight * factor;
    if (key.length > 0 && w > (keys.get(key) ?? 0)) keys.set(key, w);
  };
  if (VARIANT.test(sense.trim())) return [];
  const withoutHan = sense.replace(HAN_REFERENCE, ' ');
  for (const m of withoutHan.matchAll(BRACKETED_ABBREVIATION)) add(m[1]!.toLowerCase(), 0.9);

  // "United States; USA; US": synonyms. "Wall Street, New York": a name, then what it is.
  const synonyms = stripParentheses(withoutHan)
    .split(/;|\bi\.e\.\s*/)
    .map((syn) =>
      syn
        .split(/[,:]|\s+-\s+/)
        .map((p) => p.trim())
        .filter((p) => p.length > 0 && !REFERENCE.test(p) && !VARIANT.test(p)),
    )
    .filter((pieces) => pieces.length > 0);
  synonyms.forEach((pieces, s) => {
    const headWeight = synonyms.length === 1 ? 1 : s === 0 ? 0.95 : 0.9;
    pieces.forEach((piece, i) => addPiece(piece, i === 0 ? headWeight : DESCRIPTION_WEIGHT, i > 0));
  });

  function addPiece(piece: string, weight: number, description: boolean): void {
    const tokens = partTokens(piece);
    const words = tokens.map((t) => t.lower);
    const content = tokens
      .filter((t) => !t.stop && /\p{L}|\p{N}/u.test(t.lower))
      .map((t) => t.lower);
    if (content.length === 0) return;
    const key = phraseKey(words);
    if (words.length === 1) {
      add(key, weight);
      return;
    }
    if (key.split(' ').length <= MAX_PHRASE_WORDS) add(key, weight);
    if (words.some((w) => NEGATION.has(w))) return;
    // One content word among grammar words ("like this", "in the process of") is close to the sense.
    if (content.length === 1) {
      add(content[0]!, 0.5 * weight);
      return;
    }
    // A description ("Qian Xuesen, Chinese scientist and …") does not name the headword word by word.
    if (description && content.length > 2) return;
    const each = wordWeight(content.length) * (description ? DESCRIPTION_WEIGHT : 1);
    if (each > 0) for (const w of content) add(w, each);
  }
  return [...keys].map(([key, weight]) => ({ key, weight }));
}

/**
 * Multi-word proper names in a sense ("World Cup", "Wall Street Journal"). The
 * table remembers those whose Chinese the corpus lacks, so "World Cup" stays one
 * unit with no translation instead of turning into "world" + "cup".
 */
export function properNames(sense: string): string[] {
  if (VARIANT.test(sense.trim())) return [];
  const names: string[] = [];
  for (const part of stripParentheses(sense.replace(HAN_REFERENCE, ' ')).split(/[;,:]/)) {
    if (REFERENCE.test(part.trim())) continue;
    const tokens = englishTokens(part.trim());
    if (tokens.length < 2 || tokens.length > 4) continue;
    const content = tokens.filter((t) => !t.stop);
    if (content.length < 2) continue;
    if (!content.every((t) => /^[\p{Lu}\d]/u.test(t.surface))) continue;
    if (tokens[0]!.stop || tokens[tokens.length - 1]!.stop) continue;
    names.push(phraseKey(tokens.map((t) => t.lower)));
  }
  return names;
}
