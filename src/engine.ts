/**
 * The core behind one interface (Engine): it makes sure an index exists, loads it
 * once, answers questions and person look-ups, and, when asked to watch, switches
 * to a newly published build without a restart. A question holds the state it
 * started with, so questions in flight finish on the old index.
 */
import { unwatchFile, watchFile } from 'node:fs';
import { Answerer } from './answers/answerer.js';
import { toPersonAnswer } from './answers/person.js';
import type {
  AboutInfo,
  Answer,
  AskOptions,
  Engine,
  PersonAnswer,
  PersonChoice,
} from './answers/types.js';
import { answerInContext } from './conversation/answer-in-context.js';
import { ReferentFinder } from './conversation/referents.js';
import type { Config } from './config.js';
import { loadEmbedder, type Embedder } from './indexes/embedder.js';
import { ensureIndex } from './indexes/ensure.js';
import { loadIndex, type LoadedIndex } from './indexes/load.js';
import { currentBuildDir, pointerFile } from './indexes/store.js';
import type { Logger } from './logger.js';
import { matcherFor, nameForms, type PeopleMatcher } from './people/lookup.js';
import { DEFAULT_RETRIEVER, Retriever } from './retrieval/retriever.js';
import { detectLanguage } from './text/language.js';

export interface EngineHandle extends Engine {
  /** The build currently answering. */
  readonly buildDir: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  log: Logger;
  /** Follow data/current.json and switch to new builds (the bot does; one-shot CLIs do not). */
  watch?: boolean;
}

/** How long a replaced model stays loaded for questions that started before a reindex. */
const RETIRE_AFTER_MS = 30_000;

interface State {
  index: LoadedIndex;
  embedder: Embedder | null;
  answerer: Answerer;
  people: PeopleMatcher;
  /** What a follow-up's pronouns can point back to, in this build. */
  referents: ReferentFinder;
  about: AboutInfo;
}

interface EmbedderChoice {
  embedder: Embedder | null;
  /** Why a hybrid index answers from keywords only. */
  reason?: string;
}

/** The embedder a build needs: the one already loaded when it fits, else a fresh load. */
async function embedderFor(
  index: LoadedIndex,
  config: Config,
  log: Logger,
  current: Embedder | null,
): Promise<EmbedderChoice> {
  const e = index.manifest.embedding;
  if (index.manifest.mode !== 'hybrid' || !e) return { embedder: null };
  if (current && current.model === e.model && current.dims === e.dims) return { embedder: current };
  const loaded = await loadEmbedder({
    model: e.model,
    cacheDir: config.MODEL_CACHE_DIR,
    allowRemote: config.ALLOW_REMOTE_MODELS,
    timeoutMs: config.MODEL_DOWNLOAD_TIMEOUT_MS,
    quantized: e.quantized,
  });
  if (!loaded.ok) {
    const reason = `the index has vectors from ${e.model}, but the model cannot be loaded now (${loaded.reason})`;
    log.warn(`Answering from keywords only: ${reason}. ${loaded.hint}`);
    return { embedder: null, reason };
  }
  if (loaded.embedder.dims !== e.dims) {
    await loaded.embedder.dispose();
    throw new Error(
      `Model ${e.model} gives ${loaded.embedder.dims} dims but the index holds ${e.dims}. Run npm run reindex.`,
    );
  }
  return { embedder: loaded.embedder };
}

async function openState(
  dir: string,
  config: Config,
  log: Logger,
  current: Embedder | null,
): Promise<State> {
  const index = await loadIndex(dir, { requestedModel: config.EMBEDDING_MODEL });
  const { embedder, reason } = await embedderFor(index, config, log, current);
  const people = matcherFor(index.people);
  const retriever = new Retriever(index, embedder, nameForms(index.people), {
    ...DEFAULT_RETRIEVER,
    synonyms: config.SYNONYM_SOURCES,
  });
  const topics = sectionTopics(index);
  const answerer = new Answerer(retriever, () => [...people.topNames(5), ...topics]);
  const m = index.manifest;
  const modeReason = reason ?? m.modeReason;
  const about: AboutInfo = {
    documents: m.documents,
    passages: m.counts.passages,
    people: m.counts.people,
    mode: retriever.mode,
    ...(retriever.mode === 'lexical' && modeReason !== undefined && { modeReason }),
    model: embedder ? embedder.model : null,
    builtAt: m.createdAt,
  };
  return { index, embedder, answerer, people, referents: ReferentFinder.fromIndex(index), about };
}

function sectionTopics(index: LoadedIndex): string[] {
  return [...new Set(index.passages.map((p) => p.section).filter((s): s is string => s !== null))];
}

export async function openEngine(config: Config, options: OpenOptions): Promise<EngineHandle> {
  const { log } = options;
  const { dir } = await ensureIndex(config, log);
  let state = await openState(dir, config, log, null);
  let reloading: Promise<void> | null = null;

  // Never throws: a build that cannot be read leaves the bot answering from the old one.
  const reload = async () => {
    try {
      const next = await currentBuildDir(config.DATA_DIR);
      if (!next || next === state.index.dir) return;
      const previous = state;
      state = await openState(next, config, log, previous.embedder);
      const retired = previous.embedder;
      if (retired && retired !== state.embedder) {
        // Questions in flight may still embed with it; let them finish first.
        setTimeout(() => void retired.dispose().catch(() => undefined), RETIRE_AFTER_MS).unref();
      }
      log.info({ build: state.index.manifest.buildId }, 'Switched to the new index build.');
    } catch (err) {
      log.error(
        { err },
        'A new index build was published but could not be loaded; still answering from the old one.',
      );
    }
  };
  const pointer = pointerFile(config.DATA_DIR);
  if (options.watch) {
    // watchFile polls, which survives the rename that publishes the pointer (fs.watch loses the inode).
    watchFile(pointer, { interval: 500 }, () => {
      reloading ??= reload().finally(() => (reloading = null));
    });
  }

  return {
    get buildDir() {
      return state.index.dir;
    },
    async ask(question: string, options: AskOptions = {}): Promise<Answer> {
      const s = state;
      return answerInContext(question, options.context ?? [], s.referents, (q) =>
        s.answerer.answer(q),
      );
    },
    person(query: string): PersonAnswer {
      const s = state;
      return toPersonAnswer(
        query,
        detectLanguage(query),
        s.people.lookup(query),
        s.index.manifest.documents,
      );
    },
    suggestPeople(partial: string, limit: number): PersonChoice[] {
      return state.people.suggest(partial, limit);
    },
    about(): AboutInfo {
      return state.about;
    },
    async close() {
      if (options.watch) unwatchFile(pointer);
      await reloading;
      await state.embedder?.dispose();
    },
  };
}
