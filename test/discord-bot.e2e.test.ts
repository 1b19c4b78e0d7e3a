/**
 * End to end: the real engine (keyword mode, temporary data dir) behind the real bot,
 * talking discord.js to the Discord stand-in. Assertions are on the REST calls the bot
 * makes: what Discord would receive.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import {
  ApplicationCommandOptionType,
  ButtonStyle,
  GatewayIntentBits,
  InteractionResponseType,
  MessageFlags,
  OverwriteType,
  PermissionFlagsBits,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIMessage,
} from 'discord.js';
import Database from 'better-sqlite3';
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/answers/types.js';
import { parseConfig, PROJECT_ROOT, type Config } from '../src/config.js';
import { startBot, type RunningBot } from '../src/discord/bot.js';
import { deployCommands } from '../src/discord/deploy.js';
import { openEngine, type EngineHandle } from '../src/engine.js';
import { formatCitation } from '../src/render/citation.js';
import { escapeMarkdown, limitViolations } from '../src/render/discord.js';
import { ui } from '../src/render/i18n.js';
import { startStandIn, type RecordedCall, type StandIn } from './discord-standin/index.js';
import { COMMAND_NAMES, readMarkdown } from './discord-helpers.js';
import { TINY_MODEL, TINY_MODEL_DIR, silentLog } from './helpers/config.js';

const ARTICLE_URL = 'https://example.org/guancha/deepseek-talent';
const MASTERS_SENTENCE =
  '潘梓正在GitHub上公開的簡歷顯示,他本科畢業於哈爾濱工業大學,碩士畢業於澳大利亞阿德萊德大學。';
const FOOTNOTE_P3 = '`[1]` ¶3 · 「印象深刻」的決定 · 觀察者網 · 2025-02-09';
const NO_PINGS = { parse: [], replied_user: false };
/** Questions containing this fail inside the engine, to exercise the unexpected-error path. */
const BOOM = '💥';

interface SentMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
  allowed_mentions?: unknown;
  flags?: number;
  message_reference?: { message_id: string; fail_if_not_exists?: boolean };
}

let dataDir: string;
let corpusDir: string;
let engine: EngineHandle;

/** The article with a URL in its front matter, so answers get a link button. */
async function corpusWithUrl(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bot-e2e-corpus-'));
  await cp(path.join(PROJECT_ROOT, 'corpus'), dir, { recursive: true });
  const file = path.join(dir, 'guancha-2025-02-09-deepseek-talent.md');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/^---\n/, `---\nurl: ${ARTICLE_URL}\n`));
  return dir;
}

function engineConfig(extra: Record<string, string> = {}): Config {
  return parseConfig({
    EMBEDDING_MODEL: 'none',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    CORPUS_DIR: corpusDir,
    ...extra,
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'bot-e2e-data-'));
  corpusDir = await corpusWithUrl();
  engine = await openEngine(engineConfig(), { log: silentLog });
});

afterAll(async () => {
  await engine?.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(corpusDir, { recursive: true, force: true });
});

/** The real engine, except that a question containing BOOM throws. */
function failingOnBoom(real: Engine): Engine {
  return {
    ask: (q) => (q.includes(BOOM) ? Promise.reject(new Error('engine exploded')) : real.ask(q)),
    reply: (q, intent, options) =>
      q.includes(BOOM)
        ? Promise.reject(new Error('engine exploded'))
        : real.reply(q, intent, options),
    summary: (r) => real.summary(r),
    person: (q) => real.person(q),
    suggestPeople: (p, n) => real.suggestPeople(p, n),
    about: () => real.about(),
  };
}

function memoryLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

interface Harness {
  standIn: StandIn;
  bot: RunningBot;
  config: Config;
  lines: string[];
}

async function startHarness(
  env: (s: StandIn) => Record<string, string>,
  behind: Engine = failingOnBoom(engine),
): Promise<Harness> {
  const standIn = await startStandIn();
  const config = engineConfig({
    DISCORD_TOKEN: standIn.token,
    DISCORD_CLIENT_ID: standIn.applicationId,
    DISCORD_GUILD_ID: standIn.guildId,
    DISCORD_API_URL: standIn.apiUrl,
    USER_COOLDOWN_MS: '600000',
    ...env(standIn),
  });
  await deployCommands(config);
  const { log, lines } = memoryLogger();
  const bot = await startBot(behind, config, log);
  await standIn.waitForReady();
  return { standIn, bot, config, lines };
}

async function stopHarness(h: Harness | undefined): Promise<void> {
  if (!h) return;
  await h.bot.stop();
  await h.standIn.close();
}

const isReplyTo = (channelId: string, messageId: string) => (c: RecordedCall) =>
  c.method === 'POST' &&
  c.path === `/channels/${channelId}/messages` &&
  (c.body as SentMessage | null)?.message_reference?.message_id === messageId;

function body(call: RecordedCall): SentMessage {
  return call.body as SentMessage;
}

function buttonsOf(m: SentMessage): APIButtonComponent[] {
  return (m.components ?? []).flatMap((r) => r.components);
}

interface InteractionResult {
  callbackType: number;
  /** The message the user ends up seeing (the callback's data, or the edit of the deferred reply). */
  message: SentMessage;
  ephemeral: boolean;
}

