/**
 * The things a follow-up can point back to: the corpus's people (from the people
 * registry) and its other named things (organisations, products, places, works: the
 * names the index's English→Chinese table knows, and Latin-script names the articles
 * write capitalised). Nothing here names an article's entities by hand.
 */
import type { LoadedIndex } from '../indexes/load.js';
import { hasHan } from '../text/han.js';
import type { Lang } from '../text/language.js';
import { foldScript, normalize, normalizeAligned } from '../text/normalize.js';
import { escapeRegExp } from '../text/regexp.js';

export type ReferentKind = 'person' | 'thing';

export interface Referent {
  /** Stable identity: the canonical name, or the thing's normal form. */
  key: string;
  kind: ReferentKind;
  /** How to write it into a question of each language. */
  display: Record<Lang, string>;
}

/** Where a question names a referent; `start`/`end` index the question as written. */
export interface Mention {
  referent: Referent;
  start: number;
  end: number;
}

interface Form {
  referent: Referent;
  /** Normal form for Han names; the name itself for Latin ones. */
  text: string;
  latin: RegExp | null;
}

/** Index-added Latin words that name no thing (they let questions find captions and mastheads). */
const NOT_NAMES = /^(?:ai|app|apps|api|ceo|cto|it|pc|tv|vs|ok)$/i;

export class ReferentFinder {
  private readonly forms: Form[];

  constructor(forms: Form[]) {
    // Longest first, so "DeepSeek-R1" wins over "DeepSeek" and "R1" inside it.
    this.forms = [...forms].sort((a, b) => b.text.length - a.text.length);
  }

  static fromIndex(index: LoadedIndex): ReferentFinder {
    const forms: Form[] = [];
    const personForms = new Set<string>();
    for (const p of index.people.people) {
      const latinAlias = p.aliases.find((a) => !hasHan(a));
      const referent: Referent = {
        key: p.name,
        kind: 'person',
        display: { 'zh-Hant': p.name, 'zh-Hans': foldScript(p.name), en: latinAlias ?? p.name },
      };
      // A single character (宋) is a surname, too ambiguous to point back to anyone.
      for (const f of p.forms) {
        if (f.length < 2) continue;
        personForms.add(f);
        forms.push({ referent, text: f, latin: null });
      }
      for (const a of p.aliases.filter((x) => !hasHan(x) && x.length >= 3))
        forms.push({ referent, text: a, latin: wholeWord(a) });
    }
    const englishOf = new Map<string, string[]>();
    for (const [english, candidates] of Object.entries(index.crosslingual.english)) {
      for (const [zh, , via] of candidates) {
        if (via !== 'g' || english.length < 2) continue;
        englishOf.set(zh, [...(englishOf.get(zh) ?? []), english]);
      }
    }
    const texts = index.passages.map((p) => p.text);
    const aligned = texts.map(normalizeAligned);
    for (const name of index.crosslingual.names) {
      if (personForms.has(name) || name.length < 2) continue;
      const written = originalOf(name, texts, aligned) ?? name;
      const english = englishOf.get(name) ?? [];
      const referent: Referent = {
        key: name,
        kind: 'thing',
        display: {
          'zh-Hant': written,
          'zh-Hans': foldScript(written),
          en: english[0] ? titleCase(english[0]) : written,
        },
      };
      forms.push({ referent, text: name, latin: null });
      // The glossary's English names find it in English questions ("Nvidia", "Harvard").
      for (const e of english) forms.push({ referent, text: e, latin: wholeWord(e) });
    }
    for (const term of Object.keys(index.crosslingual.latin)) {
      if (!/\p{L}/u.test(term) || term.length < 2 || NOT_NAMES.test(term)) continue;
      const written = capitalisedIn(term, texts);
      // Names are capitalised where the articles write them; "wrote" or "caption" are not.
      if (!written || personForms.has(term)) continue;
      const referent: Referent = {
        key: term,
        kind: 'thing',
        display: { 'zh-Hant': written, 'zh-Hans': written, en: written },
      };
      forms.push({ referent, text: written, latin: wholeWord(written) });
    }
    return new ReferentFinder(forms);
  }

  /** What a text names, in reading order, longest names first where they overlap. */
  find(text: string): Mention[] {
    const aligned = normalizeAligned(text);
    const normal = normalize(text);
    const taken: Mention[] = [];
    const free = (s: number, e: number) => taken.every((m) => e <= m.start || s >= m.end);
    for (const f of this.forms) {
      if (f.latin) {
        for (const m of text.matchAll(f.latin)) {
          const s = m.index;
          if (free(s, s + m[0].length))
            taken.push({ referent: f.referent, start: s, end: s + m[0].length });
        }
        continue;
      }
      let at = aligned.indexOf(f.text);
      if (at < 0 && normal.includes(f.text) && !taken.some((m) => m.referent === f.referent)) {
        // Found only through phrase folding (輝達 → 英偉達): named, but with no span to swap.
        taken.push({ referent: f.referent, start: -1, end: -1 });
      }
      while (at >= 0) {
        if (free(at, at + f.text.length))
          taken.push({ referent: f.referent, start: at, end: at + f.text.length });
        at = aligned.indexOf(f.text, at + f.text.length);
      }
    }
    return taken.sort((a, b) => a.start - b.start);
  }
}

/** A Latin name as a whole word; Han characters around it are a boundary (DeepSeek-V3和). */
function wholeWord(name: string): RegExp {
  const edge = '[\\p{Script=Latin}\\d]';
  return new RegExp(`(?<!${edge})${escapeRegExp(name)}(?!${edge})`, 'giu');
}

const SMALL_WORDS = /^(?:of|and|the|for|in|on|at|de)$/;

/** A glossary key as a name: "wall street journal" → "Wall Street Journal" (acronyms stay as keyed). */
function titleCase(english: string): string {
  return english
    .split(' ')
    .map((w, i) => (i > 0 && SMALL_WORDS.test(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

/** The article's own spelling of a name known in normal form (英伟达 → 英偉達). */
function originalOf(name: string, texts: string[], aligned: string[]): string | null {
  for (let i = 0; i < texts.length; i++) {
    const at = aligned[i]!.indexOf(name);
    if (at >= 0) return texts[i]!.slice(at, at + name.length);
  }
  return null;
}

/** A Latin term as the articles write it, when they write it with a capital or a digit. */
function capitalisedIn(term: string, texts: string[]): string | null {
  const re = wholeWord(term);
  for (const t of texts) {
    for (const m of t.matchAll(re)) if (/\p{Lu}/u.test(m[0])) return m[0];
  }
  return null;
}
