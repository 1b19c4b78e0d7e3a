/**
 * Strings to look for in text (the dictionary's headwords, people's given names), as
 * a trie over UTF-16 code units. Its arrays are what the build cache keeps, so a
 * reindex need not read the dictionary to look for its headwords.
 */

/** The longest match `collect` reports: CC-CEDICT's longest useful headwords. */
export const MAX_HEADWORD = 12;

export interface WantedStringsState {
  parents: Int32Array;
  codes: Uint16Array;
  childNodes: Int32Array;
  ends: Uint8Array;
  nodes: number;
}

/**
 * Strings to look for in the corpus, as a trie over UTF-16 code units, to stop
 * extending a match as soon as no wanted string goes on that way. The trie's edges
 * live in one open-addressing table of integers: a set of every prefix made each
 * step slice and hash a new string, and the dictionary's headwords are looked for at
 * every position of every article.
 */
export class WantedStrings {
  /** Per slot: the parent node + 1 (0 for an empty slot), the code unit, the child node. */
  private parents: Int32Array;
  private codes: Uint16Array;
  private childNodes: Int32Array;
  private mask: number;
  private ends: Uint8Array;
  private nodes = 1;

  /** The trie's arrays, to keep in the build cache (see `fromState`). */
  state(): WantedStringsState {
    return {
      parents: this.parents,
      codes: this.codes,
      childNodes: this.childNodes,
      ends: this.ends,
      nodes: this.nodes,
    };
  }

  /** A trie from what `state()` gave, or null when it is not one (a damaged cache entry). */
  static fromState(v: unknown): WantedStrings | null {
    if (typeof v !== 'object' || v === null) return null;
    const s = v as Partial<Record<keyof WantedStringsState, unknown>>;
    const size = s.parents instanceof Int32Array ? s.parents.length : 0;
    if (
      size < 1 ||
      (size & (size - 1)) !== 0 ||
      !(s.codes instanceof Uint16Array) ||
      s.codes.length !== size ||
      !(s.childNodes instanceof Int32Array) ||
      s.childNodes.length !== size ||
      !(s.ends instanceof Uint8Array) ||
      typeof s.nodes !== 'number' ||
      s.ends.length !== s.nodes
    )
      return null;
    const trie = Object.create(WantedStrings.prototype) as WantedStrings;
    trie.parents = s.parents as Int32Array;
    trie.codes = s.codes;
    trie.childNodes = s.childNodes;
    trie.mask = size - 1;
    trie.ends = s.ends;
    trie.nodes = s.nodes;
    return trie;
  }

  constructor(strings: Iterable<string>) {
    const list = [...strings];
    const edges = list.reduce((n, s) => n + s.length, 0);
    // At most one edge per code unit; a table at most half full keeps probes short.
    let size = 1024;
    while (size < edges * 2) size *= 2;
    this.parents = new Int32Array(size);
    this.codes = new Uint16Array(size);
    this.childNodes = new Int32Array(size);
    this.mask = size - 1;
    const ends: number[] = [];
    for (const s of list) {
      let node = 0;
      for (let k = 0; k < s.length; k++) node = this.childOrAdd(node, s.charCodeAt(k));
      ends.push(node);
    }
    this.ends = new Uint8Array(this.nodes);
    for (const node of ends) this.ends[node] = 1;
    this.compact();
  }

  /**
   * Moves the edges into the smallest table at most half full. The table was sized for
   * one edge per code unit, before shared prefixes were known: the dictionary's tries
   * came out a sixth full, 21 MB that every reindex read from the build cache.
   */
  private compact(): void {
    const edges = this.nodes - 1;
    let size = 1024;
    while (size < edges * 2) size *= 2;
    if (size >= this.parents.length) return;
    const { parents, codes, childNodes } = this;
    this.parents = new Int32Array(size);
    this.codes = new Uint16Array(size);
    this.childNodes = new Int32Array(size);
    this.mask = size - 1;
    for (let from = 0; from < parents.length; from++) {
      const parent = parents[from]!;
      if (parent === 0) continue;
      let at = this.slot(parent - 1, codes[from]!);
      while (this.parents[at] !== 0) at = (at + 1) & this.mask;
      this.parents[at] = parent;
      this.codes[at] = codes[from]!;
      this.childNodes[at] = childNodes[from]!;
    }
  }

  private slot(node: number, code: number): number {
    return (Math.imul(node, 0x9e3779b1) ^ Math.imul(code, 0x85ebca6b)) & this.mask;
  }

  private child(node: number, code: number): number {
    for (let at = this.slot(node, code); ; at = (at + 1) & this.mask) {
      const parent = this.parents[at]!;
      if (parent === 0) return -1;
      if (parent === node + 1 && this.codes[at] === code) return this.childNodes[at]!;
    }
  }

  private childOrAdd(node: number, code: number): number {
    for (let at = this.slot(node, code); ; at = (at + 1) & this.mask) {
      const parent = this.parents[at]!;
      if (parent === 0) {
        this.parents[at] = node + 1;
        this.codes[at] = code;
        this.childNodes[at] = this.nodes;
        return this.nodes++;
      }
      if (parent === node + 1 && this.codes[at] === code) return this.childNodes[at]!;
    }
  }

  /** Adds the substrings of `run` (up to MAX_HEADWORD characters) that are wanted, by start, then length. */
  collect(run: string, into: Set<string>): void {
    for (let i = 0; i < run.length; i++) {
      let node = 0;
      for (let n = 1; n <= MAX_HEADWORD && i + n <= run.length; n++) {
        node = this.child(node, run.charCodeAt(i + n - 1));
        if (node < 0) break;
        if (this.ends[node] === 1) into.add(run.slice(i, i + n));
      }
    }
  }
}
