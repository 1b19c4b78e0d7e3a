import { once } from 'node:events';
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  IntentsBitField,
  MessageFlags,
  MessageType,
  OverwriteType,
  Partials,
  PermissionFlagsBits,
  REST,
  Routes,
  type ClientEvents,
  type Interaction,
  type Message,
} from 'discord.js';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type RecordedCall, type StandIn } from './discord-standin/index.js';

const INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
  GatewayIntentBits.MessageContent,
];

/** The next `event` emitted by the client whose arguments satisfy `pred`. */
function nextEvent<E extends keyof ClientEvents>(
  client: Client,
  event: E,
  pred: (...args: ClientEvents[E]) => boolean,
): Promise<ClientEvents[E]> {
  return new Promise((resolve) => {
    const listener = (...args: ClientEvents[E]) => {
      if (!pred(...args)) return;
      client.off(event, listener);
      resolve(args);
    };
    client.on(event, listener);
  });
}

const isPost = (path: string) => (c: RecordedCall) => c.method === 'POST' && c.path === path;

describe('a discord.js client against the stand-in', () => {
  let standIn: StandIn;
  let client: Client;
  const handlerErrors: unknown[] = [];

  beforeAll(async () => {
    standIn = await startStandIn({ heartbeatIntervalMs: 200 });
    client = new Client({
      intents: INTENTS,
      partials: [Partials.Channel],
      rest: { api: standIn.apiUrl },
    });

    // A miniature bot: enough behaviour to exercise every reply path the real bot uses.
    client.on(Events.MessageCreate, (message: Message) => {
      if (message.author.bot) return;
      const run = async () => {
        if (message.content.endsWith('!ping')) {
          await message.reply({ content: 'pong', allowedMentions: { parse: [] } });
        } else if (message.content === '!dm' && message.channel.isSendable()) {
          await message.channel.send({ content: 'hello in private' });
        } else if (message.content === '!file') {
          await message.reply({
            content: 'see attached',
            files: [{ attachment: Buffer.from('hello'), name: 'note.txt' }],
            allowedMentions: { parse: [] },
          });
        } else if (message.content === '!buttons') {
          const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
            new ButtonBuilder()
              .setCustomId('more:1')
              .setLabel('More')
              .setStyle(ButtonStyle.Primary),
          );
          await message.reply({
            content: 'pick one',
            components: [row],
            allowedMentions: { parse: [] },
          });
        } else if (message.content === '!toolong' && message.channel.isSendable()) {
          await message.channel.send({ content: 'x'.repeat(2001) }).catch((error: unknown) => {
            handlerErrors.push(error);
          });
        }
      };
      run().catch((error: unknown) => handlerErrors.push(error));
    });
    client.on(Events.InteractionCreate, (interaction: Interaction) => {
      const run = async () => {
        if (interaction.isAutocomplete()) {
          const typed = interaction.options.getFocused();
          await interaction.respond([
            { name: `${typed} one`, value: `${typed}-1` },
            { name: `${typed} two`, value: `${typed}-2` },
          ]);
        } else if (interaction.isChatInputCommand() && interaction.commandName === 'ask') {
          const question = interaction.options.getString('question', true);
          await interaction.reply({
            content: `You asked: ${question}`,
            allowedMentions: { parse: [] },
          });
        } else if (interaction.isChatInputCommand() && interaction.commandName === 'slow') {
          await interaction.deferReply();
          await interaction.editReply({ content: 'done thinking' });
          await interaction.followUp({ content: 'one more thing', flags: MessageFlags.Ephemeral });
        } else if (interaction.isButton()) {
          await interaction.reply({
            content: `clicked ${interaction.customId}`,
            flags: MessageFlags.Ephemeral,
          });
        }
      };
      run().catch((error: unknown) => handlerErrors.push(error));
    });

    const ready = once(client, Events.ClientReady);
    await client.login(standIn.token);
    await standIn.waitForReady();
    await ready;
  });

  afterAll(async () => {
    await client?.destroy();
    await standIn?.close();
  });

  it('logs in over REST and the gateway with the intents the bot asked for', async () => {
    expect(client.user?.id).toBe(standIn.botUser.id);
    expect(client.application?.id).toBe(standIn.applicationId);
    expect(standIn.identifiedIntents).toBe(new IntentsBitField(INTENTS).bitfield);
    const gatewayCall = await standIn.waitForCall((c) => c.path === '/gateway/bot');
    expect(gatewayCall.headers.authorization).toBe(`Bot ${standIn.token}`);

    const guild = client.guilds.cache.get(standIn.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(standIn.channelId)?.isTextBased()).toBe(true);
    expect(guild?.members.cache.has(standIn.userId)).toBe(true);
    const me = guild?.members.me;
    const channel = guild?.channels.cache.get(standIn.channelId);
    expect(
      me && channel ? channel.permissionsFor(me).has(['ViewChannel', 'SendMessages']) : false,
    ).toBe(true);
  });

  it('acknowledges heartbeats', async () => {
    await nextEvent(client, Events.Debug, (line) => line.includes('Heartbeat acknowledged'));
    expect(client.ws.ping).toBeGreaterThanOrEqual(0);
    expect(standIn.gatewayFrames.some((f) => f.op === 1)).toBe(true);
  });

  it('delivers a guild message and records the reply with its reference and allowed mentions', async () => {
    const received = nextEvent(client, Events.MessageCreate, (m) => m.content.endsWith('!ping'));
    const injected = standIn.injectMessage({
      content: `<@${standIn.botUser.id}> !ping`,
      mentions: [{ ...standIn.botUser, bot: true }],
    });
    const [message] = await received;
    expect(message.id).toBe(injected.id);
    expect(message.guildId).toBe(standIn.guildId);
    expect(message.mentions.users.has(standIn.botUser.id)).toBe(true);

    const ownEcho = nextEvent(
      client,
      Events.MessageCreate,
      (m) => m.author.id === standIn.botUser.id && m.content === 'pong',
    );
    const call = await standIn.waitForCall(isPost(`/channels/${standIn.channelId}/messages`));
    expect(call.status).toBe(200);
    expect(call.body).toMatchObject({
      content: 'pong',
      message_reference: { message_id: injected.id },
      allowed_mentions: { parse: [] },
    });
    // Discord sends the bot its own messages too; a bot that does not ignore them would loop.
    await ownEcho;
    const stored = standIn.channelMessages(standIn.channelId).find((m) => m.content === 'pong');
    expect(stored?.mentions).toEqual([]);
    expect(stored?.referenced_message?.id).toBe(injected.id);
  });

  it('delivers a DM to a bot with Partials.Channel and records the answer in the DM channel', async () => {
    const received = nextEvent(client, Events.MessageCreate, (m) => m.content === '!dm');
    const injected = standIn.injectMessage({ content: '!dm', dm: true });
    expect(injected.channelId).toBe(standIn.dmChannelId);
    const [message] = await received;
    expect(message.guildId).toBeNull();
    expect(message.channel.isDMBased()).toBe(true);
    const call = await standIn.waitForCall(isPost(`/channels/${standIn.dmChannelId}/messages`));
    expect(call.body).toMatchObject({ content: 'hello in private' });
  });

  it('parses multipart uploads into payload_json and file parts', async () => {
    standIn.injectMessage({ content: '!file' });
    const call = await standIn.waitForCall(
      (c) =>
        c.method === 'POST' &&
        c.files.length > 0 &&
        c.path === `/channels/${standIn.channelId}/messages`,
    );
    expect(call.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(call.body).toMatchObject({ content: 'see attached', attachments: [{ id: '0' }] });
    expect(call.files).toEqual([
      expect.objectContaining({ field: 'files[0]', filename: 'note.txt', size: 5 }),
    ]);
    expect(call.status).toBe(200);
  });

  it('registers commands and sends their ids with injected interactions', async () => {
    const commands = await client.application!.commands.set([
      {
        name: 'ask',
        description: 'Ask about the article',
        options: [
          {
            name: 'question',
            description: 'Your question',
            type: ApplicationCommandOptionType.String,
            required: true,
            autocomplete: true,
          },
        ],
      },
      { name: 'slow', description: 'Takes a while' },
    ]);
    const put = await standIn.waitForCall(
      (c) => c.method === 'PUT' && c.path === `/applications/${standIn.applicationId}/commands`,
    );
    expect(put.status).toBe(200);
    const ask = commands.find((c) => c.name === 'ask');
    expect(ask?.id).toMatch(/^\d{17,20}$/);

    const again = await client.application!.commands.fetch();
    expect(again.get(ask!.id)?.name).toBe('ask');

    const guildCommands = await client.guilds.cache
      .get(standIn.guildId)!
      .commands.set([{ name: 'guildonly', description: 'Here only' }]);
    expect(guildCommands.first()?.guildId).toBe(standIn.guildId);

    const seen = nextEvent(
      client,
      Events.InteractionCreate,
      (i) => i.isChatInputCommand() && i.commandName === 'ask',
    );
    standIn.injectCommand({ name: 'ask', options: [{ name: 'question', type: 3, value: 'who?' }] });
    const [interaction] = await seen;
    expect(interaction.isChatInputCommand() && interaction.commandId).toBe(ask!.id);
  });

  it('answers a slash command with a reply (callback type 4)', async () => {
    const { id, token } = standIn.injectCommand({
      name: 'ask',
      options: [
        { name: 'question', type: ApplicationCommandOptionType.String, value: '誰是市長？' },
      ],
      locale: 'zh-TW',
    });
    const call = await standIn.waitForCall(isPost(`/interactions/${id}/${token}/callback`));
    expect(call.status).toBe(204);
    expect(call.query.with_response).toBe('false');
    expect(call.headers.authorization).toBeUndefined();
    expect(call.body).toMatchObject({ type: 4, data: { content: 'You asked: 誰是市長？' } });
  });

  it('answers a slash command with deferReply, editReply and followUp', async () => {
    const { id, token } = standIn.injectCommand({ name: 'slow' });
    const deferred = await standIn.waitForCall(isPost(`/interactions/${id}/${token}/callback`));
    expect(deferred.body).toMatchObject({ type: 5 });

    const webhook = `/webhooks/${standIn.applicationId}/${token}`;
    const edit = await standIn.waitForCall(
      (c) => c.method === 'PATCH' && c.path === `${webhook}/messages/@original`,
    );
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ content: 'done thinking' });

    const followUp = await standIn.waitForCall(isPost(webhook));
    expect(followUp.status).toBe(200);
    expect(followUp.query.wait).toBe('true');
    expect(followUp.body).toMatchObject({ content: 'one more thing', flags: 64 });

    const visible = standIn.channelMessages(standIn.channelId);
    const reply = visible.find((m) => m.content === 'done thinking');
    expect(reply?.flags ?? 0).toBe(0); // the "thinking…" LOADING flag is gone
    expect(visible.find((m) => m.content === 'one more thing')?.flags).toBe(64);
  });

  it('answers autocomplete with choices (callback type 8)', async () => {
    const { id, token } = standIn.injectAutocomplete({
      name: 'ask',
      options: [
        {
          name: 'question',
          type: ApplicationCommandOptionType.String,
          value: 'may',
          focused: true,
        },
      ],
    });
    const call = await standIn.waitForCall(isPost(`/interactions/${id}/${token}/callback`));
    expect(call.status).toBe(204);
    expect(call.body).toEqual({
      type: 8,
      data: {
        choices: [
          expect.objectContaining({ name: 'may one', value: 'may-1' }),
          expect.objectContaining({ name: 'may two', value: 'may-2' }),
        ],
      },
    });
  });

  it('delivers a button click on a message the bot sent and records an ephemeral reply', async () => {
    standIn.injectMessage({ content: '!buttons' });
    const sent = await standIn.waitForCall(
      (c) =>
        isPost(`/channels/${standIn.channelId}/messages`)(c) &&
        (c.body as { content?: string }).content === 'pick one',
    );
    const botMessage = standIn
      .channelMessages(standIn.channelId)
      .find((m) => m.content === 'pick one');
    expect(botMessage?.components).toHaveLength(1);
    expect(sent.status).toBe(200);

    const { id, token } = standIn.injectButton({ customId: 'more:1', messageId: botMessage!.id });
    const call = await standIn.waitForCall(isPost(`/interactions/${id}/${token}/callback`));
    expect(call.status).toBe(204);
    expect(call.body).toMatchObject({ type: 4, data: { content: 'clicked more:1', flags: 64 } });
  });

  it('refuses a message over 2000 characters the way Discord does', async () => {
    const before = handlerErrors.length;
    standIn.injectMessage({ content: '!toolong' });
    const call = await standIn.waitForCall((c) => c.status === 400);
    expect(call.body).toMatchObject({ content: 'x'.repeat(2001) });
    await expect.poll(() => handlerErrors.length).toBe(before + 1);
    const error = handlerErrors.pop();
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
  });

  it('survives a gateway reconnect by resuming the session, without losing or repeating events', async () => {
    const seen: string[] = [];
    const count = (m: Message) => {
      if (m.content.startsWith('around resume')) seen.push(m.content);
    };
    client.on(Events.MessageCreate, count);
    const resumed = once(client, Events.ShardResume);
    standIn.requestReconnect();
    // Sent while the client is tearing the connection down: delivered live or replayed on RESUME.
    standIn.injectMessage({ content: 'around resume 1' });
    await resumed;
    expect(standIn.gatewayFrames.some((f) => f.op === 6)).toBe(true);
    const after = nextEvent(client, Events.MessageCreate, (m) => m.content === 'around resume 2');
    standIn.injectMessage({ content: 'around resume 2' });
    await after;
    client.off(Events.MessageCreate, count);
    expect(seen).toEqual(['around resume 1', 'around resume 2']);
  });

  it('made no call the stand-in had to refuse except the deliberate one', () => {
    expect(handlerErrors).toEqual([]);
    const refused = standIn.calls.filter((c) => c.status >= 400);
    expect(refused.map((c) => `${c.status} ${c.method} ${c.path}`)).toEqual([
      `400 POST /channels/${standIn.channelId}/messages`,
    ]);
  });
});

