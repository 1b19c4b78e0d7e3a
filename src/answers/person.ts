/** A registry entry → the PersonAnswer renderers show, with citations. */
import type { DocumentMeta } from '../corpus/types.js';
import type { Lang } from '../text/language.js';
import type { PersonEntry } from '../people/types.js';
import { citationFor } from './answerer.js';
import type { Citation, PersonAnswer } from './types.js';

/**
 * Where the quoted role is. The registry records the block but not its section; a mention
 * in the same block has it (the role is usually said where the person is named).
 */
function roleCitation(p: PersonEntry, docs: Map<string, DocumentMeta>): Citation | undefined {
  const at = p.roleAt;
  if (!p.roleQuoted || !at) return undefined;
  const section =
    p.mentions.find((m) => m.doc === at.doc && m.paragraph === at.paragraph)?.section ?? null;
  return citationFor(docs.get(at.doc), { doc: at.doc, section }, [at.paragraph]);
}

export function toPersonAnswer(
  query: string,
  lang: Lang,
  found: { person: PersonEntry | null; suggestions: string[] },
  documents: DocumentMeta[],
): PersonAnswer {
  const docs = new Map(documents.map((d) => [d.id, d]));
  const p = found.person;
  const roleSource = p ? roleCitation(p, docs) : undefined;
  return {
    query,
    lang,
    suggestions: found.suggestions,
    person: p && {
      name: p.name,
      aliases: p.aliases,
      role: p.role,
      roleQuoted: p.roleQuoted,
      ...(roleSource && { roleCitation: roleSource }),
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
