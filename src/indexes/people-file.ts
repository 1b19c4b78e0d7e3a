/**
 * people.json as a build stores it. A mention is a sentence of some passage, so the
 * file keeps where that sentence sits in the passage instead of a copy of it: copies
 * were three quarters of the file (370 MB of people.json at ten thousand articles)
 * and of the time spent writing it on every reindex. Each person's mentions are one
 * flat array of whole numbers, six per mention:
 *
 *   passage, from, paragraph, start, end, names
 *
 * - `passage` is a passage of the mention's article that covers its paragraph; its
 *   article and section are the mention's.
 * - `from` is where the sentence begins in the passage's text; when no passage holds
 *   it whole, -1 - k says it is `texts[k]`.
 * - `names` indexes `names`, the distinct lists of forms the person's mentions hold.
 * - `captions` lists the mentions in a caption that was merged into a paragraph
 *   passage; every other mention's block is of its passage's kind.
 *
 * An array of numbers parses into one compact array, where a list of objects made
 * millions of them at ten thousand articles; the loader checks every number against
 * the passages at once and makes a person's mention objects only when someone asks
 * for that person (see `restoreMentions`).
 */
import type { Passage } from '../corpus/types.js';
import type { PeopleRegistry } from '../people/registry.js';
import { MENTION_FIELDS, mentionOf, mentionRefsOf, type MentionRefs } from '../people/mentions.js';
import type { PersonEntry, PersonMentionEntry } from '../people/types.js';

export const PEOPLE_FILE_VERSION = 3;
const FIELDS = 6;

export interface StoredMentions {
  mentions: number[];
  names: string[][];
  texts?: string[];
  captions?: number[];
}

export type StoredPerson = Omit<PersonEntry, 'mentions'> & StoredMentions;

export interface StoredPeople {
  version: typeof PEOPLE_FILE_VERSION;
  people: StoredPerson[];
}

/** A stored mention that does not fit the passages it names: the file is not this build's. */
export class StoredMentionError extends Error {}

/**
 * Where a mention sits among the build's passages, written into `out`: the passage,
 * where its sentence begins there (-1 when no passage holds it whole), and 1 when the
 * mention's block is a caption merged into a paragraph passage, else 0.
 */
export interface MentionPlacer {
  /** Mention `i` of `found` (a registry's numbers, see people/mentions.ts). */
  ref(found: MentionRefs, i: number, out: Int32Array): void;
  /** A mention held as an object. */
  mention(m: PersonMentionEntry, out: Int32Array): void;
}

/** The positions in `passages` of the passages that cover each block, by article and ¶ number. */
function passagesByBlock(passages: readonly Passage[]): Map<string, Map<number, number[]>> {
  const byDoc = new Map<string, Map<number, number[]>>();
  passages.forEach((p, at) => {
    let blocks = byDoc.get(p.doc);
    if (!blocks) byDoc.set(p.doc, (blocks = new Map<number, number[]>()));
    for (const n of p.paragraphs) {
      const ats = blocks.get(n);
      if (ats) ats.push(at);
      else blocks.set(n, [at]);
    }
  });
  return byDoc;
}

/** Where `m`'s sentence begins in passage `p`, if `p` holds it whole. */
function offsetIn(p: Passage, m: PersonMentionEntry): number | undefined {
  const k = p.paragraphs.indexOf(m.paragraph);
  if (k < 0) return undefined;
  // The passage's first block runs on from the passage's start in the source, so the
  // offset is arithmetic there; a later block merged in after a line break is searched.
  if (k === 0 && m.start >= p.start && m.end <= p.end) {
    const from = m.start - p.start;
    if (p.text.startsWith(m.text, from)) return from;
  }
  const from = p.text.indexOf(m.text, p.paragraphStarts[k]);
  const blockEnd = p.paragraphStarts[k + 1] ?? p.text.length;
  return from >= 0 && from + m.text.length <= blockEnd ? from : undefined;
}

/** Places mentions among `passages`, numbering each by its position in the list. */
export function passagePlacer(passages: readonly Passage[]): MentionPlacer {
  const blocks = passagesByBlock(passages);
  const mention = (m: PersonMentionEntry, out: Int32Array): void => {
    const ats = blocks.get(m.doc)?.get(m.paragraph);
    if (!ats) throw new Error(`No passage covers ${m.doc} ¶${m.paragraph}, which names someone`);
    let passage = ats[0]!;
    let from = -1;
    for (const at of ats) {
      const offset = offsetIn(passages[at]!, m);
      if (offset !== undefined) {
        passage = at;
        from = offset;
        break;
      }
    }
    let caption = 0;
    if (m.kind !== passages[passage]!.kind) {
      // Blocks merge into a paragraph passage unless both are captions (chunk.ts).
      if (m.kind !== 'caption') throw new Error(`A ${m.kind} block in a caption passage`);
      caption = 1;
    }
    out[0] = passage;
    out[1] = from;
    out[2] = caption;
  };
  return { mention, ref: (found, i, out) => mention(mentionOf(found, i), out) };
}

