import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/indexes/checksum.js';
import { writeJsonArray, writeParts } from '../src/indexes/json-array-file.js';

const dir = mkdtempSync(path.join(tmpdir(), 'article-bot-json-array-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeJsonArray', () => {
  const passages = Array.from({ length: 4500 }, (_, i) => ({
    id: i,
    text: `第${i}段：「引號」與 "quotes"、反斜線 \\ 和換行\n，還有 emoji 🙂。`,
    paragraphs: [i, i + 1],
    section: i % 3 === 0 ? null : '小標',
  }));
  const cases: [string, unknown[], { object: object; key: string } | undefined, unknown][] = [
    ['empty', [], undefined, []],
    ['one string', ['一'], undefined, ['一']],
    ['more than one batch of objects', passages, undefined, passages],
    ['the only value of an object', ['一'], { object: {}, key: 'people' }, { people: ['一'] }],
    [
      'an object whose last value is the array',
      passages.slice(0, 10),
      { object: { version: 3 }, key: 'people' },
      { version: 3, people: passages.slice(0, 10) },
    ],
  ];

  it.each(cases)(
    'writes what JSON.stringify writes, byte for byte: %s',
    async (name, items, within, whole) => {
      const file = path.join(dir, `${name}.json`);
      const sum = await writeJsonArray(file, items, within);
      const bytes = readFileSync(file);
      expect(bytes.toString('utf8')).toBe(JSON.stringify(whole));
      expect(sum).toBe(sha256(bytes));
    },
  );
});

describe('writeParts', () => {
  it('writes small and large parts in order, and gives the sha256 of what it wrote', async () => {
    const large = new Uint8Array(3 << 20).map((_, i) => i % 251);
    const parts: Uint8Array[] = [
      Buffer.from('head'),
      ...Array.from({ length: 3000 }, (_, i) => Buffer.from(`,${i}`)),
      large,
      Buffer.from('tail'),
      new Uint8Array(0),
      large.subarray(5, (1 << 20) + 5),
      Buffer.from('end'),
    ];
    const file = path.join(dir, 'parts.bin');
    const sum = await writeParts(file, parts);
    const bytes = readFileSync(file);
    expect(bytes.equals(Buffer.concat(parts))).toBe(true);
    expect(sum).toBe(sha256(bytes));
  });
});
