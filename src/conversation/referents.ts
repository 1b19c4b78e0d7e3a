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
import { FormFinder } from '../people/occurrences.js';

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
  /** A Latin-script name, matched as whole words in any case (see `wholeWord`). */
  latin: boolean;
}

const LATIN_RUN = /[\p{Script=Latin}\d]+/gu;

/**
 * The first run of Latin letters and digits in a Latin name, lowercased: wherever the
 * name matches as whole words, a question holds this run whole. Null when it has none.
 */
function firstRun(name: string): string | null {
  return name.match(LATIN_RUN)?.[0].toLowerCase() ?? null;
}

/** Index-added Latin words that name no thing (they let questions find captions and mastheads). */
const NOT_NAMES = /^(?:ai|app|apps|api|ceo|cto|it|pc|tv|vs|ok)$/i;

export class ReferentFinder {
  private readonly forms: Form[];

  /** Each Latin form's first run (see `firstRun`), and its pattern once a question needed it. */
  private readonly runs = new Map<Form, string | null>();
  private readonly patterns = new Map<Form, RegExp>();

  constructor(forms: Form[]) {
    // Longest first, so "DeepSeek-R1" wins over "DeepSeek" and "R1" inside it.
    this.forms = [...forms].sort((a, b) => b.text.length - a.text.length);
    for (const f of this.forms) if (f.latin) this.runs.set(f, firstRun(f.text));
  }

  /**
   * A Latin form's pattern, made when a question first holds its first run: making one
   * for each of the corpus's thousands of Latin names took a third of opening the index.
   */
  private pattern(f: Form, questionRuns: ReadonlySet<string>): RegExp | null {
    const run = this.runs.get(f);
    if (run !== null && run !== undefined && !questionRuns.has(run)) return null;
    let re = this.patterns.get(f);
    if (!re) this.patterns.set(f, (re = wholeWord(f.text)));
    return re;
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
        forms.push({ referent, text: f, latin: false });
      }
      for (const a of p.aliases.filter((x) => !hasHan(x) && x.length >= 3))
        forms.push({ referent, text: a, latin: true });
    }
    const englishOf = new Map<string, string[]>();
    for (const [english, candidates] of Object.entries(index.crosslingual.english)) {
      for (const [zh, , via] of candidates) {
        if (via !== 'g' || english.length < 2) continue;
        englishOf.set(zh, [...(englishOf.get(zh) ?? []), english]);
      }
    }
    const texts = index.passages.map((p) => p.text);
    const names = index.crosslingual.names.filter((n) => !personForms.has(n) && n.length >= 2);
    const originals = originalsOf(names, texts);
    for (const name of names) {
      const written = originals.get(name) ?? name;
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
      forms.push({ referent, text: name, latin: false });
      // The glossary's English names find it in English questions ("Nvidia", "Harvard").
      for (const e of english) forms.push({ referent, text: e, latin: true });
    }
    const terms = Object.keys(index.crosslingual.latin).filter(
      (term) => /\p{L}/u.test(term) && term.length >= 2 && !NOT_NAMES.test(term),
    );
    const capitalised = capitalisedForms(terms, texts);
    for (const term of terms) {
      const written = capitalised.get(term);
      // Names are capitalised where the articles write them; "wrote" or "caption" are not.
      if (!written || personForms.has(term)) continue;
      const referent: Referent = {
        key: term,
        kind: 'thing',
        display: { 'zh-Hant': written, 'zh-Hans': written, en: written },
      };
      forms.push({ referent, text: written, latin: true });
    }
    return new ReferentFinder(forms);
  }

  /** What a text names, in reading order, longest names first where they overlap. */
  find(text: string): Mention[] {
    const aligned = normalizeAligned(text);
    const normal = normalize(text);
    const taken: Mention[] = [];
    const free = (s: number, e: number) => taken.every((m) => e <= m.start || s >= m.end);
    const questionRuns = new Set([...text.matchAll(LATIN_RUN)].map(([r]) => r.toLowerCase()));
    for (const f of this.forms) {
      if (f.latin) {
        const pattern = this.pattern(f, questionRuns);
        if (!pattern) continue;
        for (const m of text.matchAll(pattern)) {
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

/**
 * The articles' own spelling of each of `names`, known in normal form (英伟达 → 英偉達):
 * where it first occurs in `texts`, as the text writes it.
 * One pass over the texts for all names: a search per name cost names × texts, and
 * both grow with the corpus.
 */
function originalsOf(names: readonly string[], texts: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  const wanted = new Set(names);
  if (wanted.size === 0) return found;
  const finder = new FormFinder(wanted);
  for (let i = 0; i < texts.length && found.size < wanted.size; i++) {
    for (const o of finder.find(normalizeAligned(texts[i]!))) {
      if (!found.has(o.form)) found.set(o.form, texts[i]!.slice(o.start, o.end));
    }
  }
  return found;
}

const PLAIN_TERM = /^[\p{Script=Latin}\d]+$/u;

/**
 * Each of `terms` as the articles first write it with a capital, for those they do.
 * A term of letters and digits alone is a whole run of them wherever `wholeWord`
 * matches it, so one pass over the texts' runs serves every such term; the few with
 * other characters are searched for one by one.
 */
function capitalisedForms(terms: readonly string[], texts: readonly string[]): Map<string, string> {
  const plain = new Set(terms.filter((t) => PLAIN_TERM.test(t)).map((t) => t.toLowerCase()));
  const runs = new Map<string, string>();
  for (let i = 0; i < texts.length && runs.size < plain.size; i++) {
    for (const [run] of texts[i]!.matchAll(LATIN_RUN)) {
      if (!/\p{Lu}/u.test(run)) continue;
      const lower = run.toLowerCase();
      if (plain.has(lower) && !runs.has(lower)) runs.set(lower, run);
    }
  }
  const found = new Map<string, string>();
  for (const term of terms) {
    const written = PLAIN_TERM.test(term)
      ? runs.get(term.toLowerCase())
      : capitalisedIn(term, texts);
    if (written) found.set(term, written);
  }
  return found;
}

/** A Latin term as the articles write it, when they write it with a capital or a digit. */
function capitalisedIn(term: string, texts: readonly string[]): string | null {
  const re = wholeWord(term);
  for (const t of texts) {
    for (const m of t.matchAll(re)) if (/\p{Lu}/u.test(m[0])) return m[0];
  }
  return null;
}
