/** Discord's epoch (2015-01-01T00:00:00Z): snowflakes encode milliseconds since then in their top 42 bits. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Issues snowflakes the way Discord does (timestamp << 22 | worker << 17 | process << 12 | increment), so
 * discord.js can derive `createdTimestamp` from them and ids sort by creation. Ids never repeat or go
 * backwards, even when many are issued within one millisecond or the clock steps back.
 */
export class SnowflakeGenerator {
  private last = 0n;

  constructor(
    private readonly workerId = 1n,
    private readonly processId = 0n,
  ) {}

  next(now: number = Date.now()): string {
    const base =
      ((BigInt(now) - DISCORD_EPOCH) << 22n) | (this.workerId << 17n) | (this.processId << 12n);
    // Within one millisecond the 12-bit increment distinguishes ids; past that we borrow from the future.
    this.last = base > this.last ? base : this.last + 1n;
    return this.last.toString();
  }
}

/** Milliseconds since the Unix epoch at which a snowflake was issued. */
export function snowflakeTimestamp(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** The shard a guild's events go to, as Discord routes them: (guild_id >> 22) % shard count. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
