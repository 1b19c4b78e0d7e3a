/**
 * Passages behind "More passages" buttons. A custom_id holds at most 100 characters, so it
 * carries a short random id of an entry kept here for a while; an expired or unknown id
 * (e.g. after a restart) gets a polite "ask again".
 */
import { randomBytes } from 'node:crypto';
import type { Excerpt, IndexMode } from '../answers/types.js';
import type { ExcerptTier } from '../render/discord.js';
import type { Lang } from '../text/language.js';

export interface MoreEntry {
  excerpts: Excerpt[];
  lang: Lang;
  mode: IndexMode;
  /** Passages left out of a related answer are shown under its caveat too. */
  tier: ExcerptTier;
}

const PREFIX = 'more:';

export function moreCustomId(id: string): string {
  return `${PREFIX}${id}`;
}

/** The cache id in a "More passages" custom_id, or null for any other button. */
export function parseMoreCustomId(customId: string): string | null {
  return customId.startsWith(PREFIX) ? customId.slice(PREFIX.length) : null;
}

export class MoreCache {
  private readonly entries = new Map<string, { entry: MoreEntry; expires: number }>();

  constructor(
    private readonly ttlMs = 6 * 60 * 60 * 1000,
    private readonly maxEntries = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  put(entry: MoreEntry): string {
    let id = randomBytes(6).toString('base64url');
    while (this.entries.has(id)) id = randomBytes(6).toString('base64url');
    this.entries.set(id, { entry, expires: this.now() + this.ttlMs });
    // Map keeps insertion order: the first keys are the oldest.
    while (this.entries.size > this.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
    return id;
  }

  get(id: string): MoreEntry | undefined {
    const hit = this.entries.get(id);
    if (!hit) return undefined;
    if (hit.expires <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return hit.entry;
  }

  get size(): number {
    return this.entries.size;
  }
}
