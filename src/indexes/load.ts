/**
 * Loading one published build into memory. Everything a question needs is here,
 * so a question in flight keeps answering from this object even after a reindex
 * publishes a newer build.
 *
 * Nothing is trusted: each file must match the sha256 the manifest records, parse,
 * and have its expected shape, and each passage's text must match its own sha256.
 * A build that fails any check throws IndexCorruptError naming the file, and the
 * caller sets it aside (ensure.ts); an edited passages.json is never served as
 * the article's words.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Passage } from '../corpus/types.js';
import type { PeopleRegistry } from '../people/registry.js';
import { withLazyMentions } from '../people/mentions.js';
import type { PersonEntry } from '../people/types.js';
import {
  CrossLingualTableError,
  parseCrossLingualTable,
  type CrossLingualTable,
} from '../lexicon/crosslingual-table.js';
import { addJiebaWords } from '../text/jieba.js';
import { Bm25DataError, Bm25FormatError, Bm25Index } from './bm25.js';
import { sha256 } from './checksum.js';
import { internPassage, internPerson, StringPool } from './intern.js';
import { JsonElementsError, parseJsonElements } from './json-elements.js';
import { IndexCorruptError, IndexMismatchError, type Manifest } from './manifest.js';
import {
  checkMentions,
  restoreMentions,
  StoredMentionError,
  type StoredPerson,
} from './people-file.js';
import { PassageSchema, PeopleTopSchema, StoredPersonSchema, isPassage } from './schemas.js';
import { FILES, readManifest } from './store.js';
import { SummaryFileSchema, summaryProblems, type DocumentSummary } from './summary.js';
import { VectorIndex } from './vector-index.js';

export interface LoadedIndex {
  dir: string;
  manifest: Manifest;
  passages: Passage[];
  /** Each passage's searchable text (with its field words) in normal form, by passage id. */
  normalTexts: string[];
  bm25: Bm25Index;
  people: PeopleRegistry;
  crosslingual: CrossLingualTable;
  /** Each article's extractive summary, as ranges of its passages. */
  summaries: DocumentSummary[];
  /** Null in lexical mode. */
  vectors: VectorIndex | null;
}

