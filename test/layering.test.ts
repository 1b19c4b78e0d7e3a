/**
 * The layout reads like the architecture, and its arrows run one way: text ←
 * corpus, lexicon ← people ← indexes ← retrieval ← answers ← conversation ← render,
 * discord, cli. Beside that chain: intent (what a message asks for) and summary
 * (choosing sentences) sit on text alone; embedding (the model) sits on nothing of
 * ours, and indexes and retrieval use it; the feedback store sits beside answers, on
 * answers only; ingest (turning pages into corpus files) reads text and corpus, and
 * nothing in the index or answer path reads it.
 * A module never imports from a layer that depends on it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';

const CHAIN = [
  'text',
  'corpus',
  'lexicon',
  'people',
  'indexes',
  'retrieval',
  'answers',
  'conversation',
  'render',
  'discord',
  'cli',
];
const above = (layer: string): string[] => CHAIN.slice(CHAIN.indexOf(layer) + 1);
const SIDE = ['ingest', 'feedback'];

/** Layers each layer must not import from. */
const FORBIDDEN: Record<string, string[]> = {
  ...Object.fromEntries(
    ['text', 'corpus', 'lexicon', 'people', 'indexes', 'retrieval', 'answers', 'conversation'].map(
      (l) => [l, [...above(l), ...SIDE]],
    ),
  ),
  intent: [...above('text'), ...SIDE],
  summary: [...above('text'), ...SIDE],
  embedding: [...CHAIN, ...SIDE],
  ingest: [...above('corpus'), 'feedback'],
  feedback: ['indexes', 'retrieval', ...above('answers'), 'ingest'],
};

describe('module layers', () => {
  const srcDir = path.join(PROJECT_ROOT, 'src');
  const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.ts'),
  );

  it.each(Object.keys(FORBIDDEN))('%s imports only from the layers below it', (layer) => {
    const offending: string[] = [];
    for (const f of files.filter((f) => f.split(path.sep)[0] === layer)) {
      const text = readFileSync(path.join(srcDir, f), 'utf8');
      for (const [, target] of text.matchAll(/from '(\.\.?\/[^']+)'/g)) {
        const resolved = path.relative(srcDir, path.resolve(srcDir, path.dirname(f), target!));
        if (FORBIDDEN[layer]!.includes(resolved.split(path.sep)[0]!))
          offending.push(`${f} → ${resolved}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
