import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
} from 'discord.js';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { WITHHELD, eventForIntents } from './events.js';
import { shardOfGuild } from './snowflake.js';
import type { World } from './world.js';

export const GATEWAY_PATH = '/gateway';

interface Dispatched {
  s: number;
  t: string;
  d: unknown;
}

/** A login of the bot; it outlives its socket so the bot can RESUME it after a reconnect. */
interface Session {
  id: string;
  intents: number;
  /** [shard id, shard count], as identified; [0, 1] for an unsharded bot. */
  shard: [number, number];
  seq: number;
  backlog: Dispatched[];
  connection?: Connection;
}

interface Connection {
  socket: WebSocket;
  session?: Session;
  ready: boolean;
}

/** A gateway frame the bot sent (heartbeats included), for tests that assert on presence updates etc. */
export interface ReceivedFrame {
  op: number;
  d: unknown;
  at: number;
}

function rawText(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return (raw instanceof ArrayBuffer ? Buffer.from(raw) : raw).toString('utf8');
}

// Opcodes a client may send before it has identified or resumed.
const PRE_AUTH_OPS = new Set<GatewayOpcodes>([
  GatewayOpcodes.Heartbeat,
  GatewayOpcodes.Identify,
  GatewayOpcodes.Resume,
]);

/**
 * The gateway side of the stand-in: HELLO, heartbeat ACKs, IDENTIFY → READY + GUILD_CREATE, RESUME
 * with replay of missed dispatches, and dispatches of injected events filtered by the session's intents.
 * Sharded like Discord: with `shardCount` > 1 a bot must IDENTIFY with `shard: [id, shardCount]`; each
 * shard is told only about its own guilds ((guild_id >> 22) % shardCount) and DMs go to shard 0.
 * Payloads always go as uncompressed JSON text frames: discord.js only inflates binary frames, so this
 * works whatever compression it would ask for (it asks for none without zlib-sync installed).
 */
export class Gateway {
  readonly received: ReceivedFrame[] = [];
  identifiedIntents: number | undefined;
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<Connection>();
  private readyWaiters: (() => void)[] = [];

