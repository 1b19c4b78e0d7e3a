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
import { mentionOf, mentionRefsOf } from '../people/mentions.js';
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

/** The passages that cover each block, by article and ¶ number. */
function passagesByBlock(passages: readonly Passage[]): Map<string, Map<number, number[]>> {
  const byDoc = new Map<string, Map<number, number[]>>();
  for (const p of passages) {
    let blocks = byDoc.get(p.doc);
    if (!blocks) byDoc.set(p.doc, (blocks = new Map<number, number[]>()));
    for (const n of p.paragraphs) {
      const ids = blocks.get(n);
      if (ids) ids.push(p.id);
      else blocks.set(n, [p.id]);
    }
  }
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

/** The registry as people.json stores it, with each mention pointing into `passages`. */
export function storePeople(registry: PeopleRegistry, passages: readonly Passage[]): StoredPeople {
  const blocks = passagesByBlock(passages);
  const storeMentions = (
    count: number,
    mentionAt: (i: number) => PersonMentionEntry,
  ): StoredMentions => {
    const flat: number[] = [];
    const names: string[][] = [];
    const nameIds = new Map<string, number>();
    const texts: string[] = [];
    const captions: number[] = [];
    for (let i = 0; i < count; i++) {
      const m = mentionAt(i);
      const ids = blocks.get(m.doc)?.get(m.paragraph);
      if (!ids) throw new Error(`No passage covers ${m.doc} ¶${m.paragraph}, which names someone`);
      let passage = ids[0]!;
      let from: number | undefined;
      for (const id of ids) {
        from = offsetIn(passages[id]!, m);
        if (from !== undefined) {
          passage = id;
          break;
        }
      }
      if (from === undefined) from = -1 - (texts.push(m.text) - 1);
      // Forms never hold U+0000; JSON.stringify per mention cost a second at 10,000 articles.
      const nameKey = m.names.length === 1 ? m.names[0]! : m.names.join('\u0000');
      let nameId = nameIds.get(nameKey);
      if (nameId === undefined) {
        nameId = names.push(m.names) - 1;
        nameIds.set(nameKey, nameId);
      }
      flat.push(passage, from, m.paragraph, m.start, m.end, nameId);
      if (m.kind !== passages[passage]!.kind) {
        // Blocks merge into a paragraph passage unless both are captions (chunk.ts).
        if (m.kind !== 'caption') throw new Error(`A ${m.kind} block in a caption passage`);
        captions.push(i);
      }
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
      const found = mentionRefsOf(person);
      const stored = found
        ? storeMentions(found.refs.length, (i) => mentionOf(found, i))
        : storeMentions(person.mentions.length, (i) => person.mentions[i]!);
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
        ...stored,
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
