/**
 * The reindex pipeline: corpus → passages → people, glossary, keyword and vector
 * indexes → one atomically published build.
 */
import { readFileSync, statSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { embeddingDisabled, type Config } from '../config.js';
import { corpusLimits } from '../corpus/files.js';
import { EmptyCorpusError, loadCorpus } from '../corpus/load.js';
import type { Corpus, CorpusDocument, PassageTag } from '../corpus/types.js';
import type { Logger } from '../logger.js';
import { nameLexicon } from '../people/lexicon.js';
import { PeopleDataError } from '../people/curated.js';
import type { NamesOf, StandaloneOf } from '../people/detect.js';
import { pinyinAliases } from '../people/names.js';
import type { MentionsOf } from '../people/mentions.js';
import {
  buildPeopleRegistry,
  loadCuratedPeople,
  peopleWords,
  type PeopleRegistry,
} from '../people/registry.js';
import { cedictDataPath, loadCedict, type CedictEntry } from '../lexicon/cedict.js';
import { fieldWords } from '../lexicon/field-words.js';
import { crossLingualTableJson } from '../lexicon/crosslingual-build.js';
import {
  dictionaryFacts,
  factsPart,
  isFactsPart,
  lazyDictionaryFacts,
  type DictionaryFacts,
  type FactsOf,
} from '../lexicon/dictionary-facts.js';
import {
  GlossaryDataError,
  extractParentheticalGlossary,
  loadGlossary,
  type GlossaryEntry,
} from '../lexicon/glossary.js';
import { addJiebaWords, jiebaExtraWords } from '../text/jieba.js';
import { normalize } from '../text/normalize.js';
import { tokenizeNormalized, type TokenizerOptions } from '../text/tokenize.js';
import { TEXT_FORM, tokenizerOptions } from './tokenizer-options.js';
import { isStringArray } from '../guards.js';
import { publishDirectory } from './atomic.js';
import { storePeople } from './people-file.js';
import { writeJsonArray, writeParts } from './json-array-file.js';
import { crossLingualCache } from './crosslingual-cache.js';
import {
  Bm25Builder,
  Bm25DataError,
  DEFAULT_BM25,
  bm25Segment,
  segmentFits,
  type Bm25Index,
  type Bm25Segment,
} from './bm25.js';
import { keepKeywordBase, keywordPatchPlan, patchKeywords } from './keyword-base.js';
import { calibrate } from './calibrate.js';
import { loadEmbedder } from '../embedding/load.js';
import type { ProgressReporter } from '../embedding/progress.js';
import { articleMemo } from './article-memo.js';
import { sha256 } from './checksum.js';
import { withBuildLock } from './lock.js';
import { INDEX_SCHEMA_VERSION, type Calibration, type Manifest } from './manifest.js';
import { summarizeDocument, summaryParameters } from './summary.js';
import { DEFAULT_SUMMARY } from '../summary/select.js';
import { BuildCache, cacheDir, settingsKey, stableKey, type CacheStats } from './build-cache.js';
import {
  isDocumentMentions,
  isBm25Segment,
  isDocumentNames,
  isSummaryOrNull,
  passageVectors,
  mentionPlacer,
  passagesOf,
  type FoundMentions,
  shiftSummary,
  type SplitCorpus,
} from './cached-steps.js';
import { FILES, buildsDir, newBuildId, removeLeftovers, switchCurrent } from './store.js';
import { VectorIndex } from './vector-index.js';

export interface BuildResult {
  dir: string;
  manifest: Manifest;
  /** What the build cache spared: sections reused and derived, by kind. */
  cache: CacheStats;
}

export interface BuildOptions {
  /** Show a download progress bar for the model (reindex script); quiet elsewhere. */
  progress?: boolean;
  /** Where the model download's progress goes instead (a build in a worker sends it to its parent). */
  reporter?: ProgressReporter;
  /** Told as each stage starts, for the reindex script's progress lines. */
  onStep?: (step: string) => void;
  /** Derive everything anew, reading nothing from the build cache (reindex --full). */
  full?: boolean;
}

/** Bump when `pinyinAliases` changes what it gives, so the kept answers are dropped. */
const ROMANIZATION_VERSION = 1;

const HAN_WORD = /^\p{Script=Han}[\p{Script=Han}·]{1,11}$/u;

interface NamesAndTerms {
  people: PeopleRegistry;
  /** Names and glossary terms in normal form, for jieba (see `addJiebaWords`). */
  extraWords: string[];
  /** The English→Chinese table as crosslingual.json holds it. */
  crosslingual: string;
  /** Each article's mentions of the people, as found (for `mentionPlacer`). */
  mentions: ReadonlyMap<CorpusDocument, FoundMentions>;
}

/**
 * Everything the build reads CC-CEDICT for: the people (its surnames and common
 * words), the words jieba must keep whole, and the English→Chinese table. What these
 * need from the dictionary alone is kept in the build cache (dictionary-facts.ts), so
 * the dictionary itself is read only when that is missing or the table must be made
 * anew, and let go before the passages are embedded; nothing that answers questions
 * ever loads it.
 */
async function namesAndTerms(
  config: Config,
  corpus: Corpus,
  cache: BuildCache,
  step: (step: string) => void,
): Promise<NamesAndTerms> {
  const dictionaryFile = cedictDataPath();
  let read: CedictEntry[] | undefined;
  // Told as a step when it happens, which on most reindexes is never.
  const dictionary = () => {
    if (read === undefined) {
      step('Reading the CC-CEDICT dictionary');
      read = loadCedict(dictionaryFile);
    }
    return read;
  };
  const dictionaryKey = dictionaryFingerprint(dictionaryFile, cache);
  // Each part is read when first used (most reindexes never read the table's part).
  let whole: DictionaryFacts | undefined;
  const facts = lazyDictionaryFacts((part) =>
    cache.shared(
      `dictionary-${part}`,
      settingsKey('dictionary-facts', part, TEXT_FORM, dictionaryKey),
      (v: unknown): v is FactsOf<typeof part> => isFactsPart(part, v),
      () => factsPart((whole ??= dictionaryFacts(dictionary())), part),
    ),
  );

  step('Finding people');
  const lexicon = nameLexicon(facts);
  // Detection segments with jieba before this build teaches it the names, so the
  // words it knows now (none in a fresh process) are part of the key.
  const namesKey = settingsKey('names', TEXT_FORM, dictionaryKey, jiebaExtraWords());
  const namesOf: NamesOf = (doc, compute) =>
    cache.of(doc).reuse('names', namesKey, isDocumentNames, compute);
  // Which names stand alone depends on every name the corpus has: one new name
  // anywhere looks at every article again.
  const standaloneKeys = new Map<readonly string[], string>();
  const standaloneOf: StandaloneOf = (doc, keys, compute) => {
    let key = standaloneKeys.get(keys);
    if (key === undefined) {
      key = settingsKey('standalone', TEXT_FORM, keys);
      standaloneKeys.set(keys, key);
    }
    return cache.of(doc).reuse('standalone', key, isStringArray, compute);
  };
  // Mentions are found with jieba too (a lone surname must be a word of its own), and
  // with every person's forms: one new name anywhere finds them all again.
  const mentionsKeys = new Map<string, string>();
  // Each article's, as found, for placing them among the passages (`mentionPlacer`).
  const mentions = new Map<CorpusDocument, FoundMentions>();
  const mentionsOf: MentionsOf = (doc, formsKey, compute) => {
    let key = mentionsKeys.get(formsKey);
    if (key === undefined) {
      key = settingsKey('mentions', TEXT_FORM, formsKey, jiebaExtraWords());
      mentionsKeys.set(formsKey, key);
    }
    const found = cache.of(doc).reuse('mentions', key, isDocumentMentions, compute);
    mentions.set(doc, { key, mentions: found });
    return found;
  };
  const curated = await curatedOrSkip(corpus, 'people.json', () =>
    loadCuratedPeople(config.CORPUS_DIR),
  );
  const romanized = cache.memo(
    'romanized',
    settingsKey('romanized', TEXT_FORM, ROMANIZATION_VERSION),
    isStringArray,
    pinyinAliases,
  );
  const options = { lexicon, namesOf, standaloneOf, mentionsOf, romanize: romanized.get };
  let people: PeopleRegistry;
  try {
    people = buildPeopleRegistry(corpus, curated, options);
  } catch (err) {
    if (!(err instanceof PeopleDataError)) throw err;
    corpus.skipped.push({ file: 'people.json', problem: err.message });
    people = buildPeopleRegistry(corpus, [], options);
  }
  romanized.keep();
  const glossary = [
    ...(await curatedOrSkip<GlossaryEntry>(corpus, 'glossary.json', () =>
      loadGlossary(config.CORPUS_DIR),
    )),
    ...extractParentheticalGlossary(corpus),
  ];

  // Names and glossary terms become jieba words so that passages and later queries
  // segment them whole; the list goes into the manifest for query-time tokenizers.
  // The table below reads the corpus through jieba too, so it comes after.
  const extraWords = [
    ...new Set(
      [...peopleWords(people), ...glossary.map((g) => normalize(g.zh))].filter((w) =>
        HAN_WORD.test(w),
      ),
    ),
  ].sort();
  addJiebaWords(extraWords);

  step('Building the English→Chinese table');
  const englishPairs = people.people.flatMap((p) =>
    p.aliases.filter((a) => /[A-Za-z]/.test(a)).map((english) => ({ english, zh: p.name })),
  );
  const crosslingual = crossLingualTableJson({
    corpus,
    glossary,
    extraPairs: englishPairs,
    dictionary,
    extraTexts: searchedBesideParagraphs(corpus),
    ...crossLingualCache(cache, corpus, dictionaryKey),
    facts,
  });
  return { people, extraWords, crosslingual, mentions };
}

/**
 * Identifies the dictionary, on which detection and the table depend: a hash of its
 * file's bytes, since every key made from this is a `settingsKey`, which covers the
 * code that parses them. The hash is kept under the file's path, size, times and
 * inode, as make and git trust a file's metadata: a reindex then does not read 9 MB
 * to learn that the dictionary is the one it was.
 */
function dictionaryFingerprint(file: string, cache: BuildCache): string {
  const { size, mtimeMs, ctimeMs, ino } = statSync(file);
  return cache.shared(
    'dictionary-hash',
    stableKey('dictionary-file', file, size, mtimeMs, ctimeMs, ino),
    (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v),
    () => sha256(readFileSync(file)),
  );
}

/**
 * A curated file (people.json, glossary.json) that cannot be used is skipped like a
 * bad article: the build goes on without it and says so.
 */
async function curatedOrSkip<T>(
  corpus: Corpus,
  file: string,
  load: () => Promise<T[]>,
): Promise<T[]> {
  try {
    return await load();
  } catch (err) {
    if (!(err instanceof PeopleDataError) && !(err instanceof GlossaryDataError)) throw err;
    corpus.skipped.push({ file, problem: err.message });
    return [];
  }
}

/** Masthead lines and the field words of what the corpus holds, which queries may name. */
function searchedBesideParagraphs(corpus: Corpus): string[] {
  const tags = new Set<PassageTag>();
  const texts: string[] = [];
  for (const doc of corpus.documents) {
    if (doc.paragraphs.some((p) => p.kind === 'caption')) tags.add('caption');
    if (doc.masthead.length > 0) tags.add('masthead');
    texts.push(...doc.masthead.map((m) => m.text));
  }
  return [...texts, fieldWords([...tags])];
}

/**
 * The keyword index: the last build's patched where the cache keeps it and most
 * articles are as they were (keyword-base.ts), else assembled from every article's
 * segment. Either way an article's segment is read from the cache or made from its
 * tokens, and what is made is kept.
 */
function keywordIndex(
  documents: readonly CorpusDocument[],
  split: SplitCorpus,
  tokenizer: TokenizerOptions,
  tokenKey: string,
  cache: BuildCache,
): Bm25Index {
  const { spans } = split;
  const keywordsKey = settingsKey('keywords', tokenKey);
  const isSegment = (v: unknown): v is Bm25Segment => isBm25Segment(v) && segmentFits(v);
  const segmentOf = (doc: CorpusDocument): Bm25Segment =>
    cache.of(doc).reuse('keywords', keywordsKey, isSegment, () => {
      return bm25Segment(split.normalOf(doc).map((text) => tokenizeNormalized(text, tokenizer)));
    });
  const plan = keywordPatchPlan(cache, tokenKey, tokenizer, documents, spans);
  if (plan) {
    try {
      return patchKeywords(plan, (i) => segmentOf(documents[i]!));
    } catch (err) {
      // A kept index that does not fit after all: assemble, as without one.
      if (!(err instanceof Bm25DataError)) throw err;
      cache.note('damaged', 'keywords-base');
    }
  }
  const builder = new Bm25Builder();
  for (const doc of documents) builder.addSegment(segmentOf(doc));
  return builder.finish(DEFAULT_BM25, tokenizer);
}

/**
 * Build and publish an index from the corpus. Holds the build lock throughout (a
 * second build fails at once with LockBusyError) and first clears what a killed
 * build left behind.
 */
export async function buildIndex(
  config: Config,
  log: Logger,
  options: BuildOptions = {},
): Promise<BuildResult> {
  return withBuildLock(config.DATA_DIR, () => buildHoldingLock(config, log, options));
}

/**
 * `buildIndex` for a caller that holds the build lock itself: build-runner.ts, whose
 * build runs in a worker thread that may be stopped at its heap limit and started again.
 */
export async function buildHoldingLock(
  config: Config,
  log: Logger,
  options: BuildOptions = {},
): Promise<BuildResult> {
  const leftovers = await removeLeftovers(config.DATA_DIR);
  if (leftovers.length > 0) {
    log.info(`Removed ${leftovers.length} half-written build(s) an interrupted reindex left.`);
  }
  const started = performance.now();
  const step = options.onStep ?? (() => undefined);
  step(`Reading articles in ${config.CORPUS_DIR}`);
  const cache = BuildCache.open(config.DATA_DIR, options.full !== true);
  const articles = articleMemo(cache);
  const corpus = await loadCorpus(config.CORPUS_DIR, corpusLimits(config), {
    parse: articles.parse,
  });
  if (corpus.documents.length === 0) throw new EmptyCorpusError(config.CORPUS_DIR, corpus.skipped);
  articles.keep();
  cache.track(corpus.documents, articles.keys);
  const { people, extraWords, crosslingual, mentions } = await namesAndTerms(
    config,
    corpus,
    cache,
    step,
  );

  step('Splitting into passages');
  const chunking = { maxChars: config.CHUNK_MAX_CHARS, minChars: config.CHUNK_MIN_CHARS };
  const tokenizer = tokenizerOptions(config);
  const split = passagesOf(corpus.documents, chunking, cache);
  const { spans } = split;

  step(`Building the keyword index over ${split.count} passages`);
  // Tokens depend on every word jieba was taught in this process (names found in
  // the whole corpus), so that set is part of their key: a new name anywhere
  // re-tokenizes every article.
  const tokenKey = settingsKey('tokens', chunking, tokenizer, TEXT_FORM, jiebaExtraWords());
  const bm25 = keywordIndex(corpus.documents, split, tokenizer, tokenKey, cache);

  step("Choosing each article's summary sentences");
  const summaryKey = settingsKey('summary', tokenKey, DEFAULT_SUMMARY);
  const summaries = corpus.documents.flatMap((doc) => {
    const { from } = spans.get(doc)!;
    // Stored with passage numbers counted from the article's first passage, so the
    // entry stays right when articles before it come or go.
    const relative = cache
      .of(doc)
      .reuse('summary', summaryKey, isSummaryOrNull, () =>
        shiftSummary(summarizeDocument(doc, split.passagesOf(doc), tokenizer), -from),
      );
    const summary = shiftSummary(relative, from);
    return summary ? [summary] : [];
  });

  let mode: Manifest['mode'] = 'lexical';
  let modeReason: string | undefined;
  let embedding: Manifest['embedding'] = null;
  let vectors: VectorIndex | null = null;
  const hnsw = {
    m: config.HNSW_M,
    efConstruction: config.HNSW_EF_CONSTRUCTION,
    efSearch: config.HNSW_EF_SEARCH,
  };
  if (embeddingDisabled(config)) {
    modeReason = 'EMBEDDING_MODEL=none switches the vector index off.';
  } else {
    step(`Loading embedding model ${config.EMBEDDING_MODEL}`);
    const loaded = await loadEmbedder({
      model: config.EMBEDDING_MODEL,
      cacheDir: config.MODEL_CACHE_DIR,
      allowRemote: config.ALLOW_REMOTE_MODELS,
      timeoutMs: config.MODEL_DOWNLOAD_TIMEOUT_MS,
      quantized: config.EMBEDDING_QUANTIZED,
      progress: options.progress ?? false,
      ...(options.reporter && { reporter: options.reporter }),
    });
    if (!loaded.ok) {
      modeReason = `Embedding model ${config.EMBEDDING_MODEL} is unavailable: ${loaded.reason}`;
      log.warn(`${modeReason}\nBuilding a keyword-only index. ${loaded.hint}`);
    } else {
      // The build's model is its own: the engine that answers loads the one the manifest names.
      const { embedder } = loaded;
      let calibration: Calibration;
      try {
        step(`Embedding ${split.count} passages`);
        const modelKey = { model: config.EMBEDDING_MODEL, quantized: config.EMBEDDING_QUANTIZED };
        vectors = VectorIndex.build(
          await passageVectors(corpus.documents, split, embedder, modelKey, cache),
          embedder.dims,
          hnsw,
        );
        step('Calibrating the vector index on unrelated questions');
        calibration = await calibrate(embedder, vectors);
      } finally {
        await embedder.dispose();
      }
      mode = 'hybrid';
      embedding = {
        model: embedder.model,
        dims: embedder.dims,
        quantized: config.EMBEDDING_QUANTIZED,
        queryPrefix: embedder.queryPrefix,
        passagePrefix: embedder.passagePrefix,
        calibration,
      };
    }
  }

  const buildId = newBuildId();
  const manifest: Manifest = {
    schemaVersion: INDEX_SCHEMA_VERSION,
    buildId,
    createdAt: new Date().toISOString(),
    buildMs: 0,
    corpusHash: corpus.hash,
    documents: corpus.documents.map((d) => d.meta),
    chunking,
    tokenizer: { ...tokenizer, extraWords, textForm: TEXT_FORM },
    mode,
    ...(modeReason !== undefined && { modeReason }),
    requestedModel: config.EMBEDDING_MODEL,
    embedding,
    hnsw: vectors ? hnsw : null,
    summary: summaryParameters(),
    counts: {
      documents: corpus.documents.length,
      passages: split.count,
      people: people.people.length,
      terms: bm25.vocabularySize,
    },
    skipped: corpus.skipped,
    // Filled in once the files are written.
    checksums: { files: {}, passages: split.checksums },
  };

  step('Writing the index');
  const dir = path.join(buildsDir(config.DATA_DIR), buildId);
  await publishDirectory(dir, async (tmp) => {
    // Each file is hashed from the bytes written rather than read back: at ten thousand
    // articles that was 700 MB read again at the build's peak.
    const sums = new Map<string, string>();
    const into = (name: string) => path.join(tmp, name);
    // The large ones a part at a time (json-array-file.ts): whole, their text was the
    // build's peak.
    sums.set(FILES.passages, await writeParts(into(FILES.passages), split.passagesJson()));
    sums.set(FILES.normal, await writeParts(into(FILES.normal), split.normalJson()));
    sums.set(FILES.bm25, await writeParts(into(FILES.bm25), bm25.serializedParts()));
    const { people: stored, ...rest } = storePeople(people, mentionPlacer(split, mentions, cache));
    sums.set(
      FILES.people,
      await writeJsonArray(into(FILES.people), stored, { object: rest, key: 'people' }),
    );
    sums.set(
      FILES.crosslingual,
      await writeParts(into(FILES.crosslingual), [Buffer.from(crosslingual)]),
    );
    sums.set(FILES.summary, await writeJsonArray(into(FILES.summary), summaries));
    // hnswlib writes its own file.
    if (vectors) await vectors.save(path.join(tmp, FILES.vectors));
    for (const name of (await readdir(tmp)).sort()) {
      manifest.checksums.files[name] =
        sums.get(name) ?? sha256(await readFile(path.join(tmp, name)));
    }
    manifest.buildMs = Math.round(performance.now() - started);
    // The manifest goes last: a folder with a manifest is a complete build.
    await writeFile(path.join(tmp, FILES.manifest), JSON.stringify(manifest));
  });
  await switchCurrent(config.DATA_DIR, buildId, config.INDEX_KEEP_BUILDS);
  // After publishing: a cache that cannot be written costs the next build time, not this one.
  try {
    keepKeywordBase(
      cache,
      tokenKey,
      path.join(dir, FILES.bm25),
      manifest.checksums.files[FILES.bm25]!,
      corpus.documents,
      spans,
    );
    await cache.save();
  } catch (err) {
    log.warn(
      `The build cache in ${cacheDir(config.DATA_DIR)} could not be written: ${(err as Error).message}`,
    );
  }
  return { dir, manifest, cache: cache.stats };
}
