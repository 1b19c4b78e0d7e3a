/**
 * Whether a message is made only of the phrases of one intent: its units (a Chinese
 * character, a Latin word, a number) must be covered exactly by cues and fillers, with
 * at least one cue. Exact cover rather than keyword spotting is what keeps "文章說
 * DeepSeek訓練花了多少錢" a question: nothing in the lists covers DeepSeek or 訓練.
 */
import { normalize } from '../text/normalize.js';
import type { PhraseSet } from './phrases.js';

/** A Han character alone, or a run of letters and digits of any other script, or a wave. */
const UNIT = /\p{Script=Han}|👋|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

/** The units of a message in normal form (Simplified, lowercase, half-width). */
export function units(text: string): string[] {
  const normal = normalize(text)
    // Contractions and TL;DR read as one word, as the phrase lists write them.
    .replace(/['’]/g, '')
    .replace(/\btl\s*;\s*dr\b/g, 'tldr');
  return normal.match(UNIT) ?? [];
}

/** A phrase as units: "sum+up" → ["sum", "up"], "總結" → ["总", "结"]. */
function phraseUnits(phrase: string): string[] {
  return phrase.split('+').flatMap((part) => units(part));
}

interface Phrase {
  units: string[];
  cue: boolean;
}

export class PhraseCover {
  /** Phrases by their first unit, longest first. */
  private readonly byFirst = new Map<string, Phrase[]>();

  constructor(
    set: PhraseSet,
    /** Numbers may stand in the message ("用3句話總結"). */
    private readonly numbersAreFillers = false,
  ) {
    const add = (phrase: string, cue: boolean) => {
      const u = phraseUnits(phrase);
      if (u.length === 0) return;
      const list = this.byFirst.get(u[0]!) ?? [];
      list.push({ units: u, cue });
      this.byFirst.set(u[0]!, list);
    };
    for (const p of set.cues) add(p, true);
    for (const p of set.fillers) add(p, false);
    for (const list of this.byFirst.values()) list.sort((a, b) => b.units.length - a.units.length);
  }

  /** True when `message` units are covered exactly, with at least one cue. */
  covers(message: readonly string[]): boolean {
    if (message.length === 0) return false;
    // memo[i * 2 + c]: can units i… be covered when a cue is (c = 1) or is not yet (c = 0) used.
    const memo = new Map<number, boolean>();
    const solve = (i: number, cued: boolean): boolean => {
      if (i === message.length) return cued;
      const key = i * 2 + (cued ? 1 : 0);
      const known = memo.get(key);
      if (known !== undefined) return known;
      let ok = false;
      if (this.numbersAreFillers && /^\d+$/.test(message[i]!)) ok = solve(i + 1, cued);
      for (const p of this.byFirst.get(message[i]!) ?? []) {
        if (ok) break;
        if (p.units.every((u, k) => message[i + k] === u))
          ok = solve(i + p.units.length, cued || p.cue);
      }
      memo.set(key, ok);
      return ok;
    };
    return solve(0, false);
  }
}
