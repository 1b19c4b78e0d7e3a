/**
 * Reads a question in the light of the one before it. A pronoun the question cannot
 * resolve itself stands for what the previous question named; an elliptical question
 * keeps the previous question and swaps in what it names. The result is the question
 * as understood, which is what gets answered and shown ("understood as: …"), so a
 * wrong guess is visible. A question that stands on its own is left as written.
 */
import { hasHan } from '../text/han.js';
import { segmentWithOffsets } from '../text/jieba.js';
import { detectLanguage, type Lang } from '../text/language.js';
import { foldScript, normalize, normalizeAligned, toTraditional } from '../text/normalize.js';
import { chineseAskingTail, matchEllipsis } from './ellipsis.js';
import { findPronouns, type PronounSpan } from './pronouns.js';
import type { Mention, Referent, ReferentFinder } from './referents.js';

export type FollowUpKind = 'pronoun' | 'ellipsis';

export interface Resolution {
  question: string;
  /** The question to answer: `question` itself unless it is a follow-up. */
  understood: string;
  kind: FollowUpKind | null;
}

/**
 * `context` holds the previous questions, oldest first, as asked or as understood: each
 * is read against the one before it, so a chain of follow-ups keeps its subject.
 */
export function resolveFollowUp(
  question: string,
  context: readonly string[],
  finder: ReferentFinder,
): Resolution {
  return resolveAgainst(question, previousUnderstood(context, finder), finder);
}

/** The last of the previous questions as understood, each read against the one before. */
export function previousUnderstood(
  context: readonly string[],
  finder: ReferentFinder,
): string | null {
  let previous: string | null = null;
  for (const c of context) if (c.trim()) previous = resolveAgainst(c, previous, finder).understood;
  return previous;
}

/**
 * `question` read against `previous` (the previous question as understood). `focus` is
 * who answered the previous question, when it asked for someone: a pronoun for one
 * person means them ("他" after "潘梓正的導師是誰？" is the mentor).
 */
export function resolveAgainst(
  question: string,
  previous: string | null,
  finder: ReferentFinder,
  focus: Referent | null = null,
): Resolution {
  const standalone: Resolution = { question, understood: question, kind: null };
  if (previous === null) return standalone;
  const before = finder.find(previous);
  const ellipsis = matchEllipsis(question);
  if (ellipsis) {
    const understood = fillEllipsis(ellipsis.fragment, previous, before, finder);
    if (understood !== null) return { question, understood, kind: 'ellipsis' };
  }
  const own = finder.find(question);
  const lang = langOf(question, previous);
  const replaced = replacePronouns(question, own, before, lang, focus);
  if (replaced !== question) return { question, understood: replaced, kind: 'pronoun' };
  const continued = own.length === 0 ? continueSubject(question, before, lang) : null;
  return continued ? { question, understood: continued, kind: 'pronoun' } : standalone;
}

/**
 * "那讀博是哪幾年？": a question opened with 那 ("then") whose predicate comes straight
 * after it has dropped its subject, the previous question's (a zero pronoun). 那 before
 * a noun (那文章, 那家公司) is no such opening.
 */
const THEN_PREDICATE =
  /^\s*(?:那麼|那么|那)(?=[在從从於于是有去讀读念唸做當当跟和與与為为被把對对後后又還还也都就才曾到回拿获獲])/u;

function continueSubject(question: string, before: Mention[], lang: Lang): string | null {
  const m = THEN_PREDICATE.exec(question);
  if (!m) return null;
  const stands = antecedents(before, new Set());
  const focus = stands.person[0] ?? stands.thing[0];
  return focus ? focus.display[lang] + question.slice(m[0].length) : null;
}

/** The language to write a name in: the question's own, or the previous one's when its characters do not tell. */
function langOf(text: string, previous: string): Lang {
  const own = detectLanguage(text);
  if (own === 'en') return own;
  const neutral = foldScript(text) === text && toTraditional(text) === text;
  const prev = detectLanguage(previous);
  return neutral && prev !== 'en' ? prev : own;
}

function spanned(mentions: Mention[]): Mention[] {
  return mentions.filter((m) => m.start >= 0);
}

/**
 * What each kind of pronoun stands for in the previous question, if anything, leaving
 * out what the question names itself ("他跟潘梓正是什麼關係": 他 is someone else).
 */
function antecedents(
  before: Mention[],
  ownKeys: ReadonlySet<string>,
): Record<PronounSpan['kind'], Referent[]> {
  const unique = (ms: Mention[]) => [
    ...new Set(ms.map((m) => m.referent).filter((r) => !ownKeys.has(r.key))),
  ];
  const people = unique(before.filter((m) => m.referent.kind === 'person'));
  const things = unique(before.filter((m) => m.referent.kind === 'thing'));
  return {
    person: people.slice(0, 1),
    // 他們 / they: several people named, else an organisation (its team), else the one person.
    people: people.length >= 2 ? people : things.length > 0 ? things.slice(0, 1) : people,
    thing: things.slice(0, 1),
  };
}

