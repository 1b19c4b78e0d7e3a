/**
 * Question sets in keyword mode (no model), held to the thresholds: a gold
 * passage in the top 3 for ≥95% of answerable questions, every clearly out-of-scope
 * question abstained on, at most one false abstention, at most one person miss.
 *
 * questions.jsonl / people.jsonl are the development sets the method was tuned on;
 * validation-*.jsonl were written separately, by someone who saw only the article,
 * to check that the method generalises (validation 2 was written after the method
 * was tuned on the others, and first scored 94.3% hit@3 with one false abstention).
 * The first validation set's out-of-scope questions are harder (they reuse the
 * article's words: Tesla, Harvard, HKUST); half must be caught.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { openEngine } from '../src/engine.js';
import {
  EvalPerson,
  EvalQuestion,
  evaluatePeople,
  evaluateRetrieval,
  readJsonl,
} from '../src/eval/metrics.js';
import { silentLog, testConfig } from './helpers/config.js';

interface QuestionSet {
  name: string;
  questions: string;
  people?: string;
  oosShare: number;
}

const SETS: QuestionSet[] = [
  { name: 'development', questions: 'questions.jsonl', people: 'people.jsonl', oosShare: 1 },
  {
    name: 'validation',
    questions: 'validation-questions.jsonl',
    people: 'validation-people.jsonl',
    oosShare: 0.5,
  },
];

describe('question sets, keyword mode', async () => {
  const config = testConfig();
  const engine = await openEngine(config, { log: silentLog });
  afterAll(async () => {
    await engine.close();
    config.cleanup();
  });

  it('runs without the model', () => {
    expect(engine.about().mode).toBe('lexical');
  });

  describe.each(SETS)('$name set', (set) => {
    it('finds a gold passage in the top 3 for at least 95% of answerable questions, abstains on out-of-scope ones', async () => {
      const questions = await readJsonl(
        path.join(PROJECT_ROOT, 'test/eval', set.questions),
        EvalQuestion,
      );
      const report = await evaluateRetrieval(engine, questions);
      const misses = report.outcomes.filter(
        (o) => !o.outOfScope && (o.rank === null || o.rank > 3),
      );
      expect(misses.length, JSON.stringify(misses, null, 1)).toBeLessThanOrEqual(
        Math.floor(report.answerable.n * 0.05),
      );
      expect(report.answerable.hit3).toBeGreaterThanOrEqual(0.95);
      for (const s of Object.values(report.byLang)) expect(s.hit3).toBeGreaterThanOrEqual(0.8);
      expect(report.outOfScope.abstained).toBeGreaterThanOrEqual(
        Math.ceil(report.outOfScope.n * set.oosShare),
      );
      expect(report.falseAbstentions).toBeLessThanOrEqual(1);
    });

    it.runIf(set.people !== undefined)(
      'resolves the person look-ups with at most one miss',
      async () => {
        const people = await readJsonl(
          path.join(PROJECT_ROOT, 'test/eval', set.people!),
          EvalPerson,
        );
        const report = evaluatePeople(engine, people);
        expect(report.misses.length, JSON.stringify(report.misses)).toBeLessThanOrEqual(1);
      },
    );
  });
});
