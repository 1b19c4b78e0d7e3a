/**
 * The corpus as the English→Chinese table sees it, put together from each article's
 * share (its `TextsView` and the given names it holds) as counts: how many shares
 * hold each string. Counts let a reindex take a changed article's old share out and
 * put its new one in, instead of reading every article's share again, and each set
 * keeps a hash of its members that does not depend on their order, so whether the
 * table would come out the same is known without sorting the sets.
 */
import type { DictionaryFacts } from './dictionary-facts.js';

/** What some texts contribute on their own (see `textsView` in crosslingual-build.ts). */
export interface TextsView {
  /** CC-CEDICT traditional headwords the texts contain as written. */
  traditional: string[];
  /**
   * Substrings of the normal-form text that are a headword in some form (simplified,
   * or any traditional one normalised): a superset of what the table needs, which
   * the corpus-wide pass narrows to the traditional headwords the corpus holds.
   */
  headwordGrams: string[];
  words: string[];
  /** Each segmented word with the tag of its first occurrence. */
  tagged: [string, string][];
  latin: string[];
}

/** One article's share: its view, and the given names (of people found anywhere) it holds. */
export interface Share {
  view: TextsView;
  givenNames: readonly string[];
}

/** The corpus as the table needs it: which Chinese strings occur, and how it segments. */
export interface CorpusView {
  /** Every Han substring up to MAX_HEADWORD characters that the table asks about, normal form. */
  ngrams: Set<string>;
  /** Every Han substring as written (Traditional), to meet CC-CEDICT's traditional headwords. */
  traditional: Set<string>;
  /** Words of the segmenter's search mode: a headword that is one reads as meant. */
  words: Set<string>;
  /** Segmented words, for pinyin keys. */
  tagged: Set<string>;
  /** Those of `tagged` some article tags as a name (nr…): they are also read with surname pronunciations. */
  names: Set<string>;
  /** Latin-script index terms. */
  latin: Set<string>;
}

const SETS = [
  'traditional',
  'headwordGrams',
  'words',
  'tagged',
  'names',
  'latin',
  'givenNames',
] as const;
type SetName = (typeof SETS)[number];

/** The strings of `share`, set by set. */
function* members(share: Share): Generator<[SetName, string]> {
  const { view } = share;
  for (const t of view.traditional) yield ['traditional', t];
  for (const g of view.headwordGrams) yield ['headwordGrams', g];
  for (const w of view.words) yield ['words', w];
  for (const [word, tag] of view.tagged) {
    yield ['tagged', word];
    if (tag.startsWith('nr')) yield ['names', word];
  }
  for (const l of view.latin) yield ['latin', l];
  for (const g of share.givenNames) yield ['givenNames', g];
}

