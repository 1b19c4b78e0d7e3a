/**
 * The per-article build cache: what a build derived from one article (its passages,
 * their keyword tokens, its summary, its passage vectors, the names found in it and
 * where people are mentioned) is kept under DATA_DIR/cache/, so a reindex after one
 * article changed redoes the work for that article only and rebuilds the
 * corpus-wide statistics from the rest.
 *
 *   data/cache/<doc key>.<section>.v8   one file per article and section: the 32-byte
 *                                       sha256 of the body, then the body as
 *                                       `v8.serialize` writes it
 *   data/cache/shared-<name>.v8         what a build derives from something other than
 *                                       the articles (the dictionary), in the same layout
 *   data/cache/<name>.bin               a file of the last build, linked (see `keepFile`)
 *
 * An entry is found by a hash of the parsed document itself (meta and every block),
 * so anything that changes what the parser made of the file, including its name,
 * finds a different entry. Each section carries the key of the settings it was
 * derived under (chunking, tokenizer and jieba's words, model); a section whose key
 * differs is recomputed. A damaged section fails its checksum or its shape check
 * and is recomputed too: the cache can only ever cost a rebuild, never a wrong index.
 *
 * A section is read when the build asks for it and written as soon as it is derived,
 * so the cache holds nothing in memory: with ten thousand articles, keeping every
 * article's sections until the end of the build cost gigabytes. V8's serializer
 * reads a section in about half the time JSON.parse took, and writes Chinese text as
 * UTF-16 code units without decoding UTF-8 first.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { CorpusDocument } from '../corpus/types.js';
import { sha256 } from './checksum.js';

/** Bump when a section's layout or meaning changes: older entries are then ignored. */
export const CACHE_FORMAT = 6;

/** A section of an article's entry: the document key, then the section's name. */
const SECTION_FILE = /^([0-9a-f]{64})\.[a-z-]+\.v8$/;
/** Whole-article entries of the formats before this one, and shared parts no build keeps now, pruned as stale. */
const OLD_ENTRY_FILE = /^(?:[0-9a-f]{64}\.(?:v8|json)|shared-(?:vocabulary|dictionary-facts)\.v8)$/;
const DIGEST_BYTES = 32;

export function cacheDir(dataDir: string): string {
  return path.join(dataDir, 'cache');
}

/** A key for a group of values that does not depend on the program's code. */
export function stableKey(...parts: unknown[]): string {
  return sha256(JSON.stringify([CACHE_FORMAT, ...parts]));
}

/**
 * A key for what the program derives under some settings: it includes the program's
 * own code, so that a build after the code changed (a new weight in the table, a fix
 * in name detection) derives everything again instead of reusing what the old code
 * made. Users' builds never see such a change except once after an upgrade.
 */
export function settingsKey(...parts: unknown[]): string {
  return stableKey(codeFingerprint(), ...parts);
}

let fingerprint: string | undefined;

/** sha256 of every file of the program (src/ under tsx, dist/ when compiled), by path. */
export function codeFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile())
        h.update(path.relative(root, full)).update('\0').update(readFileSync(full)).update('\0');
    }
  };
  walk(root);
  return (fingerprint = h.digest('hex'));
}

/** Found by the parsed document alone, so sections that do not depend on the code (vectors) survive an upgrade. */
export function documentKey(doc: CorpusDocument): string {
  return stableKey('document', doc);
}

