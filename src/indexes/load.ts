/**
 * Loading one published build into memory. Everything a question needs is here,
 * so a question in flight keeps answering from this object even after a reindex
 * publishes a newer build.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Passage } from '../corpus/types.js';
import type { PeopleRegistry } from '../people/registry.js';
import {
  CrossLingualTableError,
  parseCrossLingualTable,
  type CrossLingualTable,
} from '../lexicon/crosslingual-table.js';
import { addJiebaWords } from '../text/jieba.js';
import { Bm25Index, type Bm25Json } from './bm25.js';
import { IndexMismatchError, type Manifest } from './manifest.js';
import { FILES, readManifest } from './store.js';
import { SummaryFileSchema, summaryProblems, type DocumentSummary } from './summary.js';
import { VectorIndex } from './vector-index.js';

export interface LoadedIndex {
  dir: string;
  manifest: Manifest;
  passages: Passage[];
  bm25: Bm25Index;
  people: PeopleRegistry;
  crosslingual: CrossLingualTable;
  /** Each article's extractive summary, as ranges of its passages. */
  summaries: DocumentSummary[];
  /** Null in lexical mode. */
  vectors: VectorIndex | null;
}

async function readJson<T>(dir: string, name: string): Promise<T> {
  return JSON.parse(await readFile(path.join(dir, name), 'utf8')) as T;
}

/** The stored English→Chinese table, checked: a bad one is a broken index, told as such. */
function crossLingualTable(dir: string, json: unknown): CrossLingualTable {
  try {
    return parseCrossLingualTable(json);
  } catch (err) {
    if (err instanceof CrossLingualTableError)
      throw new IndexMismatchError(`${dir}: ${err.message}`);
    throw err;
  }
}

export interface LoadExpectations {
  /** The model the configuration asks for; a build made for another model is refused. */
  requestedModel?: string;
}

export async function loadIndex(dir: string, expect: LoadExpectations = {}): Promise<LoadedIndex> {
  const manifest = await readManifest(dir);
  if (expect.requestedModel !== undefined && manifest.requestedModel !== expect.requestedModel) {
    throw new IndexMismatchError(
      `The index in ${dir} was built for embedding model ${manifest.requestedModel}, but ` +
        `EMBEDDING_MODEL is ${expect.requestedModel}. Run \`npm run reindex\` to rebuild it.`,
    );
  }
  addJiebaWords(manifest.tokenizer.extraWords);
  const [passages, bm25Json, people, crosslingualJson, summaryJson] = await Promise.all([
    readJson<Passage[]>(dir, FILES.passages),
    readJson<Bm25Json>(dir, FILES.bm25),
    readJson<PeopleRegistry>(dir, FILES.people),
    readJson<unknown>(dir, FILES.crosslingual),
    readJson<unknown>(dir, FILES.summary),
  ]);
  const crosslingual = crossLingualTable(dir, crosslingualJson);
  const bm25 = Bm25Index.fromJSON(bm25Json, { tokenizer: manifest.tokenizer });
  if (bm25.size !== passages.length || passages.length !== manifest.counts.passages) {
    throw new IndexMismatchError(
      `The index in ${dir} is inconsistent (passage counts differ). Run npm run reindex.`,
    );
  }
  const summaries = SummaryFileSchema.safeParse(summaryJson);
  const summaryIssues = summaries.success
    ? summaryProblems(summaries.data, passages)
    : [summaries.error.message];
  if (summaryIssues.length > 0) {
    throw new IndexMismatchError(
      `The summaries in ${dir} do not fit its passages (${summaryIssues[0]}). Run npm run reindex.`,
    );
  }
  let vectors: VectorIndex | null = null;
  if (manifest.mode === 'hybrid') {
    const file = path.join(dir, FILES.vectors);
    if (!manifest.embedding || !manifest.hnsw || !existsSync(file)) {
      throw new IndexMismatchError(
        `The hybrid index in ${dir} lacks its vectors. Run npm run reindex.`,
      );
    }
    vectors = await VectorIndex.load(file, manifest.embedding.dims, passages.length, manifest.hnsw);
  }
  return {
    dir,
    manifest,
    passages,
    bm25,
    people,
    crosslingual,
    summaries: summaries.data!,
    vectors,
  };
}
