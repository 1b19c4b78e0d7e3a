/**
 * One copy of each repeated string in a loaded build. JSON.parse makes a new string for
 * every value, so the article id, section heading and name forms of each of a person's
 * mentions, and the sentence two people share, were each held once per occurrence: at
 * ten thousand articles the people registry took most of a gigabyte that way, and less
 * than half of that with each string kept once.
 */
import type { Passage } from '../corpus/types.js';
import type { PersonEntry } from '../people/types.js';

export class StringPool {
  private readonly strings = new Map<string, string>();

  /** The pool's copy of `s`, which becomes the copy when it is the first. */
  intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }
}

/** A person's repeated strings replaced, in place, by one shared copy each. */
export function internPerson(person: PersonEntry, pool: StringPool): void {
  // A mention's strings come from its passage and the person's lists of forms, which
  // the loader pools (people-file.ts).
  if (person.roleAt) person.roleAt.doc = pool.intern(person.roleAt.doc);
}

/** A passage's article id and section heading replaced, in place, by a shared copy. */
export function internPassage(p: Passage, pool: StringPool): void {
  p.doc = pool.intern(p.doc);
  if (p.section !== null) p.section = pool.intern(p.section);
}