/** A build file's bytes, checked against the sha256 the manifest vouches for. */
async function readVouched(dir: string, name: string, manifest: Manifest): Promise<Buffer> {
  const file = path.join(dir, name);
  const expected = manifest.checksums.files[name];
  if (expected === undefined) throw new IndexCorruptError(file, 'is not listed in manifest.json');
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new IndexCorruptError(
      file,
      `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    );
  }
  if (sha256(bytes) !== expected) {
    throw new IndexCorruptError(
      file,
      'does not match its checksum in manifest.json (damaged or edited)',
    );
  }
  return bytes;
}

/** A build file's JSON, vouched for and parsed; its shape is checked by the caller. */
async function readJson(dir: string, name: string, manifest: Manifest): Promise<unknown> {
  const bytes = await readVouched(dir, name, manifest);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new IndexCorruptError(
      path.join(dir, name),
      `is not valid JSON (${(err as Error).message})`,
    );
  }
}

/**
 * `json` itself, once it has the shape of `schema`; `at` is where it sits in the file.
 * The parsed JSON is kept rather than zod's copy: the copy doubled the people registry
 * while loading, and, built one property at a time, held each mention in a larger
 * object than JSON.parse makes.
 */
function checked<T>(
  file: string,
  json: unknown,
  schema: z.ZodType<T>,
  at: PropertyKey[],
  fast?: (v: unknown) => v is T,
): T {
  // A hand-written check no looser than the schema passes what is well formed; the
  // schema itself then judges only what it refuses, and names what is wrong.
  if (fast?.(json)) return json;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = [...at, ...(issue?.path ?? [])].map(String).join('.') || '?';
    throw new IndexCorruptError(file, `has the wrong shape at ${where}: ${issue?.message ?? ''}`);
  }
  // Zod strips keys it does not know; the JSON keeps them, and nothing reads them.
  return json as T;
}

/** A JSON file of `schema`. */
async function readChecked<T>(
  dir: string,
  name: string,
  manifest: Manifest,
  schema: z.ZodType<T>,
): Promise<T> {
  return checked(path.join(dir, name), await readJson(dir, name, manifest), schema, []);
}

/**
 * A JSON file whose arrays `depth` containers deep are read one element at a time, each
 * checked against `element` and handed to `take`; returns the rest of the file, parsed.
 */
async function readElements<T>(
  dir: string,
  name: string,
  manifest: Manifest,
  depth: number,
  element: z.ZodType<T>,
  take: (value: T) => void,
  fast?: (v: unknown) => v is T,
): Promise<unknown> {
  const file = path.join(dir, name);
  const bytes = await readVouched(dir, name, manifest);
  const at = depth === 1 ? [] : ['people'];
  try {
    return parseJsonElements(bytes, depth, (value, i) =>
      take(checked(file, value, element, [...at, i], fast)),
    );
  } catch (err) {
    if (err instanceof JsonElementsError)
      throw new IndexCorruptError(file, `is not valid JSON (${err.message})`);
    throw err;
  }
}

/** The passages, each checked and its repeated strings pooled as it is read. */
async function readPassages(dir: string, manifest: Manifest, pool: StringPool): Promise<Passage[]> {
  const passages: Passage[] = [];
  const rest = await readElements(
    dir,
    FILES.passages,
    manifest,
    1,
    PassageSchema,
    (p) => {
      internPassage(p, pool);
      passages.push(p);
    },
    isPassage,
  );
  checked(path.join(dir, FILES.passages), rest, z.array(z.never()), []);
  return passages;
}

/** A stored person's own fields, without its stored mentions. */
function personFields({
  mentions: _mentions,
  names: _names,
  texts: _texts,
  captions: _captions,
  ...entry
}: StoredPerson): Omit<PersonEntry, 'mentions'> {
  return entry;
}

/**
 * The people registry, each person checked (every stored mention against the
 * passages) and its repeated strings pooled as it is read. A person's mention objects
 * are made the first time someone asks for them (see people-file.ts).
 */
async function readPeople(
  dir: string,
  manifest: Manifest,
  pool: StringPool,
  passages: readonly Passage[],
): Promise<PeopleRegistry> {
  const file = path.join(dir, FILES.people);
  const people: PersonEntry[] = [];
  const rest = await readElements(dir, FILES.people, manifest, 2, StoredPersonSchema, (stored) => {
    try {
      checkMentions(stored, passages);
    } catch (err) {
      if (err instanceof StoredMentionError)
        throw new IndexCorruptError(file, `the mentions of ${stored.name} ${err.message}`);
      throw err;
    }
    for (const list of stored.names)
      for (let i = 0; i < list.length; i++) list[i] = pool.intern(list[i]!);
    const person = withLazyMentions(personFields(stored), () => restoreMentions(stored, passages));
    internPerson(person, pool);
    people.push(person);
  });
  checked(file, rest, PeopleTopSchema, []);
  return { version: 1, people };
}

/** The stored English→Chinese table, checked: a bad one is a broken index, told as such. */
function crossLingualTable(dir: string, json: unknown): CrossLingualTable {
  try {
    return parseCrossLingualTable(json);
  } catch (err) {
    if (err instanceof CrossLingualTableError)
      throw new IndexCorruptError(path.join(dir, FILES.crosslingual), err.message);
    throw err;
  }
}

/** Each passage is where it says and holds the text the build vouched for. */
function checkPassages(dir: string, passages: Passage[], manifest: Manifest): void {
  const file = path.join(dir, FILES.passages);
  const sums = manifest.checksums.passages;
  if (sums.length !== passages.length || passages.length !== manifest.counts.passages) {
    throw new IndexCorruptError(
      file,
      `holds ${passages.length} passages; the manifest vouches for ${sums.length}`,
    );
  }
  passages.forEach((p, i) => {
    if (p.id !== i) throw new IndexCorruptError(file, `passage ${i} says it is passage ${p.id}`);
    if (sha256(p.text) !== sums[i]) {
      throw new IndexCorruptError(
        file,
        `the text of passage ${i} is not the text the build took from the corpus`,
      );
    }
  });
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
  // One file at a time, each interned before the next is read: read together, every
  // file's bytes, text and parsed copy were alive at once, and at ten thousand articles
  // that peak, not what the index keeps, set the process's memory.
  const pool = new StringPool();
  const passages = await readPassages(dir, manifest, pool);
  checkPassages(dir, passages, manifest);
  const people = await readPeople(dir, manifest, pool, passages);
  const normalTexts = await readChecked(dir, FILES.normal, manifest, z.array(z.string()));
  if (normalTexts.length !== passages.length)
    throw new IndexCorruptError(
      path.join(dir, FILES.normal),
      `holds ${normalTexts.length} texts for ${passages.length} passages`,
    );
  const bm25Bytes = await readVouched(dir, FILES.bm25, manifest);
  const crosslingualJson = await readJson(dir, FILES.crosslingual, manifest);
  const summaries = await readChecked(dir, FILES.summary, manifest, SummaryFileSchema);
  const crosslingual = crossLingualTable(dir, crosslingualJson);
  let bm25: Bm25Index;
  try {
    bm25 = Bm25Index.deserialize(bm25Bytes, { tokenizer: manifest.tokenizer });
  } catch (err) {
    if (err instanceof Bm25FormatError) throw new IndexMismatchError(`${dir}: ${err.message}`);
    if (err instanceof Bm25DataError)
      throw new IndexCorruptError(path.join(dir, FILES.bm25), err.message);
    throw err;
  }
  if (bm25.size !== passages.length) {
    throw new IndexCorruptError(
      path.join(dir, FILES.bm25),
      `covers ${bm25.size} passages; the build has ${passages.length}`,
    );
  }
  const summaryIssues = summaryProblems(summaries, passages);
  if (summaryIssues.length > 0)
    throw new IndexCorruptError(
      path.join(dir, FILES.summary),
      `does not fit the passages: ${summaryIssues[0]}`,
    );
  let vectors: VectorIndex | null = null;
  if (manifest.mode === 'hybrid') {
    const file = path.join(dir, FILES.vectors);
    if (!manifest.embedding || !manifest.hnsw) {
      throw new IndexCorruptError(
        path.join(dir, FILES.manifest),
        'is hybrid but has no embedding settings',
      );
    }
    // hnswlib reads the file itself; checking its bytes first keeps a garbled file out of native code.
    await readVouched(dir, FILES.vectors, manifest);
    try {
      vectors = await VectorIndex.load(
        file,
        manifest.embedding.dims,
        passages.length,
        manifest.hnsw,
      );
    } catch (err) {
      throw new IndexCorruptError(file, `cannot be loaded (${(err as Error).message})`);
    }
  }
  // Taught to jieba only once the build has proved sound.
  addJiebaWords(manifest.tokenizer.extraWords);
  return {
    dir,
    manifest,
    passages,
    normalTexts,
    bm25,
    people,
    crosslingual,
    summaries,
    vectors,
  };
}