/** Two independent 32-bit hashes of a string (murmur3's finaliser over FNV-1a-style mixing). */
function hashes(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  const fin = (h: number) => {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  return [fin(a ^ s.length), fin(b)];
}

/** One set's counts as kept: its strings in code-unit order, and how many shares hold each. */
export interface SortedCounts {
  keys: string[];
  counts: Uint32Array;
}

/** What the build cache keeps of a `ShareCounts`. */
export interface ShareCountsState {
  sets: Record<SetName, SortedCounts>;
  sums: Record<SetName, [number, number]>;
}

/** A share taken out that was never put in: the kept counts are not what they claim. */
export class ShareCountsMismatch extends Error {}

function isSortedCounts(v: unknown): v is SortedCounts {
  if (typeof v !== 'object' || v === null) return false;
  const { keys, counts } = v as Partial<SortedCounts>;
  if (!Array.isArray(keys) || !(counts instanceof Uint32Array) || counts.length !== keys.length)
    return false;
  for (let i = 0; i < keys.length; i++) {
    const key: unknown = keys[i];
    if (typeof key !== 'string' || counts[i] === 0 || (i > 0 && !(keys[i - 1]! < key)))
      return false;
  }
  return true;
}

/**
 * One set's counts: those kept, as sorted arrays, and the changes since in a map. A
 * reindex looks up only the strings of the articles that changed, by binary search:
 * made into maps, the kept counts (230,000 strings at a thousand articles) took 160 ms
 * to read back, most of what patching them cost.
 */
class SetCounts {
  private readonly changed = new Map<string, number>();
  size: number;

  constructor(private readonly kept: SortedCounts = { keys: [], counts: new Uint32Array(0) }) {
    this.size = kept.keys.length;
  }

  private keptCount(s: string): number {
    const { keys, counts } = this.kept;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const key = keys[mid]!;
      if (key === s) return counts[mid]!;
      if (key < s) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  get(s: string): number {
    return this.changed.get(s) ?? this.keptCount(s);
  }

  set(s: string, before: number, after: number): void {
    this.changed.set(s, after);
    if (before === 0) this.size++;
    else if (after === 0) this.size--;
  }

  /** The counts now, sorted: the kept ones with the changes merged in. */
  sorted(): SortedCounts {
    const { keys, counts } = this.kept;
    const added = [...this.changed.keys()].filter((s) => this.keptCount(s) === 0).sort();
    const outKeys: string[] = [];
    const outCounts: number[] = [];
    const put = (s: string, n: number) => {
      if (n === 0) return;
      outKeys.push(s);
      outCounts.push(n);
    };
    let j = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      while (j < added.length && added[j]! < key) put(added[j]!, this.changed.get(added[j++]!)!);
      put(key, this.changed.get(key) ?? counts[i]!);
    }
    while (j < added.length) put(added[j]!, this.changed.get(added[j++]!)!);
    return { keys: outKeys, counts: Uint32Array.from(outCounts) };
  }
}

export class ShareCounts {
  private constructor(
    private readonly sets: Record<SetName, SetCounts>,
    private readonly sums: Record<SetName, [number, number]>,
  ) {}

  static empty(): ShareCounts {
    const sets = {} as Record<SetName, SetCounts>;
    const sums = {} as Record<SetName, [number, number]>;
    for (const name of SETS) {
      sets[name] = new SetCounts();
      sums[name] = [0, 0];
    }
    return new ShareCounts(sets, sums);
  }

  /** Counts a build kept (`toState`), or null when `v` is not such a thing. */
  static fromState(v: unknown): ShareCounts | null {
    if (typeof v !== 'object' || v === null) return null;
    const s = v as Partial<ShareCountsState>;
    if (typeof s.sets !== 'object' || typeof s.sums !== 'object') return null;
    const sets = {} as Record<SetName, SetCounts>;
    const sums = {} as Record<SetName, [number, number]>;
    for (const name of SETS) {
      const kept: unknown = s.sets[name];
      const sum: unknown = s.sums[name];
      if (!isSortedCounts(kept) || !Array.isArray(sum) || sum.length !== 2) return null;
      if (!sum.every((h) => Number.isInteger(h) && h >= 0)) return null;
      sets[name] = new SetCounts(kept);
      sums[name] = [sum[0] as number, sum[1] as number];
    }
    return new ShareCounts(sets, sums);
  }

  toState(): ShareCountsState {
    const sets = {} as Record<SetName, SortedCounts>;
    for (const name of SETS) sets[name] = this.sets[name].sorted();
    return { sets, sums: this.sums };
  }

  /** Put a share in (`sign` 1) or take one out (-1); throws ShareCountsMismatch when it was never in. */
  add(share: Share, sign: 1 | -1): void {
    const { sets, sums } = this;
    for (const [name, s] of members(share)) {
      const set = sets[name];
      const before = set.get(s);
      const after = before + sign;
      if (after < 0)
        throw new ShareCountsMismatch(`"${s}" was taken out of ${name} more often than put in`);
      set.set(s, before, after);
      // A string's hash is in the sum while some share holds it.
      if (before === 0 || after === 0) {
        const [h1, h2] = hashes(s);
        const sum = sums[name];
        sum[0] = (sum[0] + sign * h1) >>> 0;
        sum[1] = (sum[1] + sign * h2) >>> 0;
      }
    }
  }

  /**
   * Identifies the members of every set, whatever order they came in: the same
   * whenever the view (and so the table made from it) would be.
   */
  fingerprint(): string {
    const { sets, sums } = this;
    return JSON.stringify(SETS.map((name) => [sets[name].size, sums[name][0], sums[name][1]]));
  }

  /**
   * The view, with every headword form narrowed to those of the headwords this corpus
   * has (a share found every form of each headword it met).
   */
  view(
    facts: Pick<DictionaryFacts, 'simplified' | 'traditional' | 'normalTraditional'>,
  ): CorpusView {
    const keys = (name: SetName) => new Set(this.sets[name].sorted().keys);
    const traditional = keys('traditional');
    const normals = new Set(facts.simplified);
    facts.traditional.forEach((t, i) => {
      if (traditional.has(t)) normals.add(facts.normalTraditional[i]!);
    });
    const ngrams = keys('givenNames');
    for (const g of this.sets.headwordGrams.sorted().keys) if (normals.has(g)) ngrams.add(g);
    return {
      ngrams,
      traditional,
      words: keys('words'),
      tagged: keys('tagged'),
      names: keys('names'),
      latin: keys('latin'),
    };
  }
}
