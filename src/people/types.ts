/** The people registry: who the corpus names, and where. Stored inside the index as JSON. */
import type { BlockKind } from '../corpus/types.js';

/** One entry of corpus/people.json. */
export interface CuratedPerson {
  /** Canonical name as the article writes it. */
  name: string;
  /** English names, pinyin in both orders, short forms, other scripts. */
  aliases: string[];
  /** A phrase quoted verbatim from the article. */
  role: string;
  /** The person the article is about: a bare "他" in a question means them. */
  subject?: boolean;
  /** Why the entry is there, for maintainers; never shown. */
  note?: string;
}

/** Where a person's entry came from. Curated entries win over the other two. */
export type PersonSource = 'curated' | 'metadata' | 'detected';

/** A sentence of the article that names the person. */
export interface PersonMentionEntry {
  doc: string;
  /** ¶ number of the block the sentence is in. */
  paragraph: number;
  section: string | null;
  kind: BlockKind;
  /** The sentence, verbatim from the article. */
  text: string;
  /** Character range [start, end) of `text` in the document's source file. */
  start: number;
  end: number;
  /** The forms of the name found in the sentence, as the article writes them. */
  names: string[];
}

/** Where a quoted role comes from. */
export interface RoleSource {
  doc: string;
  paragraph: number;
}

export interface PersonEntry {
  /** Canonical name as the article writes it. */
  name: string;
  aliases: string[];
  /** One line: an article phrase when `roleQuoted`, otherwise built from metadata. */
  role: string;
  roleQuoted: boolean;
  /** The block the quoted role was taken from; null for metadata roles. */
  roleAt: RoleSource | null;
  source: PersonSource;
  /** Marked in people.json as the person the article is about. */
  subject?: boolean;
  /**
   * Chinese forms counted as mentions, in normal form (Simplified, lowercase,
   * one middle dot). Single-character forms are surnames used alone; they count
   * only where they refer to this person (see mentions.ts).
   */
  forms: string[];
  /** Number of distinct sentences naming the person by one of `forms`: pronouns do not count. */
  mentionCount: number;
  /** In reading order. */
  mentions: PersonMentionEntry[];
}

export interface PeopleRegistry {
  version: 1;
  /** Most mentioned first; ties in order of first appearance. */
  people: PersonEntry[];
}
