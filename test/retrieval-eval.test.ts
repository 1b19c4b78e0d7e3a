/**
 * The development question sets in keyword mode (no model), held to the issue's
 * thresholds: a gold passage in the top 3 for ≥95% of answerable questions, every
 * out-of-scope question abstained on, at most one false abstention, and at most one
 * person look-up miss.
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

describe('development set, keyword mode', async () => {
  const config = testConfig();
  const engine = await openEngine(config, { log: silentLog });
  afterAll(async () => {
    await engine.close();
    config.cleanup();
  });
  const questions = await readJsonl(
    path.join(PROJECT_ROOT, 'test/eval/questions.jsonl'),
    EvalQuestion,
  );
  const people = await readJsonl(path.join(PROJECT_ROOT, 'test/eval/people.jsonl'), EvalPerson);

  it('runs without the model', () => {
    expect(engine.about().mode).toBe('lexical');
  });

  it('finds a gold passage in the top 3 for at least 95% of answerable questions, in every language', async () => {
    const report = await evaluateRetrieval(engine, questions);
    const misses = report.outcomes.filter((o) => !o.outOfScope && (o.rank === null || o.rank > 3));
    expect(misses.length, JSON.stringify(misses, null, 1)).toBeLessThanOrEqual(
      Math.floor(report.answerable.n * 0.05),
    );
    expect(report.answerable.hit3).toBeGreaterThanOrEqual(0.95);
    for (const [, s] of Object.entries(report.byLang)) expect(s.hit3).toBeGreaterThanOrEqual(0.8);
    expect(report.outOfScope.abstained).toBe(report.outOfScope.n);
    expect(report.falseAbstentions).toBeLessThanOrEqual(1);
  });

  it('resolves the person look-ups with at most one miss', () => {
    const report = evaluatePeople(engine, people);
    expect(report.misses.length, JSON.stringify(report.misses)).toBeLessThanOrEqual(1);
  });
});
