/**
 * The core behind one interface (Engine): it makes sure an index exists, loads it
 * once, answers questions and person look-ups, and, when asked to watch, switches
 * to a newly published build without a restart. A question holds the state it
 * started with, so questions in flight finish on the old index.
 */
import { unwatchFile, watchFile } from 'node:fs';
import { admitQuestion } from './answers/admission.js';
import { articleInfos, UnknownArticleError } from './answers/articles.js';
import { Answerer } from './answers/answerer.js';
import { toPersonAnswer } from './answers/person.js';
import { Responder } from './answers/responder.js';
import type {
  AboutInfo,
  Answer,
  AskOptions,
  Engine,
  PersonAnswer,
  PersonChoice,
  Reply,
  SummaryAnswer,
  SummaryRequest,
} from './answers/types.js';
import { answerInContext } from './conversation/answer-in-context.js';
import { ReferentFinder } from './conversation/referents.js';
import { classifyIntent, type Intent } from './intent/classify.js';
import type { Config } from './config.js';
import { loadEmbedder, type Embedder } from './embedding/load.js';
import { describeSkip } from './corpus/files.js';
import { ensureIndexWith } from './indexes/ensure.js';
import { loadIndex, type LoadedIndex } from './indexes/load.js';
import { IndexCorruptError } from './indexes/manifest.js';
import { pointerFile, readPointer, setAside } from './indexes/store.js';
import type { Logger } from './logger.js';
import { matcherFor, nameForms, type PeopleMatcher } from './people/lookup.js';
import type { PersonEntry } from './people/types.js';
import { DEFAULT_RETRIEVER, Retriever } from './retrieval/retriever.js';
import { detectLanguage } from './text/language.js';

export interface EngineHandle extends Engine {
  /** The build currently answering. */
  readonly buildDir: string;
  checkForNewBuild(): Promise<void>;
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
  responder: Responder;
  people: PeopleMatcher;
  retriever: Retriever;
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

/**
 * The person a look-up names, or else the one person whose role it describes ("the
 * former assistant secretary of defense"): a reader may not remember a name.
 */
function lookUpOrDescribed(
  s: State,
  query: string,
  maxChars: number,
): { person: PersonEntry | null; suggestions: string[] } {
  const found = s.people.lookup(query);
  // A description is read as a question is, so it is held to a question's length.
  if (found.person || query.length > maxChars) return found;
  const person = s.retriever.describes(query);
  return person ? { person, suggestions: [] } : found;
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
    articles: articleInfos(m.documents, index.passages),
    passages: m.counts.passages,
    people: m.counts.people,
    mode: retriever.mode,
    ...(retriever.mode === 'lexical' && modeReason !== undefined && { modeReason }),
    model: embedder ? embedder.model : null,
    builtAt: m.createdAt,
    buildId: m.buildId,
    skipped: m.skipped,
  };
  const responder = new Responder(index, answerer, retriever.mode);
  const referents = ReferentFinder.fromIndex(index);
  return { index, embedder, answerer, responder, people, retriever, referents, about };
}

/** The article a question is restricted to, checked before anything runs (a summary request too). */
function scopeOf(state: State, options: AskOptions): { doc?: string } {
  if (options.doc === undefined) return {};
  const ids = state.index.manifest.documents.map((d) => d.id);
  if (!ids.includes(options.doc)) throw new UnknownArticleError(options.doc, ids);
  return { doc: options.doc };
}

function sectionTopics(index: LoadedIndex): string[] {
  return [...new Set(index.passages.map((p) => p.section).filter((s): s is string => s !== null))];
}

function warnSkipped(state: State, log: Logger): void {
  const { skipped } = state.index.manifest;
  if (skipped.length === 0) return;
  log.warn(
    `The index leaves out ${skipped.length} corpus file(s):\n${skipped.map((s) => `  ${describeSkip(s)}`).join('\n')}`,
  );
}

