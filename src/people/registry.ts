/**
 * Builds the people registry stored in the index: the curated list, the
 * documents' authors, and names found in the text, merged into one entry per
 * person, each with every sentence that names them.
 *
 * Precedence: curated entries win; an author or a found name that is one of
 * their forms adds to them instead of becoming a second person, and so does a
 * found short form (艾利森 of 格雷厄姆·艾利森) or a found fuller form.
 */
import type { Corpus, CorpusDocument } from '../corpus/types.js';
import { hasHan } from '../text/han.js';
import { foldScript } from '../text/normalize.js';
import { PeopleDataError } from './curated.js';
import {
  alignedNormal,
  detectNames,
  type DetectedName,
  type NamesOf,
  type StandaloneOf,
} from './detect.js';
import type { NameLexicon } from './lexicon.js';
import { attachMentions, findMentions, mentionOf, type MentionsOf } from './mentions.js';
import { nameKey, pinyinAliases } from './names.js';
import type { CuratedPerson, PeopleRegistry, PersonEntry, RoleSource } from './types.js';

export type {
  CuratedPerson,
  PeopleRegistry,
  PersonEntry,
  PersonMentionEntry,
  PersonSource,
} from './types.js';
export { loadCuratedPeople, PeopleDataError } from './curated.js';

export interface BuildPeopleOptions {
  /**
   * Dictionary knowledge for name detection, usually `cedictLexicon(loadCedict())`
   * from the dictionary the index build has already read.
   */
  lexicon: NameLexicon;
  /** Each article's names, e.g. from the index build's cache; worked out when absent. */
  namesOf?: NamesOf;
  /**
   * `pinyinAliases`, or a memo of it (the index build keeps one between builds: it
   * costs more than the rest of merging the names).
   */
  romanize?: (name: string) => string[];
  /** Which names stand alone in each article, e.g. from the index build's cache. */
  standaloneOf?: StandaloneOf;
  /** Each article's mentions, e.g. from the index build's cache; found when absent. */
  mentionsOf?: MentionsOf;
}

/** An entry while it is assembled: forms still a set, mentions not yet counted. */
type Draft = Omit<PersonEntry, 'forms' | 'mentionCount' | 'mentions'> & { forms: Set<string> };

function addAlias(d: Draft, alias: string): void {
  const a = alias.trim();
  if (!a || a === d.name) return;
  if (d.aliases.some((x) => x.toLowerCase() === a.toLowerCase())) return;
  d.aliases.push(a);
}

/** Forms counted as mentions: the name and every alias written in Han characters. */
function formsOf(name: string, aliases: string[]): Set<string> {
  const forms = new Set<string>([nameKey(name)]);
  for (const a of aliases) if (hasHan(a)) forms.add(nameKey(a));
  return forms;
}

/**
 * Where a curated role is quoted from. With several articles the phrase may recur (a later
 * report calls him "DeepSeek研究員" too); the earliest published article said it first, so the
 * citation does not move to whichever file name sorts first when an article is added.
 */
function findRole(corpus: Corpus, role: string): RoleSource | null {
  for (const doc of byPublished(corpus.documents)) {
    const p = doc.paragraphs.find((x) => x.text.includes(role));
    if (p) return { doc: doc.meta.id, paragraph: p.n };
  }
  return null;
}

/** Oldest first; undated articles after the dated ones, each group in corpus order. */
function byPublished(documents: readonly CorpusDocument[]): CorpusDocument[] {
  const time = (d: CorpusDocument) => {
    const t = d.meta.published ? Date.parse(d.meta.published) : NaN;
    return Number.isNaN(t) ? Infinity : t;
  };
  return [...documents].sort((a, b) => time(a) - time(b));
}

