import { describe, expect, it } from 'vitest';
import { segmentWithOffsets } from '../src/text/jieba.js';

describe('segmentWithOffsets', () => {
  it('places every word at its offset, with its tag', () => {
    const text = '宋俊潇说, DeepSeek 很强。';
    const segments = segmentWithOffsets(text);
    for (const s of segments) expect(text.slice(s.start, s.end)).toBe(s.word);
    expect(segments.map((s) => s.word).join('')).toBe(text);
    expect(segments.find((s) => s.word === '说')?.tag).toBe('v');
    expect(segments.every((s, i) => i === 0 || s.start === segments[i - 1]!.end)).toBe(true);
  });
});
