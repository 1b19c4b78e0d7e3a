/**
 * people.json as a build stores it. A mention is a sentence of some passage, so the
 * file keeps where that sentence sits in the passage instead of a copy of it: copies
 * were three quarters of the file (370 MB of people.json at ten thousand articles),
 * of the time spent writing it on every reindex, and of the strings a loaded index
 * held. Restored, a mention's text is a slice of its passage's text, which V8 keeps
 * as a view of the passage's string rather than a new one.
 *
 * A stored mention is a tuple:
 *   [passage, from, paragraph, start, end, names, kind?]
 * - `passage` is a passage of the mention's article that covers its paragraph; its
 *   article and section are the mention's.
 * - `from` is where the sentence begins in the passage's text. The build writes the
 *   sentence itself there instead when no passage holds it whole.
 * - `kind` is written only when the block's kind differs from the passage's (a caption
 *   merged into a paragraph passage).
 */
import type { Passage } from '../corpus/types.js';
import type { PeopleRegistry } from '../people/registry.js';
import type { PersonEntry, PersonMentionEntry } from '../people/types.js';

export const PEOPLE_FILE_VERSION = 2;

type MentionKind = PersonMentionEntry['kind'];

export type StoredMention =
  | [
      passage: number,
      from: number | string,
      paragraph: number,
      start: number,
      end: number,
      names: string[],
    ]
  | [
      passage: number,
      from: number | string,
      paragraph: number,
      start: number,
      end: number,
      names: string[],
      kind: MentionKind,
    ];

export type StoredPerson = Omit<PersonEntry, 'mentions'> & { mentions: StoredMention[] };

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
  const storeMention = (m: PersonMentionEntry): StoredMention => {
    const ids = blocks.get(m.doc)?.get(m.paragraph);
    if (!ids) throw new Error(`No passage covers ${m.doc} ¶${m.paragraph}, which names someone`);
    let passage = ids[0]!;
    let from: number | string = m.text;
    for (const id of ids) {
      const at = offsetIn(passages[id]!, m);
      if (at !== undefined) {
        passage = id;
        from = at;
        break;
      }
    }
    const head: StoredMention = [passage, from, m.paragraph, m.start, m.end, m.names];
    return m.kind === passages[passage]!.kind ? head : [...head, m.kind];
  };
  return {
    version: PEOPLE_FILE_VERSION,
    people: registry.people.map((p) => ({ ...p, mentions: p.mentions.map(storeMention) })),
  };
}

/** A stored mention as the answers use it; throws StoredMentionError when it does not fit `passages`. */
export function restoreMention(
  stored: StoredMention,
  passages: readonly Passage[],
): PersonMentionEntry {
  const [id, from, paragraph, start, end, names] = stored;
  const p = passages[id];
  if (!p) throw new StoredMentionError(`names passage ${id}, which the build does not have`);
  if (!p.paragraphs.includes(paragraph))
    throw new StoredMentionError(`puts ¶${paragraph} in passage ${id}, which does not cover it`);
  let text: string;
  if (typeof from === 'string') {
    text = from;
  } else {
    if (from + end - start > p.text.length || end < start)
      throw new StoredMentionError(`runs past the end of passage ${id}`);
    text = p.text.slice(from, from + end - start);
  }
  const kind = stored[6] ?? p.kind;
  if (kind === 'masthead') throw new StoredMentionError(`is in passage ${id}, a masthead`);
  return { doc: p.doc, paragraph, section: p.section, kind, text, start, end, names };
}