/** The response to an interaction, whether the bot answered at once or deferred and edited. */
async function interactionResult(
  s: StandIn,
  id: string,
  token: string,
): Promise<InteractionResult> {
  const callback = await s.waitForCall(
    (c) => c.method === 'POST' && c.path === `/interactions/${id}/${token}/callback`,
  );
  const cb = callback.body as { type: InteractionResponseType; data?: SentMessage };
  expect(callback.status).toBeLessThan(400);
  if (cb.type === InteractionResponseType.DeferredChannelMessageWithSource) {
    const edit = await s.waitForCall(
      (c) =>
        c.method === 'PATCH' &&
        c.path === `/webhooks/${s.applicationId}/${token}/messages/@original`,
    );
    return {
      callbackType: cb.type,
      message: body(edit),
      ephemeral: ((cb.data?.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
    };
  }
  return {
    callbackType: cb.type,
    message: cb.data ?? {},
    ephemeral: ((cb.data?.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
  };
}

function expectAnswerType(r: InteractionResult): void {
  expect([
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
  ]).toContain(r.callbackType);
}

function expectNoPings(m: SentMessage): void {
  expect(m.allowed_mentions).toEqual(NO_PINGS);
}

const str = (name: string, value: string, focused?: boolean) => ({
  name,
  type: ApplicationCommandOptionType.String,
  value,
  ...(focused ? { focused } : {}),
});
const bool = (name: string, value: boolean) => ({
  name,
  type: ApplicationCommandOptionType.Boolean,
  value,
});

/** The bot's stored message in a channel that replies to `messageId`. */
function storedReply(s: StandIn, channelId: string, messageId: string): APIMessage {
  const m = s
    .channelMessages(channelId)
    .find((x) => x.author.id === s.botUser.id && x.message_reference?.message_id === messageId);
  if (!m) throw new Error(`no stored reply to ${messageId}`);
  return m;
}

describe('the bot against the Discord stand-in (mentions, DMs, commands, buttons)', () => {
  let h: Harness;
  let s: StandIn;
  let mention: (userId: string, text: string) => { id: string; channelId: string };

  beforeAll(async () => {
    h = await startHarness(() => ({}));
    s = h.standIn;
    mention = (userId, text) =>
      s.injectMessage({
        authorId: userId,
        content: `<@${s.botUser.id}> ${text}`,
        mentions: [{ ...s.botUser, bot: true }],
      });
  });

  afterAll(async () => {
    await stopHarness(h);
  });

  it('registered the commands guild-scoped and logged one ready line without the token', () => {
    const put = s.calls.find(
      (c) =>
        c.method === 'PUT' &&
        c.path === `/applications/${s.applicationId}/guilds/${s.guildId}/commands`,
    );
    expect((put?.body as { name: string }[]).map((c) => c.name)).toEqual(COMMAND_NAMES);
    const ready = h.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => String(l['msg']).startsWith('Discord bot ready'));
    expect(ready).toMatchObject({
      articles: [engine.about().documents[0]!.title],
      passages: engine.about().passages,
      mode: 'lexical',
      model: null,
      guilds: [expect.stringContaining(s.guildId) as unknown],
    });
    expect(h.lines.join('\n')).not.toContain(s.token);
  });

  it('registers globally when no guild is configured', async () => {
    const result = await deployCommands({ ...h.config, DISCORD_GUILD_ID: undefined });
    expect(result).toEqual({
      scope: 'global',
      names: COMMAND_NAMES,
      labels: COMMAND_NAMES.map((n) => (n.includes(' ') ? `“${n}”` : `/${n}`)),
    });
    const put = s.calls.find(
      (c) => c.method === 'PUT' && c.path === `/applications/${s.applicationId}/commands`,
    );
    expect(put?.status).toBe(200);
  });

  it('identifies without the privileged MessageContent intent when there are no answer channels', () => {
    const intents = s.identifiedIntents!;
    expect(intents & GatewayIntentBits.MessageContent).toBe(0);
    for (const bit of [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
    ])
      expect(intents & bit).toBe(bit);
  });

  it('answers a mention as a reply, typing first, quoting the ¶3 sentence with its citation and pinging nobody', async () => {
    const user = s.createUser({ username: 'asker' });
    const q = mention(user.id, '潘梓正在哪裡讀碩士？');
    const call = await s.waitForCall(isReplyTo(s.channelId, q.id));
    const typing = s.calls.findIndex(
      (c) => c.method === 'POST' && c.path === `/channels/${s.channelId}/typing`,
    );
    expect(typing).toBeGreaterThanOrEqual(0);
    expect(typing).toBeLessThan(s.calls.indexOf(call));
    const m = body(call);
    expectNoPings(m);
    expect(m.message_reference).toMatchObject({ message_id: q.id, fail_if_not_exists: false });
    const embed = m.embeds![0]!;
    expect(embed.title).toBe('潘梓正在哪裡讀碩士？');
    expect(embed.description!.split('\n\n')[0]).toContain(`**${MASTERS_SENTENCE}** [1]`);
    expect(embed.fields![0]!.value.split('\n')[0]).toBe(FOOTNOTE_P3);
    const [link, more] = buttonsOf(m);
    expect(link).toMatchObject({ style: ButtonStyle.Link, url: ARTICLE_URL, label: '閱讀原文' });
    expect(more).toMatchObject({
      style: ButtonStyle.Secondary,
      custom_id: expect.stringMatching(/^more:/) as unknown,
    });
    // Nobody was mentioned in what Discord stored.
    const stored = storedReply(s, s.channelId, q.id);
    expect(stored.mentions).toEqual([]);
    expect(stored.mention_everyone).toBe(false);
  });

  it('takes a message that pings the bot without writing <@bot> (a reply with ping) as a question', async () => {
    const user = s.createUser({ username: 'replier' });
    const q = s.injectMessage({
      authorId: user.id,
      content: '潘梓正在哪裡讀碩士？',
      mentions: [{ ...s.botUser, bot: true }],
    });
    const m = body(await s.waitForCall(isReplyTo(s.channelId, q.id)));
    expect(m.embeds![0]!.description).toContain(`**${MASTERS_SENTENCE}** [1]`);
  });

  it('shows "More passages" privately to whoever clicks, and says when a button has expired', async () => {
    const asker = s.createUser({ username: 'more-asker' });
    const q = mention(asker.id, '潘梓正在哪裡讀碩士？');
    await s.waitForCall(isReplyTo(s.channelId, q.id));
    const reply = storedReply(s, s.channelId, q.id);
    const moreButton = buttonsOf(reply as SentMessage).find(
      (b) => 'custom_id' in b && b.custom_id.startsWith('more:'),
    ) as { custom_id: string };
    const clicker = s.createUser({ username: 'clicker' });
    const click = s.injectButton({
      customId: moreButton.custom_id,
      messageId: reply.id,
      userId: clicker.id,
    });
    const r = await interactionResult(s, click.id, click.token);
    expect(r.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(r.ephemeral).toBe(true);
    expectNoPings(r.message);
    const embed = r.message.embeds![0]!;
    expect(embed.title).toBe('更多相關段落');
    expect(embed.description).toMatch(/^> /);
    expect(embed.fields![0]!.value).toMatch(/^`\[1\]` ¶\d+/);
    // None of the passages behind the button repeats the answer's first quote.
    expect(embed.description).not.toContain(MASTERS_SENTENCE);

    const stale = s.injectButton({
      customId: 'more:gone',
      messageId: reply.id,
      userId: clicker.id,
    });
    const expired = await interactionResult(s, stale.id, stale.token);
    expect(expired.ephemeral).toBe(true);
    expect(expired.message.content).toBe('This button has expired: please ask again.');
  });

  it('answers a DM in English wording when asked in English', async () => {
    const user = s.createUser({ username: 'dm-user' });
    const q = s.injectMessage({
      authorId: user.id,
      dm: true,
      content: "Where did Pan Zizheng get his master's degree?",
    });
    const call = await s.waitForCall(isReplyTo(q.channelId, q.id));
    const m = body(call);
    expectNoPings(m);
    const embed = m.embeds![0]!;
    expect(embed.fields![0]!.name).toBe('Sources');
    expect(embed.description).toContain(`**${MASTERS_SENTENCE}**`);
    expect(embed.fields![0]!.value).toContain('¶3 · 「印象深刻」的決定 · 觀察者網 · 2025-02-09');
    expect(buttonsOf(m)[0]).toMatchObject({ label: 'Read the article', url: ARTICLE_URL });
  });

  it('ignores other bots, and plain channel messages without a mention', async () => {
    const otherBotQuestion = s.injectMessage({
      authorBot: true,
      content: `<@${s.botUser.id}> 潘梓正在哪裡讀碩士？`,
      mentions: [{ ...s.botUser, bot: true }],
    });
    const chatter = s.injectMessage({ content: '潘梓正在哪裡讀碩士？' });
    // A question after them is answered, so they were seen and passed over.
    const sentinel = mention(s.createUser({ username: 'sentinel' }).id, '禹之鼎是誰？');
    await s.waitForCall(isReplyTo(s.channelId, sentinel.id));
    const replies = s.calls
      .filter((c) => c.method === 'POST' && /\/messages$/.test(c.path))
      .map((c) => body(c).message_reference?.message_id);
    expect(replies).not.toContain(otherBotQuestion.id);
    expect(replies).not.toContain(chatter.id);
    // Never a reply to one of its own messages either.
    const own = new Set(
      s
        .channelMessages(s.channelId)
        .filter((m) => m.author.id === s.botUser.id)
        .map((m) => m.id),
    );
    for (const id of replies) expect(own.has(id!)).toBe(false);
  });

  it('pings nobody when a question contains @everyone, @here and other mentions', async () => {
    const user = s.createUser({ username: 'everyone-asker' });
    const q = s.injectMessage({
      authorId: user.id,
      content: `<@${s.botUser.id}> @everyone @here <@${s.userId}> 潘梓正在哪裡讀碩士？`,
      mentions: [
        { ...s.botUser, bot: true },
        { id: s.userId, username: 'tester' },
      ],
      mentionEveryone: true,
    });
    const m = body(await s.waitForCall(isReplyTo(s.channelId, q.id)));
    expectNoPings(m);
    expect(m.embeds![0]!.description).toContain(MASTERS_SENTENCE);
    expect(m.embeds![0]!.title).not.toContain('@everyone');
    const stored = storedReply(s, s.channelId, q.id);
    expect(stored.mention_everyone).toBe(false);
    expect(stored.mentions).toEqual([]);
    expect(stored.mention_roles).toEqual([]);
  });

  it('says clearly when a question is too long, without using up the cooldown', async () => {
    const user = s.createUser({ username: 'long-asker' });
    const long = mention(user.id, '潘'.repeat(h.config.MAX_QUESTION_CHARS + 1));
    const m = body(await s.waitForCall(isReplyTo(s.channelId, long.id)));
    expectNoPings(m);
    expect(m.content).toBe(
      `問題太長了（${h.config.MAX_QUESTION_CHARS + 1} 字），上限是 ${h.config.MAX_QUESTION_CHARS} 字，請精簡後再問。`,
    );
    expect(m.embeds ?? []).toEqual([]);
    const ok = mention(user.id, '潘梓正在哪裡讀碩士？');
    expect(
      body(await s.waitForCall(isReplyTo(s.channelId, ok.id))).embeds![0]!.description,
    ).toContain(MASTERS_SENTENCE);
  });

  it('reacts ⏳ to a second question within the cooldown, and answers /ask in cooldown with a private notice', async () => {
    const user = s.createUser({ username: 'hasty' });
    const first = mention(user.id, '潘梓正在哪裡讀碩士？');
    await s.waitForCall(isReplyTo(s.channelId, first.id));
    const second = mention(user.id, '禹之鼎是誰？');
    await s.waitForCall(
      (c) =>
        c.method === 'PUT' &&
        decodeURIComponent(c.path) ===
          `/channels/${s.channelId}/messages/${second.id}/reactions/⏳/@me`,
    );
    const cmd = s.injectCommand({
      name: 'ask',
      options: [str('question', '禹之鼎是誰？')],
      userId: user.id,
      locale: 'zh-TW',
    });
    const r = await interactionResult(s, cmd.id, cmd.token);
    expect(r.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(r.ephemeral).toBe(true);
    expect(r.message.content).toMatch(/^請稍候 \d+ 秒再提問。$/);
    expectNoPings(r.message);
    expect(s.calls.some(isReplyTo(s.channelId, second.id))).toBe(false);
  });

  it('answers /ask publicly', async () => {
    const user = s.createUser({ username: 'slash-public' });
    const cmd = s.injectCommand({
      name: 'ask',
      options: [str('question', '潘梓正在哪裡讀碩士？')],
      userId: user.id,
    });
    const r = await interactionResult(s, cmd.id, cmd.token);
    expectAnswerType(r);
    expect(r.ephemeral).toBe(false);
    expectNoPings(r.message);
    expect(r.message.embeds![0]!.description).toContain(`**${MASTERS_SENTENCE}** [1]`);
    expect(r.message.embeds![0]!.fields![0]!.value.split('\n')[0]).toBe(FOOTNOTE_P3);
  });

  it('answers /ask private:true ephemerally', async () => {
    const user = s.createUser({ username: 'slash-private' });
    const cmd = s.injectCommand({
      name: 'ask',
      options: [str('question', '潘梓正在哪裡讀碩士？'), bool('private', true)],
      userId: user.id,
    });
    const r = await interactionResult(s, cmd.id, cmd.token);
    expectAnswerType(r);
    expect(r.ephemeral).toBe(true);
    expect(r.message.embeds![0]!.description).toContain(MASTERS_SENTENCE);
  });

  it('abstains on what the article does not say, with suggestions and no quotes', async () => {
    const user = s.createUser({ username: 'weather' });
    const cmd = s.injectCommand({
      name: 'ask',
      options: [str('question', '明天香港會下雨嗎？')],
      userId: user.id,
    });
    const r = await interactionResult(s, cmd.id, cmd.token);
    const embed = r.message.embeds![0]!;
    expect(embed.description).toMatch(/^文章沒有提到這一點。\n\n文章談到的有：(?! ).*潘梓正/);
    expect(embed.description).not.toMatch(/^> /m);
    expect(embed.fields ?? []).toEqual([]);
    // No link or "More passages"; only 👍/👎, since an abstention is an answer to rate too.
    expect(buttonsOf(r.message).map((b) => ('custom_id' in b ? b.custom_id : b.style))).toEqual([
      expect.stringMatching(/^fb:up:/),
      expect.stringMatching(/^fb:down:/),
    ]);
  });

  it('suggests people while /person is typed, then answers with role and cited mentions', async () => {
    const user = s.createUser({ username: 'person-asker' });
    const ac = s.injectAutocomplete({
      name: 'person',
      options: [str('name', '潘', true)],
      userId: user.id,
    });
    const call = await s.waitForCall(
      (c) => c.path === `/interactions/${ac.id}/${ac.token}/callback`,
    );
    expect(call.status).toBeLessThan(400);
    const cb = call.body as { type: number; data: { choices: { name: string; value: string }[] } };
    expect(cb.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(cb.data.choices.length).toBeLessThanOrEqual(25);
    expect(cb.data.choices).toContainEqual(expect.objectContaining({ value: '潘梓正' }));

    const cmd = s.injectCommand({
      name: 'person',
      options: [str('name', '潘梓正')],
      userId: user.id,
      locale: 'zh-TW',
    });
    const r = await interactionResult(s, cmd.id, cmd.token);
    expect(r.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expectNoPings(r.message);
    const embed = r.message.embeds![0]!;
    const person = engine.person('潘梓正').person!;
    expect(embed.title).toBe('潘梓正');
    expect(embed.description).toContain('**又稱**：');
    expect(embed.description).toContain(`**身分**\n> ${escapeMarkdown(person.role)} [1]`);
    expect(embed.description).toContain(`**文中提及 ${person.mentionCount} 次**`);
    expect(embed.description).toContain(MASTERS_SENTENCE);
    expect(embed.fields![0]!.value).toContain('¶3 · 「印象深刻」的決定 · 觀察者網 · 2025-02-09');
    // The role is cited where the registry found it.
    expect(person.roleCitation).toMatchObject({ paragraphs: [3], section: '「印象深刻」的決定' });
    expect(embed.fields![0]!.value.split('\n')[0]).toBe(
      `\`[1]\` ${escapeMarkdown(formatCitation(person.roleCitation!), false)}`,
    );

    const nobody = s.injectCommand({
      name: 'person',
      options: [str('name', '王小明')],
      userId: user.id,
    });
    const none = await interactionResult(s, nobody.id, nobody.token);
    expect(none.message.embeds![0]!.description).toMatch(/^文章中沒有找到「王小明」。/);
  });

  it('never fails autocomplete, even for odd input', async () => {
    const ac = s.injectAutocomplete({
      name: 'person',
      options: [str('name', '\u0000'.repeat(50), true)],
    });
    const call = await s.waitForCall(
      (c) => c.path === `/interactions/${ac.id}/${ac.token}/callback`,
    );
    expect(call.status).toBeLessThan(400);
    expect((call.body as { type: number }).type).toBe(
      InteractionResponseType.ApplicationCommandAutocompleteResult,
    );
  });

  it('/about lists the article, counts, mode and why, model', async () => {
    const cmd = s.injectCommand({ name: 'about', locale: 'en-US' });
    const r = await interactionResult(s, cmd.id, cmd.token);
    const about = engine.about();
    const embed = r.message.embeds![0]!;
    expect(embed.description).toContain(about.documents[0]!.title);
    expect(embed.description).toContain('觀察者網 · 2025-02-09');
    const field = (name: string) => embed.fields!.find((f) => f.name === name)?.value;
    expect(field('Passages')).toBe(String(about.passages));
    expect(field('People')).toBe(String(about.people));
    expect(readMarkdown(field('Search')!).text).toBe(`keyword search\n${about.modeReason}`);
    expect(field('Semantic model')).toBe('none (keywords only)');
    expect(buttonsOf(r.message)[0]).toMatchObject({ url: ARTICLE_URL });
    expectNoPings(r.message);
  });

  it('/help explains every way to ask, privately, in the user’s language', async () => {
    const cmd = s.injectCommand({ name: 'help', locale: 'zh-CN' });
    const r = await interactionResult(s, cmd.id, cmd.token);
    expect(r.ephemeral).toBe(true);
    const text = r.message.embeds![0]!.description!;
    for (const needle of [
      `<@${s.botUser.id}>`,
      '私信我',
      '/ask',
      'private:True',
      '/person',
      '/about',
      '300',
    ])
      expect(text).toContain(needle);
  });

  it('/summary quotes the lead and 2–4 more sentences in article order, cited, with "More passages"', async () => {
    const user = s.createUser({ username: 'summary-user' });
    const cmd = s.injectCommand({ name: 'summary', userId: user.id, locale: 'zh-TW' });
    const r = await interactionResult(s, cmd.id, cmd.token);
    expectAnswerType(r);
    expect(r.ephemeral).toBe(false);
    expectNoPings(r.message);
    const embed = r.message.embeds![0]!;
    expect(embed.title).toBe(`摘要：${engine.about().documents[0]!.title}`);
    const quotes = readMarkdown(embed.description!).text.split('\n\n').slice(1);
    expect(quotes.length).toBeGreaterThanOrEqual(3);
    expect(quotes.length).toBeLessThanOrEqual(5);
    // The lead sentence of ¶1 comes first, cited [1] ¶1.
    expect(quotes[0]).toMatch(/^> 中國人工智能\(AI\)初創企業DeepSeek的「異軍突起」.*。 \[1\]$/);
    const notes = embed.fields![0]!.value.split('\n');
    expect(notes[0]).toBe('`[1]` ¶1 · 觀察者網 · 2025-02-09');
    const paragraphs = notes.map((l) => Number(/¶(\d+)/.exec(l)![1]));
    expect(paragraphs).toEqual([...paragraphs].sort((a, b) => a - b));
    expect(
      limitViolations({
        ...r.message,
        embeds: r.message.embeds!,
        components: r.message.components ?? [],
      }),
    ).toEqual([]);
    const more = buttonsOf(r.message).find((b) => 'custom_id' in b) as { custom_id: string };
    expect(more.custom_id).toMatch(/^more:/);
    const stored = s
      .channelMessages(s.channelId)
      .filter((x) => x.author.id === s.botUser.id && x.embeds[0]?.title === embed.title)
      .at(-1)!;
    const click = s.injectButton({
      customId: more.custom_id,
      messageId: stored.id,
      userId: user.id,
    });
    const view = await interactionResult(s, click.id, click.token);
    expect(view.ephemeral).toBe(true);
    expect(view.message.embeds![0]!.description).toMatch(/^> /);
  });

  it('/summary suggests the articles as the article option is typed', async () => {
    const ac = s.injectAutocomplete({
      name: 'summary',
      options: [str('article', 'DeepSeek', true)],
    });
    const call = await s.waitForCall(
      (c) => c.path === `/interactions/${ac.id}/${ac.token}/callback`,
    );
    const cb = call.body as { data: { choices: { name: string; value: string }[] } };
    expect(cb.data.choices).toEqual([
      { name: engine.about().documents[0]!.title, value: engine.about().documents[0]!.id },
    ]);
  });

  it('greets a mention saying "hi" in English with the article, two example questions and /help, without using the cooldown', async () => {
    const user = s.createUser({ username: 'greeter' });
    const first = mention(user.id, '潘梓正在哪裡讀碩士？');
    await s.waitForCall(isReplyTo(s.channelId, first.id));
    const hi = mention(user.id, 'hi');
    const m = body(await s.waitForCall(isReplyTo(s.channelId, hi.id)));
    expectNoPings(m);
    const embed = m.embeds![0]!;
    expect(embed.title).toBe('Hello!');
    const text = readMarkdown(embed.description!).text;
    expect(text).toContain(engine.about().documents[0]!.title);
    expect(text).toContain('觀察者網 · 2025-02-09');
    expect(text).toContain('Try asking:\n• Who is Pan Zizheng?\n• ');
    expect(text).toContain('/help');
    // The greeting came in the cooldown the first question started, and was not held back.
    expect(
      s.calls.some((c) => c.method === 'PUT' && c.path.includes(`/messages/${hi.id}/reactions/`)),
    ).toBe(false);
  });

  it('answers a DM asking for the gist with the summary', async () => {
    const user = s.createUser({ username: 'gist-user' });
    const q = s.injectMessage({ authorId: user.id, dm: true, content: "what's the gist?" });
    const m = body(await s.waitForCall(isReplyTo(q.channelId, q.id)));
    expectNoPings(m);
    const embed = m.embeds![0]!;
    expect(embed.title).toBe(`Summary: ${engine.about().documents[0]!.title}`);
    expect(embed.description).toContain('中國人工智能(AI)初創企業DeepSeek的「異軍突起」');
    expect(embed.fields![0]!.name).toBe('Sources');
    expect(embed.fields![0]!.value.split('\n')[0]).toBe('`[1]` ¶1 · 觀察者網 · 2025-02-09');
    expect(buttonsOf(m).some((b) => 'custom_id' in b)).toBe(true);
  });

  it('logs unexpected errors with an id and shows the user that id', async () => {
    const user = s.createUser({ username: 'unlucky' });
    const q = mention(user.id, `潘梓正 ${BOOM}`);
    const m = body(await s.waitForCall(isReplyTo(s.channelId, q.id)));
    const id = /`([0-9a-f]{8})`/.exec(m.content ?? '')?.[1];
    expect(id).toBeDefined();
    const logged = h.lines
      .map((l) => JSON.parse(l) as { errorId?: string; err?: { message?: string } })
      .find((l) => l.errorId === id);
    expect(logged?.err?.message).toBe('engine exploded');

    const cmd = s.injectCommand({
      name: 'ask',
      options: [str('question', `禹之鼎 ${BOOM}`)],
      userId: s.createUser({ username: 'unlucky2' }).id,
    });
    const r = await interactionResult(s, cmd.id, cmd.token);
    expect(r.message.content).toMatch(/Error id: `[0-9a-f]{8}`|錯誤編號：`[0-9a-f]{8}`/);
  });

  it('opens no thread when ANSWER_IN_THREADS is off: a mention gets a plain reply, nothing logged about threads', async () => {
    const user = s.createUser({ username: 'unthreaded' });
    const q = mention(user.id, '潘梓正在哪裡讀碩士？');
    const m = body(await s.waitForCall(isReplyTo(s.channelId, q.id)));
    expect(m.embeds![0]!.description).toContain(MASTERS_SENTENCE);
    expect(s.calls.some((c) => c.path.endsWith('/threads'))).toBe(false);
    expect(s.thread(q.id)).toBeUndefined();
    expect(h.lines.some((l) => l.includes('not in a thread'))).toBe(false);
  });

  /** The message command, used by `userId` on a stored message, and the response the user sees. */
  const askAbout = (targetId: string, userId: string) => {
    const cmd = s.injectMessageCommand({ name: 'Ask the article about this', targetId, userId });
    return interactionResult(s, cmd.id, cmd.token);
  };

  it('answers "Ask the article about this" on another member’s message with a cited quote, publicly', async () => {
    const author = s.createUser({ username: 'poster' });
    const asker = s.createUser({ username: 'menu-user' });
    // Not a mention: the bot is not told this message's text, only the command's target.
    const target = s.injectMessage({ authorId: author.id, content: '潘梓正在哪裡讀碩士？' });
    const r = await askAbout(target.id, asker.id);
    expectAnswerType(r);
    expect(r.ephemeral).toBe(false);
    const embed = r.message.embeds![0]!;
    expect(embed.title).toBe('潘梓正在哪裡讀碩士？');
    expect(embed.description!.split('\n\n')[0]).toContain(`**${MASTERS_SENTENCE}** [1]`);
    expect(embed.fields![0]!.value.split('\n')[0]).toBe(FOOTNOTE_P3);
    expect(r.message.allowed_mentions).toEqual(NO_PINGS);
    // The same cooldown as /ask: the asker's second question waits.
    const denied = await askAbout(target.id, asker.id);
    expect(denied.ephemeral).toBe(true);
    expect(denied.message.content).toMatch(/wait|稍候/i);
  });

  it('tells whoever uses the message command on a message without text that there is nothing to ask', async () => {
    const asker = s.createUser({ username: 'image-menu-user' });
    const target = s.injectMessage({ content: '' });
    const r = await askAbout(target.id, asker.id);
    expect(r.ephemeral).toBe(true);
    expect(r.message.content).toBe(ui('en').emptyTarget);
    // Nothing was asked, so no cooldown was taken: /ask answers at once.
    const ask = s.injectCommand({
      name: 'ask',
      userId: asker.id,
      options: [
        {
          name: 'question',
          type: ApplicationCommandOptionType.String,
          value: '潘梓正在哪裡讀碩士？',
        },
      ],
    });
    const answered = await interactionResult(s, ask.id, ask.token);
    expect(answered.message.embeds![0]!.description).toContain(MASTERS_SENTENCE);
  });

  it('made no call Discord would refuse', () => {
    const refused = s.calls.filter((c) => c.status >= 400);
    expect(
      refused.map(
        (c) => `${c.method} ${c.path} ${c.status} ${JSON.stringify(c.body).slice(0, 200)}`,
      ),
    ).toEqual([]);
  });
});

describe('the bot in an answer channel', () => {
  let h: Harness;
  let s: StandIn;

  beforeAll(async () => {
    h = await startHarness((standIn) => ({ ANSWER_CHANNEL_IDS: standIn.channelId }));
    s = h.standIn;
  });

  afterAll(async () => {
    await stopHarness(h);
  });

  it('asks for the MessageContent intent', () => {
    expect(s.identifiedIntents! & GatewayIntentBits.MessageContent).toBe(
      GatewayIntentBits.MessageContent,
    );
  });

  it('answers every human message as a question, and ignores bots there', async () => {
    const fromBot = s.injectMessage({ authorBot: true, content: '潘梓正在哪裡讀碩士？' });
    const user = s.createUser({ username: 'channel-user' });
    const q = s.injectMessage({ authorId: user.id, content: '潘梓正在哪裡讀碩士？' });
    const m = body(await s.waitForCall(isReplyTo(s.channelId, q.id)));
    expectNoPings(m);
    expect(m.embeds![0]!.description).toContain(`**${MASTERS_SENTENCE}** [1]`);
    expect(m.embeds![0]!.fields![0]!.value.split('\n')[0]).toBe(FOOTNOTE_P3);
    expect(s.calls.some(isReplyTo(s.channelId, fromBot.id))).toBe(false);
    expect(s.calls.filter((c) => c.status >= 400)).toEqual([]);
  });

  it('leaves "hi" there to the people it greets, but answers one that mentions the bot', async () => {
    const user = s.createUser({ username: 'channel-greeter' });
    const hi = s.injectMessage({ authorId: user.id, content: '大家好' });
    const addressed = s.injectMessage({
      authorId: user.id,
      content: `<@${s.botUser.id}> 你好`,
      mentions: [{ ...s.botUser, bot: true }],
    });
    const m = body(await s.waitForCall(isReplyTo(s.channelId, addressed.id)));
    expect(m.embeds![0]!.title).toBe('你好！');
    expect(s.calls.some(isReplyTo(s.channelId, hi.id))).toBe(false);
  });
});

describe('the bot in hybrid mode', () => {
  let h: Harness;
  let s: StandIn;
  let hybrid: EngineHandle;
  let hybridDataDir: string;

  beforeAll(async () => {
    hybridDataDir = await mkdtemp(path.join(os.tmpdir(), 'bot-e2e-hybrid-'));
    hybrid = await openEngine(
      parseConfig({
        EMBEDDING_MODEL: TINY_MODEL,
        MODEL_CACHE_DIR: TINY_MODEL_DIR,
        ALLOW_REMOTE_MODELS: 'false',
        LOG_LEVEL: 'silent',
        DATA_DIR: hybridDataDir,
      }),
      { log: silentLog },
    );
    h = await startHarness(() => ({}), hybrid);
    s = h.standIn;
  });

  afterAll(async () => {
    await stopHarness(h);
    await hybrid?.close();
    await rm(hybridDataDir, { recursive: true, force: true });
  });

  it('defers /ask at once (embedding may be slow) and then edits the deferred reply', async () => {
    expect(hybrid.about().mode).toBe('hybrid');
    const cmd = s.injectCommand({
      name: 'ask',
      options: [str('question', '宋俊瀟在哪裡讀博士？'), bool('private', true)],
    });
    const r = await interactionResult(s, cmd.id, cmd.token);
    expect(r.callbackType).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(r.ephemeral).toBe(true);
    expectNoPings(r.message);
    expect(r.message.embeds![0]!.description).toContain('香港科技大學');
    expect(r.message.embeds![0]!.footer!.text).toContain('關鍵詞＋語義檢索');
    expect(s.calls.filter((c) => c.status >= 400)).toEqual([]);
  });
});

describe('follow-ups and feedback against the stand-in', () => {
  let h: Harness;
  let s: StandIn;
  let mention: (userId: string, text: string, replyTo?: string) => { id: string };

  beforeAll(async () => {
    h = await startHarness(() => ({ USER_COOLDOWN_MS: '0' }));
    s = h.standIn;
    mention = (userId, text, replyTo) =>
      s.injectMessage({
        authorId: userId,
        content: `<@${s.botUser.id}> ${text}`,
        mentions: [{ ...s.botUser, bot: true }],
        ...(replyTo !== undefined && { replyTo }),
      });
  });

  afterAll(async () => {
    await stopHarness(h);
  });

  /** The feedback database as the bot left it, read the way `npm run feedback` would. */
  function rows<T>(sql: string, ...params: string[]): T[] {
    const db = new Database(path.join(dataDir, 'feedback.sqlite'), { readonly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  function feedbackIds(m: SentMessage): { up: string; down: string; answerId: string } {
    const ids = buttonsOf(m)
      .map((b) => ('custom_id' in b ? b.custom_id : ''))
      .filter((id) => id.startsWith('fb:'));
    expect(ids).toHaveLength(2);
    const [up, down] = ids as [string, string];
    return { up, down, answerId: up.slice('fb:up:'.length) };
  }

  async function ask(userId: string, text: string, replyTo?: string) {
    const q = mention(userId, text, replyTo);
    const m = body(await s.waitForCall(isReplyTo(s.channelId, q.id)));
    return { m, stored: storedReply(s, s.channelId, q.id) };
  }

  it('reads a reply to an answer as a follow-up, shows how, and records both answers', async () => {
    const user = s.createUser({ username: 'follower' });
    const first = await ask(user.id, '潘梓正為什麼回國？');
    expect(first.m.content).toBeUndefined();
    const second = await ask(user.id, '他導師怎麼說？', first.stored.id);
    expect(second.m.content).toMatch(/^（理解為：.*潘梓正.*）$/);
    const { answerId } = feedbackIds(second.m);
    const [row] = rows<{ understood: string; context: string; surface: string }>(
      'SELECT understood, context, surface FROM answers WHERE id = ?',
      answerId,
    );
    expect(row?.surface).toBe('discord');
    expect(row?.understood).toContain('潘梓正');
    expect(JSON.parse(row!.context)).toEqual(['潘梓正為什麼回國？']);
  });

  it('reads the same words without a reply as a question on its own', async () => {
    const user = s.createUser({ username: 'fresh' });
    await ask(user.id, '潘梓正為什麼回國？');
    const { m } = await ask(user.id, '他導師怎麼說？');
    expect(m.content).toBeUndefined();
  });

  it('reads a reply to an /ask answer as a follow-up on that /ask question, not on a later one', async () => {
    const user = s.createUser({ username: 'slash-follower' });
    const cmd = s.injectCommand({
      name: 'ask',
      userId: user.id,
      options: [
        {
          name: 'question',
          type: ApplicationCommandOptionType.String,
          value: '潘梓正為什麼回國？',
        },
      ],
    });
    await interactionResult(s, cmd.id, cmd.token);
    const answer = s
      .channelMessages(s.channelId)
      .find((m) => m.interaction_metadata?.id === cmd.id);
    expect(answer).toBeDefined();
    // A later question by the same user here: the reply must not be read against this one.
    await ask(user.id, '黃仁勛是誰？');
    const { m } = await ask(user.id, '他導師怎麼說？', answer!.id);
    expect(m.content).toMatch(/^（理解為：.*潘梓正.*）$/);
    expect(m.content).not.toContain('黃仁勛');
  });

  it('stores 👍, changes it to 👎 with the form, and keeps the reason and text of the form', async () => {
    const user = s.createUser({ username: 'voter' });
    const { m, stored } = await ask(user.id, '潘梓正在哪裡讀碩士？');
    const { up, down, answerId } = feedbackIds(m);
    const vote = () =>
      rows<{ vote: number; reason: string | null; comment: string | null }>(
        'SELECT vote, reason, comment FROM votes WHERE answer_id = ?',
        answerId,
      );

    const click = s.injectButton({ customId: up, messageId: stored.id, userId: user.id });
    const thanks = await interactionResult(s, click.id, click.token);
    expect(thanks.ephemeral).toBe(true);
    expect(thanks.message.content).toContain('👍 1 · 👎 0');
    expect(vote()).toEqual([{ vote: 1, reason: null, comment: null }]);

    const unclick = s.injectButton({ customId: down, messageId: stored.id, userId: user.id });
    const modal = await s.waitForCall(
      (c) =>
        c.method === 'POST' && c.path === `/interactions/${unclick.id}/${unclick.token}/callback`,
    );
    const form = modal.body as { type: number; data: { custom_id: string } };
    expect(form.type).toBe(InteractionResponseType.Modal);
    expect(modal.status).toBeLessThan(400);
    expect(vote()).toEqual([{ vote: -1, reason: null, comment: null }]);

    const submit = s.injectModalSubmit({
      customId: form.data.custom_id,
      messageId: stored.id,
      userId: user.id,
      fields: { reason: ['wrong-passage'], comment: '引的是第三段，問的是博士' },
    });
    const done = await interactionResult(s, submit.id, submit.token);
    expect(done.ephemeral).toBe(true);
    expect(vote()).toEqual([
      { vote: -1, reason: 'wrong-passage', comment: '引的是第三段，問的是博士' },
    ]);
  });

  it('/forget-me deletes the answers and votes of that user only', async () => {
    const leaver = s.createUser({ username: 'leaver' });
    const stayer = s.createUser({ username: 'stayer' });
    const mine = await ask(leaver.id, '潘梓正在哪裡讀碩士？');
    const theirs = await ask(stayer.id, '潘梓正在哪裡讀碩士？');
    const mineId = feedbackIds(mine.m).answerId;
    const theirsId = feedbackIds(theirs.m).answerId;
    const click = s.injectButton({
      customId: feedbackIds(theirs.m).up,
      messageId: mine.stored.id,
      userId: leaver.id,
    });
    await interactionResult(s, click.id, click.token);

    const cmd = s.injectCommand({ name: 'forget-me', userId: leaver.id });
    const r = await interactionResult(s, cmd.id, cmd.token);
    expect(r.ephemeral).toBe(true);
    expect(rows('SELECT id FROM answers WHERE id = ?', mineId)).toEqual([]);
    expect(rows('SELECT id FROM answers WHERE id = ?', theirsId)).toHaveLength(1);
    expect(rows('SELECT vote FROM votes WHERE answer_id = ?', theirsId)).toEqual([]);
  });
});

describe('answering in threads (ANSWER_IN_THREADS=true)', () => {
  let h: Harness;
  let s: StandIn;

  beforeAll(async () => {
    h = await startHarness(() => ({ ANSWER_IN_THREADS: 'true', USER_COOLDOWN_MS: '0' }));
    s = h.standIn;
  });

  afterAll(async () => {
    await stopHarness(h);
  });

  const inThread = (threadId: string, messageId: string) => (c: RecordedCall) =>
    c.method === 'POST' &&
    c.path === `/channels/${threadId}/messages` &&
    body(c).message_reference?.message_id === messageId;

  it('asks for Message Content, which follow-ups without a mention need', () => {
    const mask: number = GatewayIntentBits.MessageContent;
    expect(s.identifiedIntents! & mask).toBe(mask);
  });

  it('opens a public thread on the question, answers in it, and takes a message there as a follow-up without a mention', async () => {
    const user = s.createUser({ username: 'threader' });
    const q = s.injectMessage({
      authorId: user.id,
      content: `<@${s.botUser.id}> 潘梓正為什麼回國？`,
      mentions: [{ ...s.botUser, bot: true }],
    });
    const start = await s.waitForCall(
      (c) => c.method === 'POST' && c.path === `/channels/${s.channelId}/messages/${q.id}/threads`,
    );
    expect(start.status).toBe(201);
    expect((start.body as { name: string }).name).toBe('潘梓正為什麼回國？');
    const thread = s.thread(q.id);
    expect(thread).toMatchObject({ parent_id: s.channelId, owner_id: s.botUser.id, type: 11 });

    const first = body(
      await s.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${q.id}/messages`),
    );
    expect(first.embeds![0]!.description).toBeTruthy();
    expect(first.content).toBeUndefined();
    expect(first.allowed_mentions).toEqual(NO_PINGS);
    // Answered in the thread only, not in the channel as well.
    expect(s.calls.some(isReplyTo(s.channelId, q.id))).toBe(false);

    const follow = s.injectMessage({
      authorId: user.id,
      channelId: q.id,
      content: '他導師怎麼說？',
    });
    const second = body(await s.waitForCall(inThread(q.id, follow.id)));
    expect(second.content).toMatch(/^（理解為：.*潘梓正.*）$/);

    // The context is the asker's in this thread: someone else's same words stand alone.
    const other = s.createUser({ username: 'bystander' });
    const theirs = s.injectMessage({
      authorId: other.id,
      channelId: q.id,
      content: '他導師怎麼說？',
    });
    expect(body(await s.waitForCall(inThread(q.id, theirs.id))).content).toBeUndefined();

    expect(h.lines.some((l) => l.includes('not in a thread'))).toBe(false);
    expect(s.calls.filter((c) => c.status >= 400)).toEqual([]);
  });

  it('recognises its thread after a restart, by the thread’s owner', async () => {
    const user = s.createUser({ username: 'returning' });
    const q = s.injectMessage({
      authorId: user.id,
      content: `<@${s.botUser.id}> 潘梓正在哪裡讀碩士？`,
      mentions: [{ ...s.botUser, bot: true }],
    });
    await s.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${q.id}/messages`);
    await h.bot.stop();
    h.bot = await startBot(failingOnBoom(engine), h.config, memoryLogger().log);
    const later = s.injectMessage({
      authorId: user.id,
      channelId: q.id,
      content: '他在哪裡讀博士？',
    });
    const m = body(await s.waitForCall(inThread(q.id, later.id)));
    expect(m.embeds![0]!.description).toBeTruthy();
  });
});

describe('answering in threads without the permission to start them', () => {
  let h: Harness;
  let s: StandIn;

  beforeAll(async () => {
    h = await startHarness(() => ({ ANSWER_IN_THREADS: 'true', USER_COOLDOWN_MS: '0' }));
    s = h.standIn;
    // A server admin denies Create Public Threads to everyone in #general (@everyone's id is the guild's).
    s.setPermissionOverwrites(s.channelId, [
      {
        id: s.guildId,
        type: OverwriteType.Role,
        allow: '0',
        deny: PermissionFlagsBits.CreatePublicThreads.toString(),
      },
    ]);
  });

  afterAll(async () => {
    await stopHarness(h);
  });

  it('replies in the channel instead, and logs one line saying which permission is missing', async () => {
    const q = s.injectMessage({
      content: `<@${s.botUser.id}> 潘梓正在哪裡讀碩士？`,
      mentions: [{ ...s.botUser, bot: true }],
    });
    const m = body(await s.waitForCall(isReplyTo(s.channelId, q.id)));
    expect(m.embeds![0]!.description).toContain(MASTERS_SENTENCE);
    expect(s.calls.some((c) => c.path.endsWith('/threads'))).toBe(false);
    const why = h.lines.filter((l) => l.includes('not in a thread'));
    expect(why).toHaveLength(1);
    expect(why[0]).toContain('Create Public Threads');
    expect(why[0]).not.toContain('Send Messages In Threads');
    expect(s.calls.filter((c) => c.status >= 400)).toEqual([]);
  });
});

describe('answers when the feedback database cannot be opened', () => {
  let h: Harness;

  beforeAll(async () => {
    // DATA_DIR/feedback.sqlite as a directory: SQLite cannot open it.
    const broken = await mkdtemp(path.join(os.tmpdir(), 'bot-e2e-broken-'));
    await cp(dataDir, broken, { recursive: true, filter: (src) => !src.endsWith('.sqlite') });
    await mkdir(path.join(broken, 'feedback.sqlite'), { recursive: true });
    h = await startHarness(() => ({ DATA_DIR: broken }));
  });

  afterAll(async () => {
    await stopHarness(h);
  });

  it('answers without feedback buttons and logs why', async () => {
    const s = h.standIn;
    const q = s.injectMessage({
      content: `<@${s.botUser.id}> 潘梓正在哪裡讀碩士？`,
      mentions: [{ ...s.botUser, bot: true }],
    });
    const m = body(await s.waitForCall(isReplyTo(s.channelId, q.id)));
    expect(m.embeds![0]!.description).toContain(MASTERS_SENTENCE);
    expect(buttonsOf(m).some((b) => 'custom_id' in b && b.custom_id.startsWith('fb:'))).toBe(false);
    expect(h.lines.join('\n')).toContain('Feedback storage is unavailable');
  });
});