function nameFor(referents: Referent[], lang: Lang): string {
  const names = referents.map((r) => r.display[lang]);
  return names.join(lang === 'en' ? ' and ' : '和');
}

function replacePronouns(
  question: string,
  own: Mention[],
  before: Mention[],
  lang: Lang,
  focus: Referent | null = null,
): string {
  const pronouns = findPronouns(question);
  if (pronouns.length === 0) return question;
  const ownKeys = new Set(own.map((m) => m.referent.key));
  const stands = antecedents(before, ownKeys);
  if (focus && !ownKeys.has(focus.key)) stands.person = [focus];
  let out = '';
  let cursor = 0;
  const done = new Set<PronounSpan['kind']>();
  for (const p of pronouns) {
    const kind = p.kind === 'thing' ? 'thing' : 'person';
    // Once the name is written in, later pronouns read naturally as referring to it.
    if (done.has(p.kind)) continue;
    // A pronoun after a name of its kind in the same question refers to that name
    // ("潘梓正說他…"); one before any points back to the previous question.
    const namedEarlier = own.some((m) => m.referent.kind === kind && m.start < p.start);
    const referents = stands[p.kind];
    if (namedEarlier || referents.length === 0 || antecedentWithin(question, p)) continue;
    const name = nameFor(referents, lang);
    const suffix = lang === 'en' ? (p.possessive ? "'s" : '') : p.beforeNoun ? '的' : '';
    out += question.slice(cursor, p.start) + name + suffix;
    cursor = p.end;
    done.add(p.kind);
  }
  return out + question.slice(cursor);
}

/**
 * The question gives the pronoun its own antecedent: a plural noun before "they" or
 * 他們 ("what share of researchers did their undergrad", "招中國實習生看中他們…"), or an
 * earlier clause before it ("which lab is given, and where is it based?").
 */
