import { describe, expect, it } from 'vitest';
import { JsonElementsError, parseJsonElements } from '../src/indexes/json-elements.js';

function elements(value: unknown, depth: number): { rest: unknown; items: unknown[] } {
  const items: unknown[] = [];
  const rest = parseJsonElements(Buffer.from(JSON.stringify(value)), depth, (v, i) => {
    expect(i).toBe(items.length);
    items.push(v);
  });
  return { rest, items };
}

describe('parseJsonElements', () => {
  const tricky = [
    { text: '引號"、反斜線\\、逗號,括號[]{}', n: 1, nested: [[1, 2], { a: [3] }] },
    { text: '', n: 0, nested: [] },
    '字串 ] , [',
    42,
    null,
  ];

  it('gives the elements of the top-level array, as JSON.parse would', () => {
    expect(elements(tricky, 1)).toEqual({ rest: [], items: tricky });
    expect(elements([], 1)).toEqual({ rest: [], items: [] });
  });

  it('gives the elements of an array inside the top-level object, and the rest', () => {
    const file = { version: 1, people: tricky, after: { x: '[' } };
    expect(elements(file, 2)).toEqual({
      rest: { version: 1, people: [], after: { x: '[' } },
      items: tricky,
    });
  });

  it('reads pretty-printed JSON', () => {
    const items: unknown[] = [];
    parseJsonElements(Buffer.from(JSON.stringify(tricky, null, 2)), 1, (v) => items.push(v));
    expect(items).toEqual(tricky);
  });

  it('refuses what is not JSON', () => {
    for (const bad of [
      '[{"a":1}',
      '[{"a":1},{]',
      '[1,2]]',
      '["open]',
      'not json',
      '[1 2]',
      '[1,]',
      '[,1]',
      '[,]',
    ])
      expect(() => parseJsonElements(Buffer.from(bad), 1, () => undefined), bad).toThrow(
        JsonElementsError,
      );
  });
});
