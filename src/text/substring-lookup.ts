/**
 * Which of many short keys (names, role words) occur in a short text, or contain it,
 * without testing every key: the text's substrings of the keys' lengths are looked up
 * instead. A question is tens of characters; the keys grow with the corpus (thousands
 * of names at a thousand articles), so the cost now follows the question, not the corpus.
 */
export class SubstringLookup<T> {
  private readonly byKey = new Map<string, T[]>();
  /** Every substring of every key, for `within`; built only when asked for. */
  private readonly byPart: Map<string, T[]> | null;
  private readonly lengths: number[];

  /**
   * `within`: also find keys by any part of them (`containing`); `prefixes`: by their
   * beginnings only (a key's parts are then its prefixes).
   */
  constructor(
    entries: Iterable<readonly [string, T]>,
    options: { within?: boolean; prefixes?: boolean } = {},
  ) {
    this.byPart = options.within || options.prefixes ? new Map() : null;
    const prefixesOnly = options.prefixes === true && options.within !== true;
    const lengths = new Set<number>();
    for (const [key, value] of entries) {
      if (key.length === 0) continue;
      push(this.byKey, key, value);
      lengths.add(key.length);
      if (this.byPart) {
        const parts = new Set<string>();
        for (let i = 0; i < (prefixesOnly ? 1 : key.length); i++)
          for (let j = i + 1; j <= key.length; j++) parts.add(key.slice(i, j));
        for (const p of parts) push(this.byPart, p, value);
      }
    }
    this.lengths = [...lengths].sort((a, b) => a - b);
  }

  /** The values of the keys that occur in `text` (`text.includes(key)`), each key once. */
  in(text: string): T[] {
    const found: T[] = [];
    this.eachIn(text, (value) => found.push(value));
    return found;
  }

  /** `visit` for each value `in` gives, without collecting them (a common key has thousands). */
  eachIn(text: string, visit: (value: T) => void): void {
    const seen = new Set<string>();
    for (const n of this.lengths) {
      if (n > text.length) break;
      for (let i = 0; i + n <= text.length; i++) {
        const part = text.slice(i, i + n);
        if (seen.has(part)) continue;
        seen.add(part);
        const values = this.byKey.get(part);
        if (values) for (const value of values) visit(value);
      }
    }
  }

  /**
   * The values of the keys that contain `text` (`key.includes(text)`), or with `prefixes`
   * that begin with it; needs one of the two.
   */
  containing(text: string): readonly T[] {
    if (!this.byPart) throw new Error('SubstringLookup built without `within` or `prefixes`');
    return this.byPart.get(text) ?? [];
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
