/**
 * Per-user cooldown between questions. Only accepted questions start it, so a user who is
 * told a question is too long can fix it and ask again at once.
 */
export class Cooldown {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly ms: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Milliseconds the user still has to wait, or 0 after recording this use.
   * Asking during the cooldown does not extend it.
   */
  take(userId: string): number {
    if (this.ms <= 0) return 0;
    const now = this.now();
    const since = now - (this.last.get(userId) ?? -Infinity);
    if (since < this.ms) return this.ms - since;
    this.last.set(userId, now);
    if (this.last.size > 10_000) this.sweep(now);
    return 0;
  }

  private sweep(now: number): void {
    for (const [id, at] of this.last) if (now - at >= this.ms) this.last.delete(id);
  }
}

/** Whole seconds to tell the user: never "0 s". */
export function waitSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
