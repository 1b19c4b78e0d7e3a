/**
 * The per-article build cache: what a build derived from one article (its passages,
 * their keyword tokens, its summary, its passage vectors, the names found in it) is
 * kept under DATA_DIR/cache/, so a reindex after one article changed redoes the work
 * for that article only and rebuilds the corpus-wide statistics from the rest.
 *
 *   data/cache/<doc key>.v8   one file per article: the 32-byte sha256 of the body,
 *                             then the body as `v8.serialize` writes it
 *
 * An entry is found by a hash of the parsed document itself (meta and every block),
 * so anything that changes what the parser made of the file, including its name,
 * finds a different entry. Inside, each section carries the key of the settings it
 * was derived under (chunking, tokenizer and jieba's words, model); a section whose
 * key differs is recomputed. A damaged entry fails its checksum or its shape check
 * and is recomputed too: the cache can only ever cost a rebuild, never a wrong index.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { CorpusDocument } from '../corpus/types.js';
import { writeFileAtomic } from './atomic.js';
import { sha256 } from './checksum.js';

/** Bump when a section's layout or meaning changes: older entries are then ignored. */
export const CACHE_FORMAT = 3;

/**
 * Entries of this format, and of the JSON one before it (pruned like any stale entry).
 * V8's serializer reads a thousand articles' entries in about half the time JSON.parse
 * took, and the file is a quarter smaller: Chinese text is stored as UTF-16 code
 * units, without decoding UTF-8 first.
 */
const ENTRY_FILE = /^[0-9a-f]{64}\.(?:v8|json)$/;
const DIGEST_BYTES = 32;

function digest(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

export function cacheDir(dataDir: string): string {
  return path.join(dataDir, 'cache');
}

/** A stable key for a group of settings. */
export function settingsKey(...parts: unknown[]): string {
  return sha256(JSON.stringify([CACHE_FORMAT, ...parts]));
}

function documentKey(doc: CorpusDocument): string {
  return settingsKey('document', doc);
}

interface Section {
  key: string;
  value: unknown;
}

interface EntryBody {
  format: number;
  sections: Record<string, Section>;
}

/** Tells whether a cached value has the shape the build expects. */
export type Guard<T> = (value: unknown) => value is T;

/** What a build reused and what it had to derive, by section. */
export interface CacheStats {
  reused: Record<string, number>;
  derived: Record<string, number>;
  /** Entries that were present but unreadable, damaged or of another format. */
  damaged: number;
}

/** One article's entry. */
export class DocumentCache {
  private changed = false;

  constructor(
    readonly file: string,
    private readonly sections: Record<string, Section>,
    private readonly stats: CacheStats,
  ) {}

  /** The cached value of `section` when it was derived under `key`, else `derive()`'s, kept. */
  reuse<T>(section: string, key: string, guard: Guard<T>, derive: () => T): T {
    const held = this.sections[section];
    if (held && held.key === key && guard(held.value)) {
      this.stats.reused[section] = (this.stats.reused[section] ?? 0) + 1;
      return held.value;
    }
    const value = derive();
    this.sections[section] = { key, value };
    this.changed = true;
    this.stats.derived[section] = (this.stats.derived[section] ?? 0) + 1;
    return value;
  }

  /** The cached value of `section` when it was derived under `key`, counted as reused; else undefined. */
  peek<T>(section: string, key: string, guard: Guard<T>): T | undefined {
    const held = this.sections[section];
    if (held && held.key === key && guard(held.value)) {
      this.stats.reused[section] = (this.stats.reused[section] ?? 0) + 1;
      return held.value;
    }
    return undefined;
  }

  /** Keep a value derived outside `reuse` (work batched across articles). */
  put(section: string, key: string, value: unknown): void {
    this.sections[section] = { key, value };
    this.changed = true;
    this.stats.derived[section] = (this.stats.derived[section] ?? 0) + 1;
  }

  get dirty(): boolean {
    return this.changed;
  }

  body(): EntryBody {
    return { format: CACHE_FORMAT, sections: this.sections };
  }
}

function parseEntry(raw: Buffer): EntryBody | null {
  if (raw.length <= DIGEST_BYTES) return null;
  const body = raw.subarray(DIGEST_BYTES);
  if (!digest(body).equals(raw.subarray(0, DIGEST_BYTES))) return null;
  let value: unknown;
  try {
    value = deserialize(body);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { format, sections } = value as Partial<EntryBody>;
  if (format !== CACHE_FORMAT || typeof sections !== 'object' || sections === null) return null;
  for (const s of Object.values(sections) as unknown[]) {
    if (typeof s !== 'object' || s === null || typeof (s as Section).key !== 'string') return null;
  }
  return { format, sections };
}

/** The cache of one build: entries for the corpus's documents, read up front, written at the end. */
export class BuildCache {
  readonly stats: CacheStats = { reused: {}, derived: {}, damaged: 0 };
  private readonly entries = new Map<string, DocumentCache>();

  private constructor(
    private readonly dir: string | null,
    private readonly entryFiles: Map<CorpusDocument, string>,
  ) {}

  /**
   * The cache under `dataDir` for `documents`; with `enabled` false (reindex --full)
   * nothing is read, but what the build derives is still written for the next one.
   */
  static async open(
    dataDir: string,
    documents: readonly CorpusDocument[],
    enabled: boolean,
  ): Promise<BuildCache> {
    const files = new Map(documents.map((d) => [d, `${documentKey(d)}.v8`]));
    const cache = new BuildCache(cacheDir(dataDir), files);
    for (const doc of documents) {
      const file = files.get(doc)!;
      const body = enabled ? await cache.read(file) : null;
      cache.entries.set(file, new DocumentCache(file, body?.sections ?? {}, cache.stats));
    }
    return cache;
  }

  private async read(file: string): Promise<EntryBody | null> {
    let raw: Buffer;
    try {
      raw = await readFile(path.join(this.dir!, file));
    } catch {
      return null;
    }
    const body = parseEntry(raw);
    if (!body) this.stats.damaged++;
    return body;
  }

  of(doc: CorpusDocument): DocumentCache {
    const entry = this.entries.get(this.entryFiles.get(doc) ?? '');
    if (!entry) throw new Error(`The build cache was not opened for ${doc.meta.file}`);
    return entry;
  }

  /**
   * Write the entries that changed (each atomically) and delete those of articles no
   * longer in the corpus, or no longer as they were. Call it only while holding the
   * build lock, so two builds never prune each other's entries.
   */
  async save(): Promise<{ written: number; pruned: number }> {
    const dir = this.dir!;
    let written = 0;
    for (const entry of this.entries.values()) {
      if (!entry.dirty) continue;
      const body = serialize(entry.body());
      await writeFileAtomic(path.join(dir, entry.file), Buffer.concat([digest(body), body]));
      written++;
    }
    let pruned = 0;
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (this.entries.has(name)) continue;
      // Our own entries, and temporary files a killed build left.
      if (ENTRY_FILE.test(name) || name.endsWith('.tmp')) {
        await rm(path.join(dir, name), { force: true });
        pruned++;
      }
    }
    return { written, pruned };
  }
}

export const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

export const isStringArrays = (v: unknown): v is string[][] =>
  Array.isArray(v) && v.every(isStringArray);
