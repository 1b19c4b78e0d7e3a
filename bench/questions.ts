/**
 * The fixed question list every corpus size is queried with: questions written for
 * the seed article (it is article 0 of every synthetic corpus), questions about
 * synthetic people and questions made of seed vocabulary. The same list at every
 * size, so latencies compare.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { seededRandom } from './prng.js';
import { syntheticName, type Vocabulary } from './synthetic-corpus.js';

export function benchQuestions(vocab: Vocabulary): string[] {
  const seedQuestions = readFileSync(path.join(PROJECT_ROOT, 'test/eval/questions.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { q: string }).q)
    .slice(0, 20);
  const r = seededRandom(7);
  const people = Array.from({ length: 10 }, (_, i) => `${syntheticName(1 + i * 3)}說了什麼？`);
  const topical = Array.from({ length: 10 }, () => {
    const w = () => vocab.seedWords[r.zipf(Math.min(300, vocab.seedWords.length))]!;
    return `${w()}${w()}和${w()}有什麼關係？`;
  });
  return [...seedQuestions, ...people, ...topical];
}
