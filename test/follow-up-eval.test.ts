/**
 * The follow-up set (test/eval/followups.jsonl): pairs of a first question and a
 * follow-up that needs it, written from the article alone by a separate writer, in
 * three languages. Keyword mode. First score, with the resolver built from its unit
 * tests only: hit@3 0.795 with context, 0.692 without; 6 false abstentions (8
 * without); 2/6 out of scope abstained. After tuning the method on it: 0.872, 3, 2/6.
 * The bars hold the resolver to what it reached and to adding to what the question
 * alone gets; the out-of-scope misses are the answerability of the understood
 * questions, not their resolution.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { EvalQuestion, evaluateRetrieval, readJsonl } from '../src/eval/metrics.js';
import { keywordEngine } from './helpers/engine.js';

describe('follow-up set, keyword mode', async () => {
  const { engine } = await keywordEngine();
  const questions = await readJsonl(
    path.join(PROJECT_ROOT, 'test/eval/followups.jsonl'),
    EvalQuestion,
  );

  it('has a context line for every follow-up, in three languages', () => {
    expect(questions.length).toBeGreaterThanOrEqual(30);
    expect(questions.every((q) => (q.context?.length ?? 0) > 0)).toBe(true);
    expect(new Set(questions.map((q) => q.lang))).toEqual(new Set(['zh-Hant', 'zh-Hans', 'en']));
  });

  it('answers follow-ups with their context within the bars, and better than without', async () => {
    const withContext = await evaluateRetrieval(engine, questions);
    const alone = await evaluateRetrieval(engine, questions, { useContext: false });
    const misses = withContext.outcomes
      .filter((o) => (o.outOfScope ? !o.abstained : o.rank === null || o.rank > 3))
      .map((o) => ({ id: o.id, q: o.q, understood: o.answer.followUp?.understood, rank: o.rank }));
    const why = JSON.stringify(misses, null, 1);
    expect(withContext.answerable.hit3, why).toBeGreaterThanOrEqual(0.85);
    for (const s of Object.values(withContext.byLang))
      expect(s.hit3, why).toBeGreaterThanOrEqual(0.75);
    expect(withContext.falseAbstentions, why).toBeLessThanOrEqual(3);
    // 2/6 until answerability learned that a name the article lacks, beside one it has,
    // still makes the question about someone else, and that a cost is answered only
    // where the sentence gives it of what was asked.
    expect(withContext.outOfScope.abstained, why).toBeGreaterThanOrEqual(5);
    expect(withContext.answerable.hit3 - alone.answerable.hit3).toBeGreaterThanOrEqual(0.1);
  });
});

/**
 * The second follow-up set (test/eval/followups2.jsonl), by another writer from the article
 * alone, with more "who" questions followed by a pronoun for the person who answered them.
 * First score, before it was seen: hit@3 0.718 with context (0.667 alone), 5 false
 * abstentions, 4/9 out of scope abstained. After three general rules made with its misses
 * in view (the answer of a "who" question is what a pronoun then means; a fragment that
 * says more than a name is asked as written; a name never fills another kind's slot) and
 * one in answerability (an unknown three-character word led by a common surname is a
 * person the article does not name): 0.795, 4, 5/9. It is a development set now.
 */
describe('second follow-up set, keyword mode', async () => {
  const { engine } = await keywordEngine();
  const questions = await readJsonl(
    path.join(PROJECT_ROOT, 'test/eval/followups2.jsonl'),
    EvalQuestion,
  );

  it('answers within the bars it reached, and better than without context', async () => {
    const withContext = await evaluateRetrieval(engine, questions);
    const alone = await evaluateRetrieval(engine, questions, { useContext: false });
    const why = JSON.stringify(
      withContext.outcomes
        .filter((o) => (o.outOfScope ? !o.abstained : o.rank === null || o.rank > 3))
        .map((o) => ({ id: o.id, understood: o.answer.followUp?.understood, rank: o.rank })),
      null,
      1,
    );
    expect(withContext.answerable.hit3, why).toBeGreaterThanOrEqual(0.79);
    // Five since a passage must name the one person a question asks about (person-missing):
    // fu2-36 reads "he" as 潘梓正 where 艾利森 was meant, and its wrong answer (a miss
    // before) is an abstention now.
    expect(withContext.falseAbstentions, why).toBeLessThanOrEqual(5);
    expect(withContext.outOfScope.abstained, why).toBeGreaterThanOrEqual(6);
    expect(withContext.answerable.hit3 - alone.answerable.hit3).toBeGreaterThanOrEqual(0.1);
  });
});
