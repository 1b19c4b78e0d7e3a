/**
 * The manifest says what an index was built from and how, so that a loader can
 * refuse what it cannot use and an entry point can tell when the index is stale.
 * Unlike LangChain's HNSWLib store, it records the embedding model and every
 * parameter that shapes the files.
 */
import { z } from 'zod';
import { ExpectedError } from '../errors.js';
import { LANGS } from '../text/language.js';

/**
 * Bump when any file's layout or meaning changes. 3: hybrid builds carry a calibration.
 * 5: the calibration keeps a null per probe language. 6: checksums of every file and
 * passage, and the corpus files the build skipped. 7: builds hold each article's
 * extractive summary (summary.json) and the manifest says how it was chosen. 8: the
 * keyword index is binary (bm25.bin) instead of bm25.json. 9: people.json points
 * each mention into its passage instead of copying the sentence. 10: normal.json holds
 * each passage's searchable text in normal form, which opening the index computed.
 */
export const INDEX_SCHEMA_VERSION = 10;

const SHA256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');

/**
 * What a build vouches for: the sha256 of each of its files (all but the manifest)
 * and of each passage's text, in passage order.
 */
export const ChecksumsSchema = z.object({
  files: z.record(z.string(), SHA256),
  passages: z.array(SHA256),
});

export type Checksums = z.infer<typeof ChecksumsSchema>;

const SkippedFileSchema = z.object({
  file: z.string(),
  line: z.number().int().positive().optional(),
  problem: z.string(),
});

const DocumentMetaSchema = z.object({
  id: z.string(),
  title: z.string(),
  titleNote: z.string().optional(),
  source: z.string().optional(),
  author: z.string().optional(),
  published: z.string().optional(),
  language: z.string(),
  url: z.string().optional(),
  copyright: z.string().optional(),
  file: z.string(),
});

const nullShape = {
  probes: z.number().int().nonnegative(),
  /** Ascending, rounded to 4 decimals. */
  similarities: z.array(z.number()),
  mean: z.number(),
  /** Sample standard deviation (n − 1). */
  sd: z.number().nonnegative(),
};

const onePerProbe = (c: { probes: number; similarities: number[] }): boolean =>
  c.similarities.length === c.probes;
const ONE_PER_PROBE = 'a null distribution must hold one similarity per probe';

/**
 * A null distribution: each probe question's best cosine similarity to any passage
 * (see null-probes.ts). Mean and sd are computed from the stored, rounded
 * similarities, so anyone can recompute them from this file.
 */
export const NullDistributionSchema = z
  .object(nullShape)
  .refine(onePerProbe, { message: ONE_PER_PROBE });

export type NullDistribution = z.infer<typeof NullDistributionSchema>;

/**
 * The dense leg's calibration: the null of all probes and, beside it, the null of
 * each probe language, since a model's similarities shift with the question's
 * language. A language without a probe that found a passage has no entry.
 */
export const CalibrationSchema = z
  .object({ ...nullShape, byLang: z.partialRecord(z.enum(LANGS), NullDistributionSchema) })
  .refine(onePerProbe, { message: ONE_PER_PROBE })
  .refine(
    (c) => {
      const parts = Object.values(c.byLang).flatMap((d) => d.similarities);
      const sorted = [...parts].sort((a, b) => a - b);
      return (
        sorted.length === c.similarities.length && sorted.every((s, i) => s === c.similarities[i])
      );
    },
    { message: "the languages' nulls must together hold exactly the pooled similarities" },
  );

export type Calibration = z.infer<typeof CalibrationSchema>;

export const ManifestSchema = z.object({
  schemaVersion: z.number().int(),
  buildId: z.string(),
  createdAt: z.string(),
  buildMs: z.number(),
  corpusHash: z.string(),
  documents: z.array(DocumentMetaSchema),
  chunking: z.object({ maxChars: z.number(), minChars: z.number() }),
  tokenizer: z.object({
    segmenter: z.enum(['jieba', 'intl']),
    bigrams: z.boolean(),
    /** Words taught to jieba (names), needed to tokenize queries the same way. */
    extraWords: z.array(z.string()),
    /** The form the terms are in (`TEXT_FORM`); absent in older builds, which are stale. */
    textForm: z.string().optional(),
  }),
  mode: z.enum(['hybrid', 'lexical']),
  /** Why the index is lexical, when it is. */
  modeReason: z.string().optional(),
  /** The model the configuration asked for ("none" when switched off). */
  requestedModel: z.string(),
  embedding: z
    .object({
      model: z.string(),
      dims: z.number().int().positive(),
      quantized: z.boolean(),
      queryPrefix: z.string(),
      passagePrefix: z.string(),
      calibration: CalibrationSchema,
    })
    .nullable(),
  hnsw: z.object({ m: z.number(), efConstruction: z.number(), efSearch: z.number() }).nullable(),
  /** How summary.json was chosen (see src/summary/select.ts). */
  summary: z.object({
    method: z.string(),
    minSentences: z.number().int(),
    maxSentences: z.number().int(),
    maxChars: z.number(),
    lambda: z.number(),
    damping: z.number(),
  }),
  counts: z.object({
    documents: z.number(),
    passages: z.number(),
    people: z.number(),
    terms: z.number(),
  }),
  /** Corpus files left out of this build, and why. */
  skipped: z.array(SkippedFileSchema),
  checksums: ChecksumsSchema,
});

export type Manifest = z.infer<typeof ManifestSchema>;

/** A build this version cannot use as it is (older schema, other model): rebuild it. */
export class IndexMismatchError extends ExpectedError {
  override name = 'IndexMismatchError';
}

/**
 * A build whose files are damaged: unreadable, not the shape they should be, or not
 * what the manifest vouches for. It is set aside, never served.
 */
export class IndexCorruptError extends IndexMismatchError {
  override name = 'IndexCorruptError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}. Run \`npm run reindex\` to rebuild the index.`);
  }
}
