import { describe, expect, it } from 'vitest';
import { PassageSchema, isPassage } from '../src/indexes/schemas.js';

const valid = {
  id: 3,
  doc: 'seed',
  section: '「印象深刻」的決定',
  kind: 'paragraph',
  tags: [],
  paragraphs: [5, 6],
  paragraphStarts: [0, 40],
  text: '1月27日,DeepSeek登頂蘋果美區應用商店免費App下載排行榜',
  start: 120,
  end: 180,
};

/** Every way below to break one field of a passage. */
const broken: Record<string, unknown[]> = {
  id: [-1, 1.5, '3', null, undefined, Number.NaN, 2 ** 60],
  doc: [3, null, undefined],
  section: [3, undefined],
  kind: ['heading', null, undefined],
  tags: [['photo'], 'caption', null, [null]],
  paragraphs: [[-1, 6], [5], '5', [5.5, 6], null],
  paragraphStarts: [[0], [0, -4], null, ['0', 40]],
  text: ['', 3, null],
  start: [-1, 0.5, null],
  end: ['180', undefined],
};

describe('the hand-written passage check', () => {
  it('passes what the schema passes, and never what the schema refuses', () => {
    const samples: unknown[] = [
      valid,
      {
        ...valid,
        section: null,
        kind: 'masthead',
        tags: ['masthead'],
        paragraphs: [],
        paragraphStarts: [],
      },
      { ...valid, kind: 'caption', tags: ['caption'], extra: 'kept' },
      null,
      'passage',
      [valid],
    ];
    for (const [field, values] of Object.entries(broken))
      for (const value of values) samples.push({ ...valid, [field]: value });
    samples.push(Object.fromEntries(Object.entries(valid).filter(([key]) => key !== 'id')));

    let refused = 0;
    for (const sample of samples) {
      const schema = PassageSchema.safeParse(sample).success;
      // No looser than the schema: what it passes, the schema passes.
      if (isPassage(sample)) expect(schema, JSON.stringify(sample)).toBe(true);
      else refused++;
      // And as strict only where the schema is: the loader would otherwise ask zod for nothing.
      expect(isPassage(sample), JSON.stringify(sample)).toBe(schema);
    }
    expect(refused).toBeGreaterThan(30);
  });
});
