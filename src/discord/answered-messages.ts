/**
 * The bot's answer messages, by message id, with the question as it was understood: a
 * Discord reply to one of them is a follow-up on exactly that question, even when the
 * user asked something else since. Bounded in entries and time like the More cache; a
 * reply to an answer that has aged out is read as a question on its own.
 */
export interface AnsweredOptions {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

export class AnsweredMessages {
  private readonly entries = new Map<string, { understood: string; expires: number }>();
  private readonly now: () => number;

  constructor(
    private readonly options: AnsweredOptions = { ttlMs: 6 * 60 * 60 * 1000, maxEntries: 5000 },
  ) {
    this.now = options.now ?? Date.now;
  }

  remember(messageId: string, understood: string): void {
    this.entries.delete(messageId);
    this.entries.set(messageId, { understood, expires: this.now() + this.options.ttlMs });
    // Map keeps insertion order: the first keys are the oldest.
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** The understood question of a bot answer, or undefined when unknown or expired. */
  understood(messageId: string): string | undefined {
    const hit = this.entries.get(messageId);
    if (!hit) return undefined;
    if (hit.expires <= this.now()) {
      this.entries.delete(messageId);
      return undefined;
    }
    return hit.understood;
  }
}