describe('the stand-in on its own', () => {
  let standIn: StandIn;
  let rest: REST;

  beforeAll(async () => {
    standIn = await startStandIn({ guildName: 'Solo' });
    rest = new REST({ api: standIn.apiUrl, retries: 0 }).setToken(standIn.token);
  });

  afterAll(async () => {
    await standIn?.close();
  });

  it('answers 401 to a wrong token and 404 to unknown routes, and records both', async () => {
    const wrong = new REST({ api: standIn.apiUrl, retries: 0 }).setToken('not-the-token');
    await expect(wrong.get(Routes.user('@me'))).rejects.toMatchObject({ status: 401 });
    await expect(rest.get('/guilds/1/bans')).rejects.toMatchObject({ status: 404 });
    const unknown = await standIn.waitForCall((c) => c.path === '/guilds/1/bans');
    expect(unknown.status).toBe(404);
    expect(standIn.calls.filter((c) => c.status === 401)).toHaveLength(1);
  });

  it('refuses a second response to one interaction and invalid autocomplete choices', async () => {
    const { ws } = await connectRaw(standIn, 'v=10&encoding=json');
    ws.send(JSON.stringify({ op: 2, d: { token: standIn.token, intents: 0, properties: {} } }));
    await standIn.waitForReady();

    const command = standIn.injectCommand({ name: 'ask' });
    const callback = Routes.interactionCallback(command.id, command.token);
    await rest.post(callback, { body: { type: 4, data: { content: 'first' } }, auth: false });
    await expect(
      rest.post(callback, { body: { type: 4, data: { content: 'second' } }, auth: false }),
    ).rejects.toMatchObject({
      code: 40060,
    });

    const auto = standIn.injectAutocomplete({
      name: 'ask',
      options: [{ name: 'q', type: 3, value: '', focused: true }],
    });
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `v${i}` }));
    await expect(
      rest.post(Routes.interactionCallback(auto.id, auto.token), {
        body: { type: 8, data: { choices } },
        auth: false,
      }),
    ).rejects.toMatchObject({ code: 50035 });
    await expect(
      rest.post(Routes.interactionCallback(auto.id, auto.token), {
        body: { type: 4, data: { content: 'no' } },
        auth: false,
      }),
    ).rejects.toMatchObject({ status: 400 });
    ws.close(1000);
  });

  it('rejects command definitions Discord would reject', async () => {
    await expect(
      rest.put(Routes.applicationCommands(standIn.applicationId), {
        body: [
          { name: 'Has Spaces', description: 'x' },
          { name: 'ok', description: '' },
        ],
      }),
    ).rejects.toMatchObject({ code: 50035 });
  });

  it('speaks the gateway protocol to a raw client: hello, heartbeat ack, bad token, unknown resume', async () => {
    const { ws, frames } = await connectRaw(standIn, 'v=10&encoding=json&compress=zlib-stream');
    await until(() => frames.some((f) => f.op === 10));
    // Plain JSON text even though compression was asked for: discord.js parses text frames in every mode.
    expect(frames[0]).toMatchObject({ op: 10, d: { heartbeat_interval: 41_250 } });
    ws.send(JSON.stringify({ op: 1, d: null }));
    await until(() => frames.some((f) => f.op === 11));
    ws.send(JSON.stringify({ op: 6, d: { token: standIn.token, session_id: 'nope', seq: 3 } }));
    await until(() => frames.some((f) => f.op === 9));
    expect(frames.find((f) => f.op === 9)?.d).toBe(false);
    ws.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 0 } }));
    const [code] = (await once(ws, 'close')) as [number];
    expect(code).toBe(4004);
    expect(frames.every((f) => f.op !== -1)).toBe(true);
  });

  it('replays dispatches missed while disconnected when a session resumes', async () => {
    const first = await connectRaw(standIn, 'v=10&encoding=json');
    first.ws.send(
      JSON.stringify({
        op: 2,
        d: {
          token: standIn.token,
          intents:
            GatewayIntentBits.Guilds |
            GatewayIntentBits.GuildMessages |
            GatewayIntentBits.MessageContent,
        },
      }),
    );
    await until(() => first.frames.some((f) => f.t === 'GUILD_CREATE'));
    const ready = first.frames.find((f) => f.t === 'READY')!.d as {
      session_id: string;
      resume_gateway_url: string;
    };
    first.ws.close(4000); // not 1000/1001: the session stays resumable
    await once(first.ws, 'close');

    standIn.injectMessage({ content: 'while away' });
    const second = await connectRaw(standIn, 'v=10&encoding=json');
    second.ws.send(
      JSON.stringify({ op: 6, d: { token: standIn.token, session_id: ready.session_id, seq: 2 } }),
    );
    await until(() => second.frames.some((f) => f.t === 'RESUMED'));
    const dispatches = second.frames.filter((f) => f.op === 0);
    expect(dispatches.map((f) => [f.s, f.t])).toEqual([
      [3, 'MESSAGE_CREATE'],
      [4, 'RESUMED'],
    ]);
    expect((dispatches[0]!.d as { content: string }).content).toBe('while away');
    second.ws.close(1000);
    await once(second.ws, 'close');
  });

  it('withholds message content from a bot without the MessageContent intent unless it is mentioned', async () => {
    const { ws, frames } = await connectRaw(standIn, 'v=10&encoding=json');
    ws.send(
      JSON.stringify({
        op: 2,
        d: {
          token: standIn.token,
          intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages,
        },
      }),
    );
    await until(() => frames.some((f) => f.t === 'GUILD_CREATE'));
    expect(frames.find((f) => f.t === 'READY')?.d).toMatchObject({
      user: { id: standIn.botUser.id },
    });
    standIn.injectMessage({ content: 'secret' });
    standIn.injectMessage({
      content: `<@${standIn.botUser.id}> visible`,
      mentions: [standIn.botUser],
    });
    standIn.injectMessage({ content: 'dm', dm: true });
    await until(() => frames.filter((f) => f.t === 'MESSAGE_CREATE').length >= 2);
    const messages = frames
      .filter((f) => f.t === 'MESSAGE_CREATE')
      .map((f) => (f.d as { content: string }).content);
    expect(messages).toEqual(['', `<@${standIn.botUser.id}> visible`]); // and no DM without DirectMessages
    expect(frames.map((f) => f.s).filter((s) => s !== null)).toEqual([1, 2, 3, 4]);
    ws.close(1000);
    await once(ws, 'close');
  });
});

