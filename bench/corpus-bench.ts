/**
 * What one corpus size costs, each measurement in a fresh process (bench/worker.ts)
 * so that one size's caches, jieba words and heap do not leak into the next:
 * a full build, a build after one article changed, and opening the index cold and
 * answering the fixed question list; beside it, minisearch over the same passages
 * with the same tokenizer.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { DEFAULT_RETRIEVER } from '../src/retrieval/retriever.js';
import { parseConfig, type Config } from '../src/config.js';
import { openEngine } from '../src/engine.js';
import { runBuild } from '../src/indexes/build-runner.js';
import { loadIndex } from '../src/indexes/load.js';
import { currentBuildDir } from '../src/indexes/store.js';
import { tokenizerOptions } from '../src/indexes/tokenizer-options.js';
import { searchableText } from '../src/lexicon/field-words.js';
import { createLogger } from '../src/logger.js';
import { termsOf } from '../src/retrieval/query.js';
import { tokenize } from '../src/text/tokenize.js';
import { benchQuestions } from './questions.js';
import { megabytes, msSince, quantile } from './stats.js';
import { seedVocabulary } from './synthetic-corpus.js';

export function benchConfig(corpusDir: string, dataDir: string): Config {
  return parseConfig({
    CORPUS_DIR: corpusDir,
    DATA_DIR: dataDir,
    EMBEDDING_MODEL: 'none',
    LOG_LEVEL: 'warn',
  });
}

export interface BuildMeasure {
  ms: number;
  /** CPU time of the build (user + system): less moved than wall time by other work on a shared machine. */
  cpuMs?: number;
  peakRssMb: number;
  /** From asking for the build to its first step: the worker starting and loading the build's code, not counted in `ms`. */
  startMs?: number;
  passages: number;
  terms: number;
  people: number;
}

export async function measureBuild(corpusDir: string, dataDir: string): Promise<BuildMeasure> {
  const config = benchConfig(corpusDir, dataDir);
  // As npm run reindex builds: in a worker under BUILD_MAX_HEAP_MB (build-runner.ts).
  // Timed from the first step, as the build was when it ran in this process after its
  // modules had loaded; the worker's start is kept beside it.
  const asked = performance.now();
  let t0 = 0;
  let cpu0 = process.cpuUsage();
  const { manifest } = await runBuild(config, createLogger('warn', 'plain'), {
    onStep: () => {
      if (t0 !== 0) return;
      t0 = performance.now();
      cpu0 = process.cpuUsage();
    },
  });
  const cpu = process.cpuUsage(cpu0);
  return {
    ms: msSince(t0),
    cpuMs: (cpu.user + cpu.system) / 1000,
    startMs: t0 - asked,
    peakRssMb: megabytes(process.resourceUsage().maxRSS * 1024),
    passages: manifest.counts.passages,
    terms: manifest.counts.terms,
    people: manifest.counts.people,
  };
}

export interface Latency {
  p50: number;
  p95: number;
}

export interface ServeMeasure {
  openMs: number;
  rssAfterLoadMb: number;
  indexBytes: number;
  ask: Latency;
  bm25: Latency;
  /** Absent when not measured: at 10,000 articles it took too long on the shared machine. */
  minisearch?: { buildMs: number } & Latency;
}

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(path.join(dir, name))).size;
  return total;
}

/** Each question timed `rounds` times after one untimed pass (warm caches, as a running bot has). */
function latency(questions: string[], rounds: number, run: (q: string) => void): Latency {
  for (const q of questions) run(q);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t0 = performance.now();
      run(q);
      times.push(msSince(t0));
    }
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

async function asyncLatency(
  questions: string[],
  rounds: number,
  run: (q: string) => Promise<unknown>,
): Promise<Latency> {
  for (const q of questions) await run(q);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t0 = performance.now();
      await run(q);
      times.push(msSince(t0));
    }
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

export async function measureServe(
  corpusDir: string,
  dataDir: string,
  options: { minisearch: boolean } = { minisearch: true },
): Promise<ServeMeasure> {
  const config = benchConfig(corpusDir, dataDir);
  const questions = benchQuestions(await seedVocabulary());
  const t0 = performance.now();
  const engine = await openEngine(config, { log: createLogger('warn', 'plain') });
  const openMs = msSince(t0);
  const rssAfterLoadMb = megabytes(process.memoryUsage().rss);
  const ask = await asyncLatency(questions, 3, (q) => engine.ask(q));

  // The keyword index alone, and minisearch over the same passages and tokens.
  const dir = (await currentBuildDir(config.DATA_DIR))!;
  const index = await loadIndex(dir);
  const tokenizer = tokenizerOptions(config);
  // As retrieval asks it: the best candidates, not every passage scored.
  const limit = DEFAULT_RETRIEVER.candidates * 2;
  const bm25 = latency(questions, 3, (q) => index.bm25.search(termsOf(q, 1, tokenizer), { limit }));
  const served = {
    openMs,
    rssAfterLoadMb,
    indexBytes: await directoryBytes(dir),
    ask,
    bm25,
  };
  if (!options.minisearch) {
    await engine.close();
    return served;
  }
  const t1 = performance.now();
  const mini = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    tokenize: (text) => tokenize(text, tokenizer),
    processTerm: (term) => term,
  });
  mini.addAll(index.passages.map((p) => ({ id: p.id, text: searchableText(p) })));
  const buildMs = msSince(t1);
  const minisearch = latency(questions, 3, (q) => mini.search(q));
  await engine.close();
  return { ...served, minisearch: { buildMs, ...minisearch } };
}
