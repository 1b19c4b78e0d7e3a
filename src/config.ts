/**
 * Typed configuration, parsed once from the environment (and `.env`, when present).
 * Every variable is documented in .env.example; this is the only module that reads
 * process.env.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ExpectedError } from './errors.js';

/** The project root, so that scripts work from any working directory. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const bool = (dflt: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
    .optional()
    .transform((v) =>
      v === undefined || v === '' ? dflt : ['1', 'true', 'yes', 'on'].includes(v),
    );

const int = (dflt: number, min: number, max: number) =>
  z.coerce
    .number()
    .int()
    .min(min)
    .max(max)
    .optional()
    .transform((v) => v ?? dflt);

const dir = (dflt: string) =>
  z
    .string()
    .optional()
    .transform((v) => path.resolve(PROJECT_ROOT, v && v.length > 0 ? v : dflt));

/** "name" or "owner/name": letters, digits, "-", "_" and "." only, so it stays inside the cache folder. */
const MODEL_ID = /^[A-Za-z0-9][\w.-]*(?:\/[A-Za-z0-9][\w.-]*)?$/;

const Env = z.object({
  CORPUS_DIR: dir('corpus'),
  DATA_DIR: dir('data'),
  MODEL_CACHE_DIR: dir('models'),
  /**
   * A transformers.js model id ("owner/name"), a folder name inside MODEL_CACHE_DIR,
   * or "none" for keyword-only retrieval. Never a path: it is joined to the cache folder.
   */
  EMBEDDING_MODEL: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : 'Xenova/multilingual-e5-small'))
    .refine((v) => MODEL_ID.test(v) && !v.split('/').some((part) => /^\.+$/.test(part)), {
      message:
        'must be a model id such as Xenova/multilingual-e5-small, a folder name inside MODEL_CACHE_DIR, or "none"',
    }),
  EMBEDDING_QUANTIZED: bool(true),
  /** How long a model download may take to start answering before we give up and go lexical. */
  MODEL_DOWNLOAD_TIMEOUT_MS: int(15_000, 100, 600_000),
  /** Set to 0 to never reach the model hub (only the cache is used). */
  ALLOW_REMOTE_MODELS: bool(true),
  HNSW_M: int(16, 2, 100),
  HNSW_EF_CONSTRUCTION: int(200, 10, 2000),
  HNSW_EF_SEARCH: int(64, 1, 2000),
  CHUNK_MAX_CHARS: int(220, 40, 4000),
  CHUNK_MIN_CHARS: int(24, 0, 1000),
  /** A corpus file larger than this is skipped (a news article is tens of KB). */
  CORPUS_MAX_FILE_BYTES: int(2_000_000, 1_000, 1_000_000_000),
  /** Articles beyond this total are skipped, so a runaway folder cannot exhaust memory. */
  CORPUS_MAX_TOTAL_BYTES: int(512_000_000, 1_000, 100_000_000_000),
  /** How many published builds to keep (the current one included) to fall back on. */
  INDEX_KEEP_BUILDS: int(2, 1, 100),
  /**
   * The heap a reindex runs in (MB; 0 for Node's default, a quarter or so of the
   * machine's memory). Node lets garbage pile up towards its default limit, which took
   * a 10,000-article build to 2.7 GB; a build that needs more than this is run again
   * without the limit, with a warning (see build-runner.ts).
   */
  BUILD_MAX_HEAP_MB: int(1280, 0, 1_000_000),
  SEGMENTER: z
    .enum(['jieba', 'intl'])
    .optional()
    .transform((v) => v ?? 'jieba'),
  /** Where Chinese near-synonyms of a question's words come from: curated, or none. */
  SYNONYM_SOURCES: z
    .string()
    .optional()
    .transform((v) =>
      (v && v.trim() ? v : 'curated')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s && s !== 'none'),
    )
    .pipe(z.array(z.enum(['curated']))),

  DISCORD_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : undefined)),
  DISCORD_CLIENT_ID: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  DISCORD_GUILD_ID: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  DISCORD_API_URL: z
    .string()
    .url()
    .optional()
    // discord.js appends "/v10/…" itself; a trailing slash would double it.
    .transform((v) => (v ? v.replace(/\/+$/, '') : undefined)),
  ANSWER_CHANNEL_IDS: csv,
  /**
   * Answer a mention in a server text channel in a public thread started on the question, where
   * follow-ups need no mention. Needs Message Content (messages in the thread do not mention the bot).
   */
  ANSWER_IN_THREADS: bool(false),
  USER_COOLDOWN_MS: int(5_000, 0, 3_600_000),
  MAX_QUESTION_CHARS: int(300, 10, 4000),
  /**
   * Run the bot as this many shards (child processes under discord.js's ShardingManager), or
   * `auto` for Discord's recommendation. Unset: one process, no manager. Not SHARDS or
   * SHARD_COUNT: discord.js reads those itself, as JSON, in every client.
   */
  DISCORD_SHARDS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(1024)]).optional(),

  /** Serve GET /healthz and GET /metrics on this port; unset, no server. */
  HEALTH_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  HEALTH_HOST: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : '127.0.0.1')),

  /**
   * Key for the salted hashes that stand for user ids in the feedback database. When
   * unset, one is generated once and kept in DATA_DIR/feedback-salt.
   */
  FEEDBACK_SALT: z
    .string()
    .min(16)
    .optional()
    .transform((v) => v || undefined),
  /** Answers and their votes older than this many days are deleted; 0 keeps everything. */
  FEEDBACK_RETENTION_DAYS: int(180, 0, 36_500),

  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .optional()
    .transform((v) => v ?? 'info'),
});