function antecedentWithin(question: string, p: PronounSpan): boolean {
  const before = question.slice(0, p.start);
  // An English clause of two words or more, then a boundary, then the pronoun's clause.
  if (/[\p{L}'’]+\s+[\p{L}'’]+[^,;?]*[,;?]\s*(?:(?:and|but|so)\s+)?\p{L}/u.test(before))
    return true;
  if (p.kind !== 'people') return false;
  if (/\b[a-z]{3,}(?<!ss|us|is|'s)s\b/iu.test(before)) return true;
  return segmentWithOffsets(normalizeAligned(before)).some(
    (w) => /^n(?![rstz])/.test(w.tag) && w.word.length >= 2,
  );
}

/**
 * "那R1呢" after "DeepSeek-V3的訓練成本是多少": the previous question with R1 in V3's
 * place. A fragment that names nothing new ("那他的博士呢") asks the previous question's
 * asking part of it. Null when there is no previous question to lean on.
 */
function fillEllipsis(
  fragment: string,
  previous: string,
  before: Mention[],
  finder: ReferentFinder,
): string | null {
  const prevLang = detectLanguage(previous);
  const named = spanned(finder.find(fragment));
  const target = named[0]?.referent ?? unknownName(fragment);
  if (target && named[0] && asksOwnThing(fragment, named[0], previous)) {
    // "那宋俊瀟讀博時的導師呢" after a question about 張湖月's post: the fragment asks
    // something of its own, which the previous question's wording would lose.
    return `${fragment.trim()}？`;
  }
  if (target) {
    const slots = spanned(before);
    const display = target.display[prevLang];
    const sameKind = slots.filter((m) => m.referent.kind === target.kind);
    const slot = bestSlot(sameKind, target);
    if (slot) return swapAll(previous, slots, slot.referent, display);
    // "他在哪讀的博士" then "那宋俊瀟呢": the pronoun that stood for the subject is the slot.
    const pronoun = findPronouns(previous).find(
      (p) => (p.kind === 'thing' ? 'thing' : 'person') === target.kind,
    );
    if (pronoun) return previous.slice(0, pronoun.start) + display + previous.slice(pronoun.end);
    // A name never takes the place of another kind of thing: "梁文鋒那個做多模態的研究員"
    // would read a person into DeepSeek's place. Without a slot, it is asked below.
  }
  const lang = langOf(fragment, previous);
  let topic = replacePronouns(fragment, named, before, lang);
  if (topic === fragment && named.length === 0) {
    // "那博士呢": a bare attribute belongs to the person the previous question was about.
    // After a question about a thing, a bare noun is more often a new topic of its own
    // ("那整個美股科技板塊呢" after DeepSeek) than something the thing has.
    const focus = antecedents(before, new Set()).person[0];
    if (focus)
      topic =
        lang === 'en'
          ? `${focus.display.en}'s ${fragment.replace(/^(?:the|his|her|its|their)\s+/iu, '')}`
          : `${focus.display[lang]}的${fragment}`;
  }
  if (lang !== 'en' && prevLang !== 'en') {
    const tail = chineseAskingTail(previous);
    return tail ? topic + tail : `${topic}？`;
  }
  if (lang === 'en' && prevLang === 'en') {
    const swapped = swapOwnedNoun(previous, fragment);
    if (swapped) return swapped;
  }
  return `What about ${topic}?`;
}

/**
 * Whether a Chinese fragment says more than its name, in words the previous question
 * does not have (讀博時的導師 in 那宋俊瀟讀博時的導師呢): then it is a question of its
 * own and is asked as written. "那R1的訓練成本呢" after a question about V3's training
 * cost repeats the previous words, so it swaps the name in as usual.
 */
function asksOwnThing(fragment: string, name: Mention, previous: string): boolean {
  if (!hasHan(fragment) || name.start < 0) return false;
  const rest = fragment.slice(0, name.start) + fragment.slice(name.end);
  const previousNormal = normalize(previous);
  return segmentWithOffsets(normalizeAligned(rest)).some(
    (w) => /^[nv]/.test(w.tag) && w.word.length >= 2 && !previousNormal.includes(w.word),
  );
}

/**
 * Which of the previous question's names the new one replaces: the one of its shape (a
 * model code such as R1 replaces V3, not the DeepSeek before it), else the first.
 */
function bestSlot(slots: Mention[], target: Referent): Mention | undefined {
  const latin = (r: Referent) => !hasHan(r.display.en) && !hasHan(r.display['zh-Hant']);
  const digits = (r: Referent) => /\d/.test(r.display.en);
  const score = (m: Mention) =>
    (latin(m.referent) === latin(target) ? 1 : 0) + (digits(m.referent) === digits(target) ? 1 : 0);
  let best: Mention | undefined;
  for (const m of slots) if (!best || score(m) > score(best)) best = m;
  return best;
}

/**
 * A fragment that is a name the corpus does not know ("那梁文鋒呢", "what about Liang
 * Wenfeng?") still takes the previous question's place, so that the answer can say the
 * article does not mention them, rather than reading the name as an attribute.
 */
function unknownName(fragment: string): Referent | null {
  const text = fragment.trim();
  let kind: Referent['kind'] | null = null;
  if (/^(?:\p{Lu}[\p{L}'-]*)(?:\s+\p{Lu}[\p{L}'-]*)+$/u.test(text)) kind = 'person';
  else if (/^[\p{Lu}\d][\p{L}\d.-]*$/u.test(text) && /[\p{Lu}\d]/u.test(text)) kind = 'thing';
  else if (hasHan(text) && findPronouns(text).length === 0) {
    const words = segmentWithOffsets(normalizeAligned(text));
    const tag = words.length === 1 ? words[0]!.tag : '';
    // jieba's unknown words (x) are mostly names; a short one is most often a person's.
    if (/^(?:nr|x$)/.test(tag) && text.length <= 4) kind = 'person';
    else if (/^(?:ns|nt|nz|x$)/.test(tag)) kind = 'thing';
  }
  if (!kind) return null;
  return { key: text, kind, display: { 'zh-Hant': text, 'zh-Hans': text, en: text } };
}

/** Words that end an English noun phrase: prepositions, conjunctions, auxiliaries. */
const PHRASE_END =
  /^(?:at|in|on|from|to|for|with|by|about|and|or|but|did|does|do|was|were|is|are|when|while|after|before|during)$/iu;

/**
 * "what about his PhD?" after "Where did Pan Zizheng get his master's degree?": the same
 * question of the same owner's other thing ("…get his PhD?"). Only when the fragment's
 * owner is the previous one (a pronoun, or none); null when the previous question owns
 * nothing.
 */
function swapOwnedNoun(previous: string, fragment: string): string | null {
  const owned = /^(?:(his|her|its|their|the)\s+)?([\p{L}\d'’-]+(?:\s+[\p{L}\d'’-]+){0,2})$/iu.exec(
    fragment.trim(),
  );
  // "Song's PhD" names another owner; "bachelor's" is just a noun.
  if (!owned?.[2] || /\p{Lu}[\p{L}-]*['’]s\b/u.test(owned[2])) return null;
  const owner = /\b(?:his|her|its|their|\p{Lu}[\p{L}-]*['’]s)\s+/u.exec(previous);
  if (!owner) return null;
  const from = owner.index + owner[0].length;
  const words = previous.slice(from).split(/(?=\s)|(?=[?,.!;])/u);
  let end = from;
  for (const w of words.slice(0, 3)) {
    const word = w.trim();
    if (!word || /^[?,.!;]/u.test(word) || PHRASE_END.test(word)) break;
    end += w.length;
  }
  if (end === from) return null;
  return previous.slice(0, from) + owned[2] + previous.slice(end);
}

/** The previous question with every mention of one referent written as something else. */
function swapAll(
  previous: string,
  mentions: Mention[],
  referent: Referent,
  display: string,
): string {
  let out = '';
  let cursor = 0;
  for (const m of mentions) {
    if (m.referent !== referent) continue;
    out += previous.slice(cursor, m.start) + display;
    cursor = m.end;
  }
  return out + previous.slice(cursor);
}
