/** A registry entry → the PersonAnswer renderers show, with citations. */
import type { DocumentMeta } from '../corpus/types.js';
import type { Lang } from '../text/language.js';
import type { PersonEntry } from '../people/types.js';
import { citationFor } from './answerer.js';
import type { PersonAnswer } from './types.js';

export function toPersonAnswer(
  query: string,
  lang: Lang,
  found: { person: PersonEntry | null; suggestions: string[] },
  documents: DocumentMeta[],
): PersonAnswer {
  const docs = new Map(documents.map((d) => [d.id, d]));
  const p = found.person;
  return {
    query,
    lang,
    suggestions: found.suggestions,
    person: p && {
      name: p.name,
      aliases: p.aliases,
      role: p.role,
      roleQuoted: p.roleQuoted,
      mentionCount: p.mentionCount,
      mentions: p.mentions.map((m) => ({
        doc: m.doc,
        paragraphs: [m.paragraph],
        section: m.section,
        quote: m.text,
        citation: citationFor(docs.get(m.doc), m, [m.paragraph]),
      })),
    },
  };
}