  constructor(
    server: Server,
    private readonly world: World,
    private readonly token: string,
    private readonly heartbeatIntervalMs: number,
    private readonly url: () => string,
    private readonly shardCount = 1,
  ) {
    this.wss = new WebSocketServer({ server, path: GATEWAY_PATH });
    this.wss.on('connection', (socket, request) => this.accept(socket, request));
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const connection: Connection = { socket, ready: false };
    this.connections.add(connection);
    socket.on('close', (code) => this.onClose(connection, code));
    socket.on('error', () => socket.terminate());
    socket.on('message', (raw) => this.onMessage(connection, raw));

    const query = new URL(request.url ?? '/', 'http://stand-in').searchParams;
    const version = query.get('v');
    if (version !== null && version !== '10') {
      socket.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
      return;
    }
    const encoding = query.get('encoding');
    if (encoding !== null && encoding !== 'json') {
      socket.close(GatewayCloseCodes.DecodeError, 'The stand-in speaks JSON only');
      return;
    }
    this.send(connection, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.heartbeatIntervalMs },
    });
  }

  private send(
    connection: Connection,
    payload: { op: number; d: unknown; s?: number; t?: string },
  ): void {
    if (connection.socket.readyState !== connection.socket.OPEN) return;
    connection.socket.send(JSON.stringify({ s: null, t: null, ...payload }));
  }

  private onMessage(connection: Connection, raw: RawData): void {
    let frame: { op?: unknown; d?: unknown };
    try {
      frame = JSON.parse(rawText(raw)) as { op?: unknown; d?: unknown };
    } catch {
      connection.socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    const op = (typeof frame.op === 'number' ? frame.op : -1) as GatewayOpcodes;
    const d = frame.d ?? null;
    this.received.push({ op, d, at: Date.now() });
    if (!connection.session && !PRE_AUTH_OPS.has(op)) {
      connection.socket.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
      return;
    }
    switch (op) {
      case GatewayOpcodes.Heartbeat:
        this.send(connection, { op: GatewayOpcodes.HeartbeatAck, d: null });
        return;
      case GatewayOpcodes.Identify:
        this.identify(connection, d);
        return;
      case GatewayOpcodes.Resume:
        this.resume(connection, d);
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
        return;
      case GatewayOpcodes.RequestGuildMembers:
        this.sendMembers(connection, d);
        return;
      default:
        connection.socket.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
    }
  }

  private identify(connection: Connection, d: unknown): void {
    const data = (d ?? {}) as { token?: unknown; intents?: unknown; shard?: unknown };
    if (connection.session) {
      connection.socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    if (data.token !== this.token) {
      connection.socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    if (typeof data.intents !== 'number' || !Number.isInteger(data.intents) || data.intents < 0) {
      connection.socket.close(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
      return;
    }
    if (data.shard === undefined && this.shardCount > 1) {
      connection.socket.close(GatewayCloseCodes.ShardingRequired, 'Sharding required.');
      return;
    }
    const shard = data.shard ?? [0, 1];
    if (!this.validShard(shard)) {
      connection.socket.close(GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return;
    }
    this.identifiedIntents = data.intents;
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      intents: data.intents,
      shard,
      seq: 0,
      backlog: [],
      connection,
    };
    this.sessions.set(session.id, session);
    connection.session = session;

    const world = this.world;
    const guilds = world.guilds().filter((g) => this.shardOf(g.id) === shard[0]);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: world.bot,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.url(),
      shard,
      // GatewayMessageContentLimited: the app may use the MessageContent intent (under 100 servers).
      application: { id: world.applicationId, flags: 1 << 19, flags_new: String(1 << 19) },
    };
    this.dispatchTo(session, GatewayDispatchEvents.Ready, ready);
    for (const g of guilds)
      this.dispatchTo(session, GatewayDispatchEvents.GuildCreate, world.guildCreatePayload(g.id));
    connection.ready = true;
    if (!this.isReady) return;
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private validShard(shard: unknown): shard is [number, number] {
    if (!Array.isArray(shard) || shard.length !== 2) return false;
    const [id, count] = shard as unknown[];
    return (
      Number.isInteger(id) &&
      count === this.shardCount &&
      (id as number) >= 0 &&
      (id as number) < this.shardCount
    );
  }

  private shardOf(guildId: string): number {
    return shardOfGuild(guildId, this.shardCount);
  }

  /** The shard an event belongs to: its guild's, or shard 0 for DMs and events without a guild. */
  private shardOfEvent(data: unknown): number {
    const guildId =
      typeof data === 'object' && data !== null && 'guild_id' in data ? data.guild_id : undefined;
    return typeof guildId === 'string' && this.world.guild(guildId) ? this.shardOf(guildId) : 0;
  }

  private resume(connection: Connection, d: unknown): void {
    const data = (d ?? {}) as { token?: unknown; session_id?: unknown; seq?: unknown };
    if (data.token !== this.token) {
      connection.socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const session =
      typeof data.session_id === 'string' ? this.sessions.get(data.session_id) : undefined;
    if (!session) {
      // d: false tells the client the session cannot be resumed and it must identify anew.
      this.send(connection, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    if (session.connection && session.connection !== connection) {
      session.connection.session = undefined;
      session.connection.socket.close(
        GatewayCloseCodes.SessionTimedOut,
        'Session resumed elsewhere.',
      );
    }
    session.connection = connection;
    connection.session = session;
    const after = typeof data.seq === 'number' ? data.seq : 0;
    for (const missed of session.backlog.filter((p) => p.s > after)) {
      this.send(connection, { op: GatewayOpcodes.Dispatch, ...missed });
    }
    this.dispatchTo(session, GatewayDispatchEvents.Resumed, null);
    connection.ready = true;
  }

  private sendMembers(connection: Connection, d: unknown): void {
    const session = connection.session;
    if (!session) return;
    const nonce = (d as { nonce?: unknown } | null)?.nonce;
    const asked = (d as { guild_id?: unknown } | null)?.guild_id;
    const guildId =
      typeof asked === 'string' && this.world.guild(asked) ? asked : this.world.guildId;
    const members = this.world.guildCreatePayload(guildId).members;
    this.dispatchTo(session, GatewayDispatchEvents.GuildMembersChunk, {
      guild_id: guildId,
      members,
      chunk_index: 0,
      chunk_count: 1,
      ...(typeof nonce === 'string' ? { nonce } : {}),
    });
  }

  private onClose(connection: Connection, code: number): void {
    this.connections.delete(connection);
    const session = connection.session;
    if (!session || session.connection !== connection) return;
    session.connection = undefined;
    // Closing with 1000/1001 ends the session, as on Discord; other codes leave it resumable.
    if (code === 1000 || code === 1001) this.sessions.delete(session.id);
  }

  private dispatchTo(session: Session, event: GatewayDispatchEvents, data: unknown): void {
    const filtered = eventForIntents(session.intents, this.world.bot.id, event, data);
    if (filtered === WITHHELD) return;
    session.seq += 1;
    const payload: Dispatched = { s: session.seq, t: event, d: filtered };
    session.backlog.push(payload);
    if (session.connection)
      this.send(session.connection, { op: GatewayOpcodes.Dispatch, ...payload });
  }

  /**
   * Sends an event to every live or resumable session of the shard it belongs to; false when no
   * session of that shard exists (the bot, or that shard of it, has not logged in).
   */
  dispatch(event: GatewayDispatchEvents, data: unknown): boolean {
    const shard = this.shardOfEvent(data);
    const targets = [...this.sessions.values()].filter((s) => s.shard[0] === shard);
    for (const session of targets) this.dispatchTo(session, event, data);
    return targets.length > 0;
  }

  /** Every shard has a ready connection. */
  get isReady(): boolean {
    const ready = new Set<number>();
    for (const c of this.connections) if (c.ready && c.session) ready.add(c.session.shard[0]);
    return ready.size >= this.shardCount;
  }

  waitForReady(timeoutMs: number, describeCalls: () => string): Promise<void> {
    if (this.isReady) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.readyWaiters = this.readyWaiters.filter((w) => w !== done);
        reject(
          new Error(
            `stand-in: the bot did not identify within ${timeoutMs} ms ` +
              `(${this.connections.size} gateway connection(s)); REST calls:\n${describeCalls()}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.readyWaiters.push(done);
    });
  }

  /** Asks connected bots to reconnect (op 7), which discord.js answers by resuming its session. */
  requestReconnect(): void {
    for (const connection of this.connections) {
      if (connection.session) this.send(connection, { op: GatewayOpcodes.Reconnect, d: null });
    }
  }

  async close(): Promise<void> {
    for (const connection of this.connections) {
      // 1001 "going away": the client sees Discord shutting the connection, not a protocol error.
      connection.socket.close(1001, 'Stand-in closing');
    }
    await new Promise<void>((resolve) => {
      const deadline = setTimeout(() => {
        for (const connection of this.connections) connection.socket.terminate();
      }, 1000);
      this.wss.close(() => {
        clearTimeout(deadline);
        resolve();
      });
    });
  }
}