/** The registry as people.json stores it, with each mention placed by `placer`. */
export function storePeople(registry: PeopleRegistry, placer: MentionPlacer): StoredPeople {
  const out = new Int32Array(3);
  const storeMentions = (person: PersonEntry): StoredMentions => {
    const found = mentionRefsOf(person);
    const count = found ? found.at.length : person.mentions.length;
    const flat: number[] = [];
    const names: string[][] = [];
    const nameIds = new Map<string, number>();
    const texts: string[] = [];
    const captions: number[] = [];
    for (let i = 0; i < count; i++) {
      // From the numbers where the registry has them: a mention object copies its sentence.
      let paragraph: number, start: number, end: number, forms: string[];
      if (found) {
        const { numbers, forms: lists } = found.lists[i]!;
        const at = found.at[i]! * MENTION_FIELDS;
        placer.ref(found, i, out);
        paragraph = found.docs[i]!.paragraphs[numbers[at + 1]!]!.n;
        start = numbers[at + 2]!;
        end = numbers[at + 3]!;
        forms = lists[numbers[at + 4]!]!;
      } else {
        const m = person.mentions[i]!;
        placer.mention(m, out);
        ({ paragraph, start, end, names: forms } = m);
      }
      let from = out[1]!;
      if (from < 0) {
        const text = found ? mentionOf(found, i).text : person.mentions[i]!.text;
        from = -1 - (texts.push(text) - 1);
      }
      // Forms never hold U+0000; JSON.stringify per mention cost a second at 10,000 articles.
      const nameKey = forms.length === 1 ? forms[0]! : forms.join('\u0000');
      let nameId = nameIds.get(nameKey);
      if (nameId === undefined) {
        nameId = names.push(forms) - 1;
        nameIds.set(nameKey, nameId);
      }
      flat.push(out[0]!, from, paragraph, start, end, nameId);
      if (out[2] === 1) captions.push(i);
    }
    return {
      mentions: flat,
      names,
      ...(texts.length > 0 && { texts }),
      ...(captions.length > 0 && { captions }),
    };
  };
  return {
    version: PEOPLE_FILE_VERSION,
    people: registry.people.map((person) => {
      // Spelled out: copying the person with a spread would make every mention object,
      // which a built registry makes only when read (people/mentions.ts).
      const { name, aliases, role, roleQuoted, roleAt, source, subject, forms, mentionCount } =
        person;
      return {
        name,
        aliases,
        role,
        roleQuoted,
        roleAt,
        source,
        ...(subject !== undefined && { subject }),
        forms,
        mentionCount,
        ...storeMentions(person),
      };
    }),
  };
}

/**
 * Checks that every stored mention fits `passages`, without making any object: throws
 * StoredMentionError naming the first that does not.
 */
export function checkMentions(stored: StoredMentions, passages: readonly Passage[]): void {
  const { mentions: flat, names, texts = [], captions = [] } = stored;
  if (flat.length % FIELDS !== 0) throw new StoredMentionError('are cut short');
  for (let at = 0; at < flat.length; at += FIELDS) {
    const id = flat[at]!;
    const from = flat[at + 1]!;
    const paragraph = flat[at + 2]!;
    const start = flat[at + 3]!;
    const end = flat[at + 4]!;
    const p = passages[id];
    if (!p) throw new StoredMentionError(`name passage ${id}, which the build does not have`);
    if (p.kind === 'masthead') throw new StoredMentionError(`name passage ${id}, a masthead`);
    if (!p.paragraphs.includes(paragraph))
      throw new StoredMentionError(`put ¶${paragraph} in passage ${id}, which does not cover it`);
    if (end < start || (from >= 0 && from + end - start > p.text.length))
      throw new StoredMentionError(`run past the end of passage ${id}`);
    if (from < 0 && texts[-1 - from] === undefined)
      throw new StoredMentionError(`name a sentence the file does not hold`);
    if (names[flat[at + 5]!] === undefined)
      throw new StoredMentionError(`name a list of forms the file does not hold`);
  }
  for (const i of captions) {
    if (i >= flat.length / FIELDS) throw new StoredMentionError(`mark a caption past the end`);
  }
}

/** The mentions as the answers use them, from stored mentions `checkMentions` passed. */
export function restoreMentions(
  stored: StoredMentions,
  passages: readonly Passage[],
): PersonMentionEntry[] {
  const { mentions: flat, names, texts = [] } = stored;
  const captions = new Set(stored.captions ?? []);
  const out: PersonMentionEntry[] = [];
  for (let at = 0, i = 0; at < flat.length; at += FIELDS, i++) {
    const p = passages[flat[at]!]!;
    const from = flat[at + 1]!;
    const start = flat[at + 3]!;
    const end = flat[at + 4]!;
    out.push({
      doc: p.doc,
      paragraph: flat[at + 2]!,
      section: p.section,
      kind: captions.has(i) ? 'caption' : (p.kind as PersonMentionEntry['kind']),
      text: from >= 0 ? p.text.slice(from, from + end - start) : texts[-1 - from]!,
      start,
      end,
      names: names[flat[at + 5]!]!,
    });
  }
  return out;
}
