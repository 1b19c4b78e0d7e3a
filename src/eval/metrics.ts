/**
 * Retrieval and look-up quality on question sets of the shape in test/eval/
 * (see its README): hit@1, hit@3 and MRR per language, abstention, and person
 * look-up accuracy. Pure over an Engine, so tests assert thresholds with it.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { rankedExcerpts } from '../answers/answerer.js';
import type { Answer, Engine } from '../answers/types.js';

export const EvalQuestion = z.object({
  id: z.string(),
  lang: z.string(),
  q: z.string(),
  /** Empty for a line not labelled yet (as `npm run feedback -- --export` writes them). */
  gold: z.array(z.string()),
  out_of_scope: z.boolean().optional(),
  /** Previous questions of the conversation, oldest first: `q` is a follow-up of them. */
  context: z.array(z.string()).optional(),
});
export type EvalQuestion = z.infer<typeof EvalQuestion>;

export const EvalPerson = z.object({ q: z.string(), expect: z.string().nullable() });
export type EvalPerson = z.infer<typeof EvalPerson>;

export async function readJsonl<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = schema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export interface LangScores {
  n: number;
  hit1: number;
  hit3: number;
  mrr: number;
}

export interface QuestionOutcome {
  id: string;
  lang: string;
  q: string;
  outOfScope: boolean;
  abstained: boolean;
  confidence: Answer['confidence'];
  /**
   * 1-based rank of the first gold passage among those returned, or null. An abstention
   * answers nothing, so its rank is null even when it lists related passages.
   */
  rank: number | null;
  /** Rank of the gold passage among whatever was listed, abstention or not: for diagnosis. */
  listedRank: number | null;
  answer: Answer;
  /** Wall-clock time the engine took to answer, in milliseconds. */
  ms: number;
}

export interface RetrievalReport {
  /** Lines with no gold and not marked out of scope: answered, but not scored. */
  unlabelled: QuestionOutcome[];
  byLang: Record<string, LangScores>;
  answerable: LangScores;
  outOfScope: { n: number; abstained: number };
  falseAbstentions: number;
  outcomes: QuestionOutcome[];
  /** Milliseconds per question: mean, median and 95th percentile. */
  latency: { mean: number; p50: number; p95: number };
}

function scores(outcomes: QuestionOutcome[]): LangScores {
  const n = outcomes.length;
  const at = (k: number) =>
    outcomes.filter((o) => o.rank !== null && o.rank <= k).length / Math.max(1, n);
  const mrr = outcomes.reduce((s, o) => s + (o.rank ? 1 / o.rank : 0), 0) / Math.max(1, n);
  return { n, hit1: at(1), hit3: at(3), mrr };
}

export interface EvaluateOptions {
  /** Ask follow-ups with their `context` (default), or alone, to see what the context adds. */
  useContext?: boolean;
}

/** A line that says what a right answer is: gold phrases, or out of scope. */
export function isLabelled(q: EvalQuestion): boolean {
  return q.gold.length > 0 || q.out_of_scope === true;
}

export async function evaluateRetrieval(
  engine: Engine,
  questions: EvalQuestion[],
  options: EvaluateOptions = {},
): Promise<RetrievalReport> {
  const outcomes: QuestionOutcome[] = [];
  const unlabelled: QuestionOutcome[] = [];
  const useContext = options.useContext ?? true;
  for (const q of questions) {
    const started = performance.now();
    const answer = await engine.ask(
      q.q,
      useContext && q.context ? { context: q.context } : undefined,
    );
    const ms = performance.now() - started;
    // Ranked as `ask --json` lists them.
    const passages = rankedExcerpts(answer).map((e) => e.passage.text);
    const idx = passages.findIndex((t) => q.gold.some((g) => t.includes(g)));
    const listedRank = idx >= 0 ? idx + 1 : null;
    (isLabelled(q) ? outcomes : unlabelled).push({
      id: q.id,
      lang: q.lang,
      q: q.q,
      outOfScope: q.out_of_scope === true,
      abstained: answer.abstained,
      confidence: answer.confidence,
      rank: answer.abstained ? null : listedRank,
      listedRank,
      answer,
      ms,
    });
  }
  const answerable = outcomes.filter((o) => !o.outOfScope);
  const langs = [...new Set(answerable.map((o) => o.lang))];
  const oos = outcomes.filter((o) => o.outOfScope);
  return {
    unlabelled,
    byLang: Object.fromEntries(
      langs.map((l) => [l, scores(answerable.filter((o) => o.lang === l))]),
    ),
    answerable: scores(answerable),
    outOfScope: { n: oos.length, abstained: oos.filter((o) => o.abstained).length },
    falseAbstentions: answerable.filter((o) => o.abstained).length,
    outcomes,
    latency: latencyOf([...outcomes, ...unlabelled].map((o) => o.ms)),
  };
}

function latencyOf(ms: number[]): RetrievalReport['latency'] {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return { mean, p50: at(0.5), p95: at(0.95) };
}

export interface PeopleReport {
  n: number;
  correct: number;
  misses: { q: string; expect: string | null; got: string | null }[];
}

export function evaluatePeople(engine: Engine, people: EvalPerson[]): PeopleReport {
  const misses: PeopleReport['misses'] = [];
  for (const p of people) {
    const got = engine.person(p.q).person?.name ?? null;
    const ok = p.expect === null ? got === null : got !== null && got.includes(p.expect);
    if (!ok) misses.push({ q: p.q, expect: p.expect, got });
  }
  return { n: people.length, correct: people.length - misses.length, misses };
}
