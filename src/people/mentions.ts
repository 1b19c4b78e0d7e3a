/**
 * Sentences that name a person.
 *
 * A mention is a sentence (as `splitSentences` cuts it) that contains one of the
 * person's Chinese forms: the canonical name, another script's spelling, or a
 * short form (艾利森, 梓正). Pronouns do not count; neither do English names, which
 * the article gives only in brackets next to a Chinese form already counted.
 *
 * Overlaps: the longest form wins its span, so a short form inside another
 * person's longer name is not a mention of its owner.
 *
 * A single character (宋 for 宋俊瀟) is ambiguous, so it counts only where jieba
 * reads it as a word of its own and the person's full name came earlier in the
 * same block: "宋俊瀟……的博士生導師……説,宋學習刻苦" yes, 宋朝 or 宋體 no.
 */
import type { Corpus } from '../corpus/types.js';
import { segmentWithOffsets } from '../text/jieba.js';
import { splitSentences } from '../text/sentences.js';
import { alignedNormal } from './detect.js';
import { indexAll } from './names.js';
import type { PersonMentionEntry } from './types.js';

interface Occurrence {
  person: number;
  start: number;
  end: number;
}

/** Words by where they start, to tell a surname standing alone (宋) from one inside a word (宋朝). */
function wordStarts(text: string): Map<number, string> {
  return new Map(segmentWithOffsets(text).map((s) => [s.start, s.word]));
}

function occurrencesIn(norm: string, forms: string[][]): Occurrence[] {
  const found: Occurrence[] = [];
  let words: Map<number, string> | undefined;
  forms.forEach((personForms, person) => {
    const long = personForms.filter((f) => f.length > 1);
    const firstFull = Math.min(...long.flatMap((f) => indexAll(norm, f)), Infinity);
    for (const form of personForms) {
      for (const start of indexAll(norm, form)) {
        if (form.length === 1) {
          if (start <= firstFull) continue;
          words ??= wordStarts(norm);
          if (words.get(start) !== form) continue;
        }
        found.push({ person, start, end: start + form.length });
      }
    }
  });
  // Longest first claims its span; a shorter form overlapping it is dropped.
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Occurrence[] = [];
  for (const o of found) {
    if (kept.some((k) => o.start < k.end && k.start < o.end)) continue;
    kept.push(o);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Mentions of each person, in reading order; `forms[i]` are person i's forms in
 * normal form (see `alignedNormal`).
 */
export function findMentions(corpus: Corpus, forms: string[][]): PersonMentionEntry[][] {
  const result: PersonMentionEntry[][] = forms.map(() => []);
  for (const doc of corpus.documents) {
    for (const p of doc.paragraphs) {
      const norm = alignedNormal(p);
      const occ = occurrencesIn(norm, forms);
      if (occ.length === 0) continue;
      const sentences = splitSentences(p.text);
      const byPerson = new Map<number, Map<number, Set<string>>>();
      for (const o of occ) {
        const s = sentences.findIndex((span) => span.start <= o.start && o.start < span.end);
        if (s < 0) continue;
        const perSentence = byPerson.get(o.person) ?? new Map<number, Set<string>>();
        byPerson.set(o.person, perSentence);
        const names = perSentence.get(s) ?? new Set<string>();
        perSentence.set(s, names);
        names.add(p.text.slice(o.start, o.end));
      }
      for (const [person, perSentence] of byPerson) {
        for (const [s, names] of [...perSentence].sort((a, b) => a[0] - b[0])) {
          const span = sentences[s]!;
          const lead = span.text.length - span.text.trimStart().length;
          const text = span.text.trim();
          result[person]!.push({
            doc: p.doc,
            paragraph: p.n,
            section: p.section,
            kind: p.kind,
            text,
            start: p.start + span.start + lead,
            end: p.start + span.start + lead + text.length,
            names: [...names],
          });
        }
      }
    }
  }
  return result;
}
