/**
 * What each conversation said last: per key (a Discord channel or thread plus a user,
 * or one console session), the questions as they were understood, newest last.
 * Bounded in turns per key, in keys, and in time, so a long-running bot holds only
 * recent talk and a question asked after a long pause is read on its own.
 */
export interface HistoryOptions {
  /** Turns kept per key; follow-up resolution needs only the last, the rest is for callers. */
  maxTurns: number;
  /** Keys kept; the least recently used go first. */
  maxKeys: number;
  /** A turn older than this is forgotten. */
  ttlMs: number;
  /** Injected so tests move time instead of waiting. */
  now?: () => number;
}

const KEY_SEPARATOR = ':';

export const DEFAULT_HISTORY: HistoryOptions = {
  maxTurns: 5,
  maxKeys: 10_000,
  ttlMs: 15 * 60_000,
};

interface Turn {
  understood: string;
  at: number;
}

export class ConversationHistory {
  /** Map order is recency order: a key is re-inserted on every use. */
  private readonly turns = new Map<string, Turn[]>();
  private readonly now: () => number;

  constructor(private readonly options: HistoryOptions = DEFAULT_HISTORY) {
    this.now = options.now ?? Date.now;
  }

  /** The key's recent questions as understood, oldest first; empty when none or expired. */
  context(key: string): string[] {
    const fresh = this.fresh(key);
    return fresh.map((t) => t.understood);
  }

  /** Records a question as the engine understood it (Answer.followUp?.understood ?? question). */
  remember(key: string, understood: string): void {
    const kept = [...this.fresh(key), { understood, at: this.now() }].slice(-this.options.maxTurns);
    this.turns.delete(key);
    this.turns.set(key, kept);
    while (this.turns.size > this.options.maxKeys) {
      const oldest = this.turns.keys().next().value;
      if (oldest === undefined) break;
      this.turns.delete(oldest);
    }
  }

  /** Starts the key afresh (a "new topic" command, or a user who asked to be forgotten). */
  forget(key: string): void {
    this.turns.delete(key);
  }

  /** Forgets every conversation of one user, wherever it was held (for "forget me"). */
  forgetUser(user: string): void {
    for (const key of [...this.turns.keys()])
      if (key.endsWith(`${KEY_SEPARATOR}${user}`)) this.turns.delete(key);
  }

  get size(): number {
    return this.turns.size;
  }

  private fresh(key: string): Turn[] {
    const turns = this.turns.get(key);
    if (!turns) return [];
    const cutoff = this.now() - this.options.ttlMs;
    const fresh = turns.filter((t) => t.at >= cutoff);
    if (fresh.length === 0) this.turns.delete(key);
    return fresh;
  }
}

/** The history key of a Discord conversation: a thread or channel, and who is asking. */
export function conversationKey(place: string, user: string): string {
  return `${place}${KEY_SEPARATOR}${user}`;
}