function digest(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

interface SectionBody {
  format: number;
  key: string;
  value: unknown;
}

/** Tells whether a cached value has the shape the build expects. */
export type Guard<T> = (value: unknown) => value is T;

/** What a build reused and what it had to derive, by section. */
export interface CacheStats {
  reused: Record<string, number>;
  derived: Record<string, number>;
  /** Sections that were present but unreadable, damaged or of another format. */
  damaged: number;
}

/** The body of a section file, or null when it is missing; throws nothing. */
type ReadResult = { ok: true; body: SectionBody } | { ok: false; damaged: boolean };

function readSection(file: string): ReadResult {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch {
    return { ok: false, damaged: false };
  }
  if (raw.length <= DIGEST_BYTES) return { ok: false, damaged: true };
  const bytes = raw.subarray(DIGEST_BYTES);
  if (!digest(bytes).equals(raw.subarray(0, DIGEST_BYTES))) return { ok: false, damaged: true };
  let body: unknown;
  try {
    body = deserialize(bytes);
  } catch {
    return { ok: false, damaged: true };
  }
  if (typeof body !== 'object' || body === null) return { ok: false, damaged: true };
  const { format, key } = body as Partial<SectionBody>;
  if (format !== CACHE_FORMAT || typeof key !== 'string') return { ok: false, damaged: true };
  return { ok: true, body: body as SectionBody };
}

/**
 * Where the files of one build's cache live, and what happened to them. Writing is
 * best-effort: a cache that cannot be written costs the next build time, never this
 * one, so the first failure is remembered and writing stops.
 */
class SectionStore {
  readonly stats: CacheStats = { reused: {}, derived: {}, damaged: 0 };
  writeError: Error | null = null;
  private made = false;

  constructor(
    readonly dir: string,
    private readonly enabled: boolean,
  ) {}

  /** The value kept in `file` when it was derived under `key` and passes `guard`. */
  held<T>(file: string, key: string, guard: Guard<T>): T | undefined {
    if (!this.enabled) return undefined;
    const read = readSection(path.join(this.dir, file));
    if (!read.ok) {
      if (read.damaged) this.stats.damaged++;
      return undefined;
    }
    if (read.body.key !== key) return undefined;
    if (!guard(read.body.value)) {
      this.stats.damaged++;
      return undefined;
    }
    return read.body.value;
  }

  write(file: string, key: string, value: unknown): void {
    this.place(file, (tmp) => {
      const bytes = serialize({ format: CACHE_FORMAT, key, value } satisfies SectionBody);
      // Two writes rather than one concatenated copy: the parsed articles are 150 MB at ten thousand.
      const fd = openSync(tmp, 'w');
      try {
        writeSync(fd, digest(bytes));
        writeSync(fd, bytes);
      } finally {
        closeSync(fd);
      }
    });
  }

  /**
   * Let `fill` make a private temporary sibling of `name`, then rename it into place,
   * so a reader never meets half a file; the first failure is kept and stops writing.
   */
  private place(name: string, fill: (tmp: string) => void): void {
    if (this.writeError) return;
    const target = path.join(this.dir, name);
    const tmp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      if (!this.made) mkdirSync(this.dir, { recursive: true });
      this.made = true;
      fill(tmp);
      renameSync(tmp, target);
    } catch (err) {
      this.writeError = err as Error;
      // Where the folder cannot be made (a file stands in its place), removing fails too.
      try {
        rmSync(tmp, { force: true });
      } catch {
        // Nothing was written, then.
      }
    }
  }

  /** The bytes of a kept file, or undefined when there is none (or the cache is off). */
  file(name: string): Buffer | undefined {
    if (!this.enabled) return undefined;
    try {
      return readFileSync(path.join(this.dir, name));
    } catch {
      return undefined;
    }
  }

  /** Keep `source` as `name`: a hard link where the file system allows one, else a copy. */
  keepFile(name: string, source: string): void {
    this.place(name, (tmp) => {
      try {
        linkSync(source, tmp);
      } catch {
        copyFileSync(source, tmp);
      }
    });
  }

  count(kind: 'reused' | 'derived', section: string): void {
    this.stats[kind][section] = (this.stats[kind][section] ?? 0) + 1;
  }
}

/** One article's entry. */
export class DocumentCache {
  constructor(
    private readonly store: SectionStore,
    private readonly docKey: string,
  ) {}

  private file(section: string): string {
    return `${this.docKey}.${section}.v8`;
  }

  /** The cached value of `section` when it was derived under `key`, else `derive()`'s, kept. */
  reuse<T>(section: string, key: string, guard: Guard<T>, derive: () => T): T {
    const held = this.peek(section, key, guard);
    if (held !== undefined) return held;
    const value = derive();
    this.put(section, key, value);
    return value;
  }

  /** The cached value of `section` when it was derived under `key`, counted as reused; else undefined. */
  peek<T>(section: string, key: string, guard: Guard<T>): T | undefined {
    const held = this.read(section, key, guard);
    if (held !== undefined) this.store.count('reused', section);
    return held;
  }

  /** The cached value of `section` when it was derived under `key`, not counted as reused. */
  read<T>(section: string, key: string, guard: Guard<T>): T | undefined {
    return this.store.held(this.file(section), key, guard);
  }

  /** Keep a value derived outside `reuse` (work batched across articles). */
  put(section: string, key: string, value: unknown): void {
    this.store.write(this.file(section), key, value);
    this.store.count('derived', section);
  }
}

/** The cache of one build: sections read as the build asks, written as it derives them. */
export class BuildCache {
  private readonly keys = new Map<CorpusDocument, string>();
  private readonly entries = new Map<CorpusDocument, DocumentCache>();
  private readonly docKeys = new Set<string>();

  private constructor(private readonly store: SectionStore) {}

  /**
   * The cache under `dataDir`; with `enabled` false (reindex --full) nothing is read,
   * but what the build derives is still written for the next one. Articles' entries
   * are reached once `track` is told the corpus.
   */
  static open(dataDir: string, enabled: boolean): BuildCache {
    return new BuildCache(new SectionStore(cacheDir(dataDir), enabled));
  }

  /**
   * The articles whose entries this build reads and keeps (`save` prunes the rest).
   * `known` gives keys already worked out for some of them (see `articleMemo`).
   */
  track(documents: readonly CorpusDocument[], known?: ReadonlyMap<CorpusDocument, string>): this {
    for (const doc of documents) {
      const key = known?.get(doc) ?? documentKey(doc);
      this.keys.set(doc, key);
      this.docKeys.add(key);
      this.entries.set(doc, new DocumentCache(this.store, key));
    }
    return this;
  }

  get stats(): CacheStats {
    return this.store.stats;
  }