/** Rules between variables, each naming the variables involved. */
const Checked = Env.superRefine((c, ctx) => {
  if (c.CHUNK_MIN_CHARS > c.CHUNK_MAX_CHARS) {
    ctx.addIssue({
      code: 'custom',
      path: ['CHUNK_MIN_CHARS'],
      message: `is ${c.CHUNK_MIN_CHARS}, more than CHUNK_MAX_CHARS (${c.CHUNK_MAX_CHARS}); it must be at most that`,
    });
  }
  if (c.CORPUS_MAX_FILE_BYTES > c.CORPUS_MAX_TOTAL_BYTES) {
    ctx.addIssue({
      code: 'custom',
      path: ['CORPUS_MAX_FILE_BYTES'],
      message: `is more than CORPUS_MAX_TOTAL_BYTES (${c.CORPUS_MAX_TOTAL_BYTES})`,
    });
  }
  if (c.HNSW_EF_SEARCH > c.HNSW_EF_CONSTRUCTION * 10) {
    ctx.addIssue({
      code: 'custom',
      path: ['HNSW_EF_SEARCH'],
      message: `is over ten times HNSW_EF_CONSTRUCTION (${c.HNSW_EF_CONSTRUCTION}); raise that instead`,
    });
  }
});

export type Config = z.infer<typeof Env>;

export class ConfigError extends ExpectedError {
  override name = 'ConfigError';
}

/** Parse a given environment. Pure: tests pass their own. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // `NAME=` (as in a copied .env.example) means "not set", not "set to nothing".
  const set = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const parsed = Checked.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

let cached: Config | undefined;

/** The process's configuration: `.env` (if any) under the real environment, parsed once. */
export function loadConfig(): Config {
  if (cached) return cached;
  const envFile = path.join(PROJECT_ROOT, '.env');
  const fromFile: Record<string, string> = {};
  if (existsSync(envFile)) {
    // process.loadEnvFile would let .env override nothing but also mutate process.env;
    // parse into a copy so the real environment keeps priority.
    const before = { ...process.env };
    process.loadEnvFile(envFile);
    for (const [k, v] of Object.entries(process.env))
      if (before[k] === undefined && v !== undefined) fromFile[k] = v;
  }
  cached = parseConfig({ ...fromFile, ...process.env });
  return cached;
}

/**
 * The folders must be usable before any work starts, so that a read-only DATA_DIR
 * fails in the first second rather than after a whole build. CORPUS_DIR may be
 * missing when an index exists (the index is then served); it is checked by the
 * index code, which knows whether there is one.
 */
export async function checkDirectories(config: Config): Promise<void> {
  const problems: string[] = [];
  const notDir = async (name: string, dir: string): Promise<boolean> => {
    const info = await stat(dir).catch(() => null);
    if (info && !info.isDirectory()) {
      problems.push(`  ${name}: ${dir} is not a directory`);
      return true;
    }
    return false;
  };
  await notDir('CORPUS_DIR', config.CORPUS_DIR);
  if (!(await notDir('DATA_DIR', config.DATA_DIR))) {
    try {
      await mkdir(config.DATA_DIR, { recursive: true });
      // Write a file rather than ask access(): that is what a build will do, and it also
      // catches a read-only mount and ACLs that access() does not see.
      const probe = path.join(config.DATA_DIR, `.write-probe-${process.pid}`);
      await writeFile(probe, '');
      await rm(probe, { force: true });
    } catch (err) {
      problems.push(
        `  DATA_DIR: ${config.DATA_DIR} cannot be created or written (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
      );
    }
  }
  if (!embeddingDisabled(config)) await notDir('MODEL_CACHE_DIR', config.MODEL_CACHE_DIR);
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
}

/** True when the dense leg is switched off by configuration. */
export function embeddingDisabled(config: Config): boolean {
  return config.EMBEDDING_MODEL.toLowerCase() === 'none';
}
