/**
 * The named things of the corpus (people, organisations, places, works, products) as
 * retrieval needs them: which ones a question names, which names in it the corpus
 * never mentions, and who a bare "他" means.
 */
import type { LoadedIndex } from '../indexes/load.js';
import type { PersonEntry } from '../people/types.js';
import { hasHan } from '../text/han.js';
import { normalize } from '../text/normalize.js';
import { escapeRegExp } from '../text/regexp.js';
import { SubstringLookup } from '../text/substring-lookup.js';
import type { CoverageModel } from './coverage.js';
import type { EntityLexicon } from './evidence.js';
import type { AnalyzedQuery, QueryUnit } from './query.js';

/** Latin terms of the corpus that name no particular thing. */
const GENERIC_LATIN = new Set([
  'ai',
  'app',
  'apps',
  'api',
  'ceo',
  'cto',
  'it',
  'pc',
  'tv',
  'vs',
  'ok',
]);

/** One thing a question names, in every form the corpus may write it. */
export interface FocalEntity {
  forms: string[];
  person: boolean;
}

export interface NamedInQuestion {
  /** The corpus's entities the question names. */
  focal: FocalEntity[];
  /** People among them. */
  people: PersonEntry[];
  /** Names in the question that the corpus never mentions ("周杰倫", "Taylor Swift"). */
  absent: string[];
  /** Of those, the ones written as a person's name. */
  absentPeople: string[];
}

export class CorpusEntities implements EntityLexicon {
  readonly people: ReadonlySet<string>;
  readonly others: ReadonlySet<string>;
  /** Forms that name the same thing: a glossary term and its English names (RoW ↔ rest of world). */
  private readonly aliases = new Map<string, Set<string>>();
  private readonly personByForm = new Map<string, PersonEntry>();
  /** Each name's place among people, then others. */
  private readonly nameOrder: Map<string, number>;
  /** The names, found by the substrings of a question. */
  private readonly nameLookup: SubstringLookup<string>;
  /** The Han names, found by their beginnings. */
  private readonly namePrefixes: SubstringLookup<string>;
  /** Latin-script names with the pattern that finds each as a whole word. */
  private readonly latinNames: Map<string, RegExp>;
  /** The person the articles are about: marked so in people.json, else the most mentioned. */
  readonly subject: PersonEntry | null;

  constructor(
    index: LoadedIndex,
    private readonly coverage: CoverageModel,
  ) {
    const people = new Set<string>();
    for (const p of index.people.people) {
      for (const f of p.forms) {
        if (f.length < 2) continue;
        people.add(f);
        this.personByForm.set(f, p);
      }
    }
    this.people = people;
    const others = new Set<string>();
    for (const w of index.crosslingual.names) if (!people.has(w)) others.add(w);
    for (const [term, weight] of Object.entries(index.crosslingual.latin)) {
      // Everyday English the article also uses ("world", "token") is no name.
      if (weight >= 1 && term.length >= 2 && !GENERIC_LATIN.has(term) && !/^\d/.test(term))
        others.add(term);
    }
    // The outlets the articles come from (觀察者網) are named in questions as any organisation is.
    for (const doc of index.manifest.documents) {
      const source = doc.source === undefined ? '' : normalize(doc.source);
      // …unless the source is a common word ("AI"), which names nothing in particular.
      if (source.length >= 2 && !people.has(source) && !GENERIC_LATIN.has(source))
        others.add(source);
    }
    this.others = others;
    for (const [english, candidates] of Object.entries(index.crosslingual.english)) {
      for (const [zh, , via] of candidates) {
        if (via !== 'g' || !(others.has(zh) || people.has(zh))) continue;
        // "Rest of World" names what the article calls RoW: both are the entity's forms.
        this.link(zh, english);
        if (!people.has(zh)) others.add(english);
      }
    }
    this.nameOrder = new Map([...people, ...others].map((n, i) => [n, i]));
    this.nameLookup = new SubstringLookup([...people, ...others].map((n) => [n, n] as const));
    this.namePrefixes = new SubstringLookup(
      [...people, ...others].filter(hasHan).map((n) => [n, n] as const),
      { prefixes: true },
    );
    this.latinNames = new Map(
      [...people, ...others]
        .filter((n) => !hasHan(n))
        .map((n) => [n, new RegExp(`(?<![\\p{L}\\d])${escapeRegExp(n)}(?![\\p{L}\\d])`, 'u')]),
    );
    this.subject =
      index.people.people.find((p) => p.subject === true) ??
      index.people.people.find((p) => p.mentionCount > 0) ??
      null;
  }

  private link(a: string, b: string): void {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      let set = this.aliases.get(x);
      if (!set) this.aliases.set(x, (set = new Set()));
      set.add(y);
    }
  }

  private formsOf(name: string): string[] {
    const person = this.personByForm.get(name);
    const forms = person ? person.forms.filter((f) => f.length > 1) : [name];
    return [...new Set([...forms, ...forms.flatMap((f) => [...(this.aliases.get(f) ?? [])])])];
  }

  /** What the question names, present or absent. */
  named(query: AnalyzedQuery): NamedInQuestion {
    const groups = new Map<string, FocalEntity>();
    const haystacks = [
      query.normalized,
      ...query.units.flatMap((u) => u.alternatives.map((a) => a.text)),
    ];
    // Names a haystack holds, or (an expanded abbreviation may stop short of the name:
    // 哈工大 → 哈尔滨工业大) begins.
    const held = new Set(haystacks.flatMap((h) => this.nameLookup.in(h)));
    const begun = haystacks.flatMap((h) => (h.length >= 4 ? this.namePrefixes.containing(h) : []));
    const latin = [...held].filter((n) => {
      const whole = this.latinNames.get(n);
      return whole !== undefined && haystacks.some((h) => whole.test(h));
    });
    // In the order of the names (people first), as the focal groups are listed.
    const seen = [...new Set([...[...held].filter(hasHan), ...begun, ...latin])].sort(
      (a, b) => this.nameOrder.get(a)! - this.nameOrder.get(b)!,
    );
    for (const name of seen) {
      const person = this.personByForm.get(name);
      const key = person?.name ?? this.formsOf(name).sort()[0]!;
      if (!groups.has(key))
        groups.set(key, { forms: this.formsOf(name), person: person !== undefined });
    }
    const focal = [...groups.values()];
    const people = [
      ...new Set(
        focal
          .flatMap((g) => g.forms.map((f) => this.personByForm.get(f)))
          .filter((p) => p !== undefined),
      ),
    ];
    const missing = query.units.filter((u) => (u.name || u.person) && !this.inCorpus(u));
    return {
      focal,
      people,
      absent: missing.map((u) => u.label),
      absentPeople: missing.filter((u) => u.person).map((u) => u.label),
    };
  }

  /** A unit the corpus mentions, as written or through one of its expansions. */
  private inCorpus(unit: QueryUnit): boolean {
    return unit.alternatives.some(
      (a) =>
        a.text.length > 0 &&
        (this.coverage.inCorpus(a.text) || this.coverage.nearlyInCorpus(a.text)),
    );
  }
}
