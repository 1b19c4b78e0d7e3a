/**
 * One shared jieba instance. Loading the dictionary takes ~100 ms, so it is done
 * once per process and lazily, for code paths that never segment.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let instance: Jieba | undefined;
const extraWords = new Set<string>();

export function jieba(): Jieba {
  instance ??= Jieba.withDict(dict);
  return instance;
}

/**
 * Teach jieba words it lacks (names the article uses, e.g. 潘梓正), in normal form.
 * Idempotent, so the index and every query tokenizer can call it with the
 * word list stored in the index.
 */
export function addJiebaWords(words: Iterable<string>): void {
  const fresh = [...words].filter((w) => w.length > 1 && !extraWords.has(w));
  if (fresh.length === 0) return;
  for (const w of fresh) extraWords.add(w);
  jieba().loadDict(Buffer.from(fresh.map((w) => `${w} 100000 nr`).join('\n') + '\n'));
}

/** The words taught so far, sorted: what a cached segmentation was made with. */
export function jiebaExtraWords(): string[] {
  return [...extraWords].sort();
}

/** A segmented word, its part-of-speech tag, and where it sits in the text segmented. */
export interface Segment {
  word: string;
  tag: string;
  start: number;
  /** Exclusive. */
  end: number;
}

/**
 * Words of a text with their offsets (HMM on, as everywhere else). Jieba returns
 * words only, so each is found again from where the previous one ended.
 */
export function segmentWithOffsets(text: string): Segment[] {
  const segments: Segment[] = [];
  let cursor = 0;
  for (const { word, tag } of jieba().tag(text, true)) {
    const at = text.startsWith(word, cursor) ? cursor : text.indexOf(word, cursor);
    if (at < 0) continue;
    segments.push({ word, tag, start: at, end: at + word.length });
    cursor = at + word.length;
  }
  return segments;
}
