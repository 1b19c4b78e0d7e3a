/**
 * The bot's Prometheus metrics (prom-client), in a registry of their own rather than the
 * global one, so tests and shards each count separately. A sharded bot's manager merges its
 * shards' registries (AggregatorRegistry.aggregate over getMetricsAsJSON), which is why every
 * metric states how it aggregates.
 */
import {
  AggregatorRegistry,
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
} from 'prom-client';

/**
 * Where a question came from. `channel` is a message in an ANSWER_CHANNEL_IDS channel, `thread`
 * one in a thread the bot started (ANSWER_IN_THREADS), `menu` the message command.
 */
export const SURFACES = ['mention', 'dm', 'channel', 'thread', 'ask', 'menu', 'person'] as const;
export type Surface = (typeof SURFACES)[number];

/**
 * answered: the engine answered (confidence "answer", or a person found); abstained: it said
 * the article does not say (or showed only related passages); refused: an admission check
 * turned the question away (empty, too long, cooldown); error: answering threw.
 */
export const OUTCOMES = ['answered', 'abstained', 'refused', 'error'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface BuildInfo {
  build: string;
  mode: string;
}

/** Serialisable form of a registry, as shards send it to the manager. */
export type MetricsSnapshot = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

export interface MetricsText {
  contentType: string;
  body: string;
}

export interface BotMetricsOptions {
  /** The build answering now, read at each scrape (it changes on reindex). */
  build?: () => BuildInfo | null;
  /** Process and Node.js metrics (memory, event loop lag …); off in tests. */
  processMetrics?: boolean;
}

const PREFIX = 'article_bot_';

export class BotMetrics {
  readonly registry = new Registry();
  private readonly questions: Counter<'surface' | 'outcome'>;
  private readonly latency: Histogram<'surface'>;
  private readonly reconnects: Counter;
  private readonly rest429: Counter;
  private readonly restHeld: Counter<'global'>;

  constructor(options: BotMetricsOptions = {}) {
    const registers = [this.registry];
    this.questions = new Counter({
      name: `${PREFIX}questions_total`,
      help: 'Questions and person look-ups by surface and outcome.',
      labelNames: ['surface', 'outcome'],
      registers,
    });
    // Zeros from the start, so rate() sees a series before its first event.
    for (const surface of SURFACES)
      for (const outcome of OUTCOMES) this.questions.inc({ surface, outcome }, 0);
    this.latency = new Histogram({
      name: `${PREFIX}question_duration_seconds`,
      help: 'Time from an admitted question to its rendered answer (engine and rendering; not Discord).',
      labelNames: ['surface'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.reconnects = new Counter({
      name: `${PREFIX}gateway_reconnects_total`,
      help: 'Times a gateway connection was lost and discord.js reconnected.',
      registers,
    });
    this.rest429 = new Counter({
      name: `${PREFIX}discord_rest_429_total`,
      help: 'REST responses with status 429 (Too Many Requests); discord.js retries them.',
      registers,
    });
    this.restHeld = new Counter({
      name: `${PREFIX}discord_rest_rate_limited_total`,
      help: "Requests discord.js held back because a rate limit bucket was exhausted (its 'rateLimited' event).",
      labelNames: ['global'],
      registers,
    });
    const build = options.build;
    if (build) {
      new Gauge({
        name: `${PREFIX}index_build_info`,
        help: 'The index build answering questions (always 1; the build id and mode are labels).',
        labelNames: ['build', 'mode'],
        // Shards on one build report it once; shards on different builds show both.
        aggregator: 'max',
        registers,
        collect() {
          this.reset();
          const info = build();
          if (info) this.set({ build: info.build, mode: info.mode }, 1);
        },
      });
    }
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  question(surface: Surface, outcome: Outcome, seconds?: number): void {
    this.questions.inc({ surface, outcome });
    if (seconds !== undefined) this.latency.observe({ surface }, seconds);
  }

  /**
   * Time `work` and count its outcome: `outcomeOf` its result, or `error` when it throws
   * (the error is rethrown for the caller's error path).
   */
  async timed<T>(
    surface: Surface,
    work: () => Promise<T>,
    outcomeOf: (r: T) => Outcome,
  ): Promise<T> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    let result: T;
    try {
      result = await work();
    } catch (err) {
      this.question(surface, 'error', seconds());
      throw err;
    }
    this.question(surface, outcomeOf(result), seconds());
    return result;
  }

  gatewayReconnect(): void {
    this.reconnects.inc();
  }

  restStatus(status: number): void {
    if (status === 429) this.rest429.inc();
  }

  restRateLimited(global: boolean): void {
    this.restHeld.inc({ global: String(global) });
  }

  snapshot(): Promise<MetricsSnapshot> {
    return this.registry.getMetricsAsJSON();
  }

  async text(): Promise<MetricsText> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** Several shards' snapshots as one Prometheus text, each metric merged by its own aggregator. */
export async function mergedMetricsText(snapshots: MetricsSnapshot[]): Promise<MetricsText> {
  const merged = AggregatorRegistry.aggregate(snapshots);
  return { contentType: merged.contentType, body: await merged.metrics() };
}