  /**
   * A value the build derives from something other than the articles (one file per
   * name, holding the latest value only): the one kept when it was derived under
   * `key`, else `derive()`'s, kept.
   */
  shared<T>(name: string, key: string, guard: Guard<T>, derive: () => T): T {
    const file = `shared-${name}.v8`;
    const held = this.store.held(file, key, guard);
    if (held !== undefined) {
      this.store.count('reused', name);
      return held;
    }
    const value = derive();
    this.store.write(file, key, value);
    this.store.count('derived', name);
    return value;
  }

  /** The value kept under `name` when it was kept under `key` and passes `guard`. */
  peekShared<T>(name: string, key: string, guard: Guard<T>): T | undefined {
    const held = this.store.held(`shared-${name}.v8`, key, guard);
    if (held !== undefined) this.store.count('reused', name);
    return held;
  }

  /** The value kept under `name` when it was kept under `key` and passes `guard`, not counted. */
  readShared<T>(name: string, key: string, guard: Guard<T>): T | undefined {
    return this.store.held(`shared-${name}.v8`, key, guard);
  }

  /**
   * A file of a published build kept for the next one (`<name>.bin`, linked, so it
   * costs no copy): the next build checks it against a checksum it keeps itself, as
   * the file may have changed or gone with the build it came from.
   */
  keepFile(name: string, source: string): void {
    this.store.keepFile(`${name}.bin`, source);
  }

  /** The bytes of a file kept by `keepFile`, unchecked; undefined when there is none. */
  keptFile(name: string): Buffer | undefined {
    return this.store.file(`${name}.bin`);
  }

  /** Count what was reused or derived outside the methods above, or found damaged. */
  note(kind: 'reused' | 'derived' | 'damaged', name: string): void {
    if (kind === 'damaged') this.store.stats.damaged++;
    else this.store.count(kind, name);
  }

  /** Keep `value` under `name` (replacing what was kept) for the next build. */
  putShared(name: string, key: string, value: unknown): void {
    this.store.write(`shared-${name}.v8`, key, value);
    this.store.count('derived', name);
  }

  /**
   * A memo of a pure function of strings, kept between builds (one file per name):
   * what earlier builds worked out under `key` is looked up, and what this build
   * adds is written when `keep` is called. `get` may be told how to work out that
   * one input, when the string only identifies it (a hash of a file's bytes). Only
   * the answers this build asked for are kept, so answers for names no longer in the
   * corpus are dropped.
   */
  memo<T>(
    name: string,
    key: string,
    guard: Guard<T>,
    compute: (input: string) => T,
  ): { get: (input: string, computeThis?: () => T) => T; keep: () => void } {
    const file = `shared-${name}.v8`;
    const isEntries = (v: unknown): v is [string, T][] =>
      Array.isArray(v) &&
      v.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && guard(e[1]));
    const held = new Map(this.store.held(file, key, isEntries) ?? []);
    const asked = new Map<string, T>();
    let computed = 0;
    return {
      get: (input, computeThis) => {
        let value = asked.get(input);
        if (value !== undefined) return value;
        value = held.get(input);
        if (value === undefined) {
          value = computeThis ? computeThis() : compute(input);
          computed++;
        }
        asked.set(input, value);
        return value;
      },
      keep: () => {
        this.store.count(computed > 0 || asked.size !== held.size ? 'derived' : 'reused', name);
        if (computed > 0 || asked.size !== held.size) this.store.write(file, key, [...asked]);
      },
    };
  }

  /** The key an article's entry is found by. */
  keyOf(doc: CorpusDocument): string {
    const key = this.keys.get(doc);
    if (key === undefined) throw new Error(`The build cache was not opened for ${doc.meta.file}`);
    return key;
  }

  /**
   * The entry of an article by its key, which may be an article no longer in the
   * corpus (its sections stay until `save` prunes them): what it held can then be
   * taken out of corpus-wide counts.
   */
  ofKey(key: string): DocumentCache {
    return new DocumentCache(this.store, key);
  }

  of(doc: CorpusDocument): DocumentCache {
    const entry = this.entries.get(doc);
    if (!entry) throw new Error(`The build cache was not opened for ${doc.meta.file}`);
    return entry;
  }

  /**
   * Delete the sections of articles no longer in the corpus, or no longer as they
   * were, and throw the first error met while writing (sections are written as they
   * are derived). Call it only while holding the build lock, so two builds never
   * prune each other's entries.
   */
  async save(): Promise<{ pruned: number }> {
    const { dir } = this.store;
    let pruned = 0;
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const section = SECTION_FILE.exec(name);
      const stale = section
        ? !this.docKeys.has(section[1]!)
        : OLD_ENTRY_FILE.test(name) || name.endsWith('.tmp');
      if (stale) {
        await rm(path.join(dir, name), { force: true });
        pruned++;
      }
    }
    if (this.store.writeError) throw this.store.writeError;
    return { pruned };
  }
}

/**
 * How many articles a build took from the cache: those whose passages it reused, the
 * first thing derived from each article after parsing.
 */
export function articlesReused(stats: CacheStats): number {
  return stats.reused['passages'] ?? 0;
}
