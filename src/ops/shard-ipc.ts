/**
 * How a shard manager asks its shard processes for their health and metrics: a request and a
 * reply over the IPC channel discord.js's ShardingManager already opened to each shard. Custom
 * messages pass through discord.js untouched (it only consumes its own `_`-prefixed ones).
 */
import type { ShardHealth } from './health.js';
import type { MetricsSnapshot } from './metrics.js';

const OP = 'article-bot:ops';

export type OpsWant = 'health' | 'metrics';

export interface OpsQuery {
  op: typeof OP;
  type: 'query';
  id: number;
  want: OpsWant;
}

export type OpsReply = { op: typeof OP; type: 'reply'; id: number } & (
  { want: 'health'; health: ShardHealth[] } | { want: 'metrics'; metrics: MetricsSnapshot }
);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function isOpsQuery(message: unknown): message is OpsQuery {
  return (
    isRecord(message) &&
    message['op'] === OP &&
    message['type'] === 'query' &&
    typeof message['id'] === 'number' &&
    (message['want'] === 'health' || message['want'] === 'metrics')
  );
}

export function isOpsReply(message: unknown): message is OpsReply {
  return (
    isRecord(message) &&
    message['op'] === OP &&
    message['type'] === 'reply' &&
    typeof message['id'] === 'number'
  );
}

let nextId = 1;

export function opsQuery(want: OpsWant): OpsQuery {
  return { op: OP, type: 'query', id: nextId++, want };
}

export interface ShardOpsSources {
  health(): ShardHealth[];
  metrics(): Promise<MetricsSnapshot>;
}

/** In a shard process: answer the manager's queries. Returns a function that stops answering. */
export function answerOpsQueries(sources: ShardOpsSources): () => void {
  const onMessage = (message: unknown) => {
    if (!isOpsQuery(message) || !process.send) return;
    const send = process.send.bind(process);
    const base = { op: OP, type: 'reply', id: message.id } as const;
    if (message.want === 'health') {
      send({ ...base, want: 'health', health: sources.health() } satisfies OpsReply);
      return;
    }
    sources.metrics().then(
      (metrics) => send({ ...base, want: 'metrics', metrics } satisfies OpsReply),
      // No reply: the manager counts the shard as not answering, which is what it is.
      () => undefined,
    );
  };
  process.on('message', onMessage);
  return () => process.off('message', onMessage);
}
