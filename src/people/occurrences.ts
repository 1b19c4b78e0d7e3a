/**
 * Every occurrence of a set of short forms (names) in a text, in one pass over the
 * text. Searching for each name in turn costs names × text, which grows with the
 * square of the corpus, since a bigger corpus names more people; here a position is
 * checked only against the lengths of names that start with its character.
 */

export interface FormOccurrence {
  form: string;
  start: number;
  /** Exclusive. */
  end: number;
}

export class FormFinder {
  /** Lengths of the forms that start with a given code unit, longest first. */
  private readonly lengths = new Map<string, number[]>();
  private readonly forms: Set<string>;

  constructor(forms: Iterable<string>) {
    this.forms = new Set([...forms].filter((f) => f.length > 0));
    for (const f of this.forms) {
      const first = f.charAt(0);
      const list = this.lengths.get(first) ?? [];
      if (!list.includes(f.length)) list.push(f.length);
      this.lengths.set(first, list);
    }
    for (const list of this.lengths.values()) list.sort((a, b) => b - a);
  }

  /** All occurrences, overlapping ones included, by start then longest first. */
  find(text: string): FormOccurrence[] {
    const found: FormOccurrence[] = [];
    for (let i = 0; i < text.length; i++) {
      const lengths = this.lengths.get(text.charAt(i));
      if (!lengths) continue;
      for (const length of lengths) {
        if (i + length > text.length) continue;
        const form = text.slice(i, i + length);
        if (this.forms.has(form)) found.push({ form, start: i, end: i + length });
      }
    }
    return found;
  }
}