export async function openEngine(config: Config, options: OpenOptions): Promise<EngineHandle> {
  const { log } = options;
  let { value: state } = await ensureIndexWith(config, log, (dir) =>
    openState(dir, config, log, null),
  );
  warnSkipped(state, log);
  let reloading: Promise<void> | null = null;
  let again = false;

  // Never throws: a build that cannot be read leaves the bot answering from the old one.
  const reload = async () => {
    let next: string | null = null;
    try {
      const pointer = await readPointer(config.DATA_DIR);
      if (pointer.state === 'bad')
        log.warn(`${pointer.problem}; still answering from the old build.`);
      if (pointer.state !== 'ok' || pointer.dir === state.index.dir) return;
      next = pointer.dir;
      const previous = state;
      state = await openState(next, config, log, previous.embedder);
      warnSkipped(state, log);
      const retired = previous.embedder;
      if (retired && retired !== state.embedder) {
        // Questions in flight may still embed with it; let them finish first.
        setTimeout(() => void retired.dispose().catch(() => undefined), RETIRE_AFTER_MS).unref();
      }
      log.info({ build: state.index.manifest.buildId }, 'Switched to the new index build.');
    } catch (err) {
      if (err instanceof IndexCorruptError && next) {
        await setAside(next).catch(() => undefined);
        log.error(
          `A new index build was published but is damaged (${err.file}: ${err.problem}); it was set aside, and the old build keeps answering.`,
        );
      } else {
        log.error(
          { err },
          'A new index build was published but could not be loaded; still answering from the old one.',
        );
      }
    }
  };
  // A change that lands while a reload runs is not lost: the reload runs once more after.
  const scheduleReload = (): Promise<void> => {
    if (reloading) {
      again = true;
      return reloading;
    }
    reloading = (async () => {
      do {
        again = false;
        await reload();
      } while (again);
    })().finally(() => (reloading = null));
    return reloading;
  };
  const pointer = pointerFile(config.DATA_DIR);
  if (options.watch) {
    // watchFile polls, which survives the rename that publishes the pointer (fs.watch loses the inode).
    watchFile(pointer, { interval: 500 }, () => void scheduleReload());
  }

  return {
    get buildDir() {
      return state.index.dir;
    },
    async ask(question: string, options: AskOptions = {}): Promise<Answer> {
      admitQuestion(question, config.MAX_QUESTION_CHARS);
      const s = state;
      const scope = scopeOf(s, options);
      return answerInContext(question, options.context ?? [], s.referents, (q) =>
        s.answerer.answer(q, scope),
      );
    },
    async reply(text: string, intent?: Intent, options: AskOptions = {}): Promise<Reply> {
      admitQuestion(text, config.MAX_QUESTION_CHARS);
      const s = state;
      const scope = scopeOf(s, options);
      const context = options.context ?? [];
      if (context.length === 0) return s.responder.reply(text, intent, scope);
      // Only a question follows up; a greeting or a summary request after one is just that.
      const kind = intent ?? classifyIntent(text);
      if (kind !== 'question') return s.responder.reply(text, kind, scope);
      const answer = await answerInContext(text, context, s.referents, (q) =>
        s.answerer.answer(q, scope),
      );
      return { kind: 'answer', answer };
    },
    summary(request: SummaryRequest): SummaryAnswer {
      return state.responder.summary(request);
    },
    person(query: string): PersonAnswer {
      const s = state;
      return toPersonAnswer(
        query,
        detectLanguage(query),
        lookUpOrDescribed(s, query, config.MAX_QUESTION_CHARS),
        s.index.manifest.documents,
      );
    },
    suggestPeople(partial: string, limit: number): PersonChoice[] {
      return state.people.suggest(partial, limit);
    },
    about(): AboutInfo {
      return state.about;
    },
    /** Look at data/current.json now instead of waiting for the poll (tests, reindex hooks). */
    checkForNewBuild: scheduleReload,
    async close() {
      if (options.watch) unwatchFile(pointer);
      await reloading;
      await state.embedder?.dispose();
    },
  };
}