interface Frame {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

/** A bare WebSocket client on the stand-in's gateway, with every frame it received. */
async function connectRaw(
  standIn: StandIn,
  query: string,
): Promise<{ ws: WebSocket; frames: Frame[] }> {
  const info = (await new REST({ api: standIn.apiUrl })
    .setToken(standIn.token)
    .get(Routes.gatewayBot())) as { url: string };
  const ws = new WebSocket(`${info.url}?${query}`);
  const frames: Frame[] = [];
  ws.on('message', (data, isBinary) => {
    frames.push(
      isBinary
        ? { op: -1, d: 'binary frame', s: null, t: null }
        : (JSON.parse((data as Buffer).toString('utf8')) as Frame),
    );
  });
  await once(ws, 'open');
  return { ws, frames };
}

async function until(check: () => boolean): Promise<void> {
  await expect.poll(check, { timeout: 5000, interval: 10 }).toBe(true);
}

describe('the stand-in with two shards', () => {
  let standIn: StandIn;
  let client: Client;

  beforeAll(async () => {
    standIn = await startStandIn({ shards: 2 });
    // One discord.js client may run both shards itself; the bot's ShardingManager gives each
    // its own process, which the stand-in cannot tell apart.
    client = new Client({
      intents: INTENTS,
      shards: [0, 1],
      shardCount: 2,
      rest: { api: standIn.apiUrl },
    });
    client.on(Events.MessageCreate, (message: Message) => {
      if (message.author.bot) return;
      void message.reply({
        content: `shard ${message.guild?.shardId ?? 'none'}`,
        allowedMentions: { parse: [] },
      });
    });
    await client.login(standIn.token);
    await standIn.waitForReady();
  });

  afterAll(async () => {
    await client?.destroy();
    await standIn?.close();
  });

  it('recommends two shards and has a guild on each', async () => {
    const rest = new REST({ api: standIn.apiUrl }).setToken(standIn.token);
    expect(await rest.get(Routes.gatewayBot())).toMatchObject({ shards: 2 });
    expect(standIn.guilds.map((g) => g.shard).sort()).toEqual([0, 1]);
    expect(standIn.guilds.map((g) => g.id)).toContain(standIn.guildId);
  });

  it('takes an IDENTIFY per shard and tells each shard only about its own guild', async () => {
    const identified = standIn.gatewayFrames
      .filter((f) => f.op === 2)
      .map((f) => (f.d as { shard?: unknown }).shard);
    expect(identified).toEqual(
      expect.arrayContaining([
        [0, 2],
        [1, 2],
      ]),
    );
    await until(() => client.guilds.cache.size === 2);
    for (const g of standIn.guilds) expect(client.guilds.cache.get(g.id)?.shardId).toBe(g.shard);
  });

  it("delivers a guild's messages to its shard only", async () => {
    for (const g of standIn.guilds) {
      const asked = standIn.injectMessage({ content: 'which shard?', channelId: g.channelId });
      const reply = await standIn.waitForCall(
        (c) =>
          c.method === 'POST' &&
          c.path === `/channels/${g.channelId}/messages` &&
          (c.body as { message_reference?: { message_id?: string } }).message_reference
            ?.message_id === asked.id,
      );
      expect((reply.body as { content: string }).content).toBe(`shard ${g.shard}`);
    }
    // Each message reached one shard: one reply each, not one per shard.
    expect(
      standIn.calls.filter((c) => c.method === 'POST' && /\/messages$/.test(c.path)),
    ).toHaveLength(2);
  });

  it('closes an unsharded IDENTIFY with 4011 (sharding required)', async () => {
    const { ws, frames } = await connectRaw(standIn, 'v=10&encoding=json');
    await until(() => frames.some((f) => f.op === 10));
    ws.send(JSON.stringify({ op: 2, d: { token: standIn.token, intents: 0 } }));
    const [code] = (await once(ws, 'close')) as [number];
    expect(code).toBe(4011);
  });
});

describe('threads, channel permissions and message commands in the stand-in', () => {
  let standIn: StandIn;
  let client: Client;
  let rest: REST;

  beforeAll(async () => {
    standIn = await startStandIn();
    client = new Client({ intents: INTENTS, rest: { api: standIn.apiUrl } });
    rest = new REST({ api: standIn.apiUrl, retries: 0 }).setToken(standIn.token);
    await client.login(standIn.token);
    await standIn.waitForReady();
  });

  afterAll(async () => {
    await client?.destroy();
    await standIn?.close();
  });

  /** The client's copy of a message injected into #general. */
  async function injected(content: string): Promise<Message> {
    const seen = nextEvent(client, Events.MessageCreate, (m) => m.content === content);
    standIn.injectMessage({ content });
    const [message] = await seen;
    return message;
  }

  it('starts a public thread on a message, owned by the bot, that the client learns of and can talk in', async () => {
    const question = await injected('a question worth a thread');
    const created = nextEvent(client, Events.ThreadCreate, (t) => t.id === question.id);
    const thread = await question.startThread({ name: 'a question worth a thread' });
    const [announced, newlyCreated] = await created;
    expect(newlyCreated).toBe(true);
    expect(announced.ownerId).toBe(standIn.botUser.id);
    expect(thread).toMatchObject({ id: question.id, parentId: standIn.channelId });
    expect(thread.type).toBe(ChannelType.PublicThread);
    expect(standIn.thread(question.id)?.name).toBe('a question worth a thread');

    await thread.send({ content: 'in the thread', allowedMentions: { parse: [] } });
    expect(standIn.channelMessages(thread.id).map((m) => m.content)).toEqual(['in the thread']);
    const follow = nextEvent(client, Events.MessageCreate, (m) => m.content === 'and a follow-up');
    standIn.injectMessage({ channelId: thread.id, content: 'and a follow-up' });
    const [arrived] = await follow;
    expect(arrived.channel.isThread() && arrived.channel.ownerId).toBe(standIn.botUser.id);

    await expect(
      rest.post(Routes.threads(standIn.channelId, question.id), { body: { name: 'again' } }),
    ).rejects.toMatchObject({ code: 160004 });
    const dm = standIn.injectMessage({ content: 'hi', dm: true });
    await expect(
      rest.post(Routes.threads(dm.channelId, dm.id), { body: { name: 'x' } }),
    ).rejects.toMatchObject({ code: 50024 });
  });

  it('applies channel overwrites to permissionsFor and to its own checks, after CHANNEL_UPDATE', async () => {
    const message = await injected('no threads here');
    const guild = client.guilds.cache.get(standIn.guildId)!;
    const channel = guild.channels.cache.get(standIn.channelId);
    expect(channel?.permissionsFor(guild.members.me!)?.has('CreatePublicThreads')).toBe(true);
    const updated = nextEvent(client, Events.ChannelUpdate, (_old, now) => now.id === channel!.id);
    standIn.setPermissionOverwrites(standIn.channelId, [
      {
        id: standIn.guildId,
        type: OverwriteType.Role,
        allow: '0',
        deny: String(PermissionFlagsBits.CreatePublicThreads),
      },
    ]);
    await updated;
    const now = channel!.permissionsFor(guild.members.me!);
    expect(now.has('CreatePublicThreads')).toBe(false);
    expect(now.has('SendMessagesInThreads')).toBe(true);
    await expect(
      rest.post(Routes.threads(standIn.channelId, message.id), { body: { name: 'refused' } }),
    ).rejects.toMatchObject({ code: 50013 });
  });

  it('sends a message command with its target resolved, as discord.js reads it', async () => {
    const target = standIn.injectMessage({ content: 'what does the article say?' });
    const seen = nextEvent(client, Events.InteractionCreate, (i) =>
      i.isMessageContextMenuCommand(),
    );
    const { id, token } = standIn.injectMessageCommand({
      name: 'Ask the article about this',
      targetId: target.id,
    });
    const [interaction] = await seen;
    if (!interaction.isMessageContextMenuCommand()) throw new Error('not a message command');
    expect(interaction.commandName).toBe('Ask the article about this');
    expect(interaction.targetId).toBe(target.id);
    expect(interaction.targetMessage.content).toBe('what does the article say?');
    await interaction.reply({ content: 'answered', allowedMentions: { parse: [] } });
    const call = await standIn.waitForCall(isPost(`/interactions/${id}/${token}/callback`));
    expect(call.status).toBeLessThan(400);
    const shown = standIn.channelMessages(standIn.channelId).find((m) => m.content === 'answered');
    expect(shown?.type).toBe(MessageType.ContextMenuCommand);
  });
});