function authorsOf(doc: CorpusDocument): string[] {
  return (doc.meta.author ?? '')
    .split(/[、,，;；/&]|\s+and\s+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

function curatedDrafts(corpus: Corpus, curated: CuratedPerson[]): Draft[] {
  if (curated.length === 0) return [];
  const normals = corpus.documents.flatMap((d) => d.paragraphs.map(alignedNormal));
  const authors = new Set(corpus.documents.flatMap(authorsOf).map(nameKey));
  const owner = new Map<string, string>();
  return curated.map((c) => {
    const roleAt = findRole(corpus, c.role);
    if (!roleAt) {
      throw new PeopleDataError(
        `people.json: the role of ${c.name} ("${c.role}") is not in the article word for word; ` +
          'copy a phrase from a paragraph exactly as written',
      );
    }
    const key = nameKey(c.name);
    if (!authors.has(key) && !normals.some((t) => t.includes(key))) {
      throw new PeopleDataError(
        `people.json: ${c.name} does not occur in the corpus; use the name as the article writes it`,
      );
    }
    const d: Draft = {
      name: c.name,
      aliases: [],
      role: c.role,
      roleQuoted: true,
      roleAt,
      source: 'curated',
      ...(c.subject === true && { subject: true }),
      forms: new Set(),
    };
    for (const a of [...c.aliases, foldScript(c.name)]) addAlias(d, a);
    d.forms = formsOf(c.name, d.aliases);
    for (const f of d.forms) {
      const other = owner.get(f);
      if (other !== undefined && other !== c.name) {
        throw new PeopleDataError(
          `people.json: ${other} and ${c.name} share the name form "${f}"; keep it on one of them`,
        );
      }
      owner.set(f, c.name);
    }
    return d;
  });
}

function authorDrafts(
  corpus: Corpus,
  drafts: Draft[],
  romanize: (name: string) => string[],
): Draft[] {
  const added: Draft[] = [];
  // Every form held so far: a thousand articles' bylines each looked through every draft.
  const held = new Set(drafts.flatMap((d) => [...d.forms]));
  for (const doc of corpus.documents) {
    for (const author of authorsOf(doc)) {
      const key = nameKey(author);
      if (held.has(key)) continue;
      held.add(key);
      const d: Draft = {
        name: author,
        aliases: [],
        role: doc.meta.source ? `本文作者 · ${doc.meta.source}` : '本文作者',
        roleQuoted: false,
        roleAt: null,
        source: 'metadata',
        forms: new Set([key]),
      };
      for (const a of [foldScript(author), ...romanize(author)]) addAlias(d, a);
      added.push(d);
    }
  }
  return added;
}

/**
 * The drafts by their forms and by the pieces of their forms, kept up to date as
 * forms and drafts are added, so that merging a found name looks up its owners
 * instead of comparing it with every person so far (which grew with the square of
 * the number of people in the corpus).
 */
class DraftForms {
  private readonly byForm = new Map<string, Set<Draft>>();
  /** Proper substrings of forms → drafts that have a form containing them. */
  private readonly byPiece = new Map<string, Set<Draft>>();

  constructor(drafts: Draft[]) {
    for (const d of drafts) for (const f of d.forms) this.index(d, f);
  }

  addForm(d: Draft, form: string): void {
    d.forms.add(form);
    this.index(d, form);
  }

  private index(d: Draft, form: string): void {
    addTo(this.byForm, form, d);
    for (let i = 0; i < form.length; i++) {
      for (let j = i + 1; j <= form.length; j++) {
        if (j - i < form.length) addTo(this.byPiece, form.slice(i, j), d);
      }
    }
  }

  /** The first draft (in creation order) that has `key` as one of its forms. */
  withForm(key: string): Draft | undefined {
    return this.byForm.get(key)?.values().next().value;
  }

  /** Drafts with a longer form that contains `key`. */
  containing(key: string): Set<Draft> {
    return this.byPiece.get(key) ?? new Set();
  }

  /** Drafts with a form of two or more characters inside `key`. */
  containedIn(key: string): Set<Draft> {
    const found = new Set<Draft>();
    for (let i = 0; i < key.length; i++) {
      for (let j = i + 2; j <= key.length; j++) {
        for (const d of this.byForm.get(key.slice(i, j)) ?? []) found.add(d);
      }
    }
    return found;
  }
}

function addTo(map: Map<string, Set<Draft>>, key: string, d: Draft): void {
  const set = map.get(key);
  if (set) set.add(d);
  else map.set(key, new Set([d]));
}

/** The one draft of a set, or null when none or several. */
function single(drafts: Set<Draft>): Draft | null {
  return drafts.size === 1 ? drafts.values().next().value! : null;
}

function mergeDetected(
  found: DetectedName[],
  drafts: Draft[],
  romanize: (name: string) => string[],
): void {
  const index = new DraftForms(drafts);
  // Longest first, so a short form finds the full name it belongs to already in place.
  for (const f of [...found].sort((a, b) => b.key.length - a.key.length)) {
    const same = index.withForm(f.key);
    if (same) {
      for (const e of f.englishNames) addAlias(same, e);
      continue;
    }
    const owner = single(index.containing(f.key)) ?? single(index.containedIn(f.key));
    if (owner) {
      index.addForm(owner, f.key);
      addAlias(owner, f.name);
      for (const e of f.englishNames) addAlias(owner, e);
      continue;
    }
    const d: Draft = {
      name: f.name,
      aliases: [],
      role: '',
      roleQuoted: true,
      roleAt: f.first,
      source: 'detected',
      forms: new Set(),
    };
    for (const a of [...f.englishNames, ...romanize(f.name), foldScript(f.name)]) addAlias(d, a);
    index.addForm(d, f.key);
    drafts.push(d);
  }
}

export function buildPeopleRegistry(
  corpus: Corpus,
  curated: CuratedPerson[],
  options: BuildPeopleOptions,
): PeopleRegistry {
  const drafts = curatedDrafts(corpus, curated);
  const romanize = options.romanize ?? pinyinAliases;
  drafts.push(...authorDrafts(corpus, drafts, romanize));
  mergeDetected(detectNames(corpus, options.lexicon, options), drafts, romanize);

  const mentions = findMentions(
    corpus,
    drafts.map((d) => [...d.forms]),
    options.mentionsOf,
  );
  const docOrder = new Map(corpus.documents.map((d, i) => [d.meta.id, i]));
  const people = drafts
    .map((d, i) => {
      const found = mentions[i]!;
      const first = found.at.length > 0 ? mentionOf(found, 0) : undefined;
      // A found person's role is the first sentence naming them: still the article's words.
      const role = d.role || (first?.text ?? d.name);
      const roleAt = d.role
        ? d.roleAt
        : first
          ? { doc: first.doc, paragraph: first.paragraph }
          : d.roleAt;
      const entry = attachMentions(
        {
          name: d.name,
          aliases: d.aliases,
          role,
          roleQuoted: d.roleQuoted,
          roleAt,
          source: d.source,
          ...(d.subject === true && { subject: true }),
          forms: [...d.forms],
          mentionCount: found.at.length,
        },
        found,
      );
      const firstAt = first ? (docOrder.get(first.doc) ?? 0) * 1e9 + first.start : Infinity;
      return { entry, firstAt };
    })
    .sort((a, b) => b.entry.mentionCount - a.entry.mentionCount || a.firstAt - b.firstAt)
    .map(({ entry }) => entry);
  return { version: 1, people };
}

/** Multi-character name forms, for `addJiebaWords`, so segmenters keep the names whole. */
export function peopleWords(reg: PeopleRegistry): string[] {
  return [...new Set(reg.people.flatMap((p) => p.forms.filter((f) => f.length > 1 && hasHan(f))))];
}
