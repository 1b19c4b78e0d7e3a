import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  GatewayIntentBits,
  PermissionsBitField,
  InteractionContextType,
  MessageFlags,
  type APIButtonComponent,
  type APIEmbed,
  type Interaction,
  type Message,
  type RepliableInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { botIntents, clientOptions } from '../src/discord/bot.js';
import { Cooldown, waitSeconds } from '../src/discord/cooldown.js';
import { isExpiredInteraction, isMissingPermission, newErrorId } from '../src/discord/errors.js';
import { commandDefinitions, commandShapeProblems, loadCommands } from '../src/discord/loader.js';
import {
  COOLDOWN_REACTION,
  handleMessage,
  messageTrigger,
  type MessageFacts,
} from '../src/discord/messages.js';
import { MoreCache, moreCustomId, parseMoreCustomId } from '../src/discord/more-cache.js';
import {
  checkQuestion,
  langFor,
  stripBotMentions,
  tidyQuestion,
} from '../src/discord/questions.js';
import { NO_PINGS, respond, responseKind, withDeferral } from '../src/discord/respond.js';
import {
  escapeMarkdown,
  renderAnswer,
  renderNotice,
  type RenderedMessage,
} from '../src/render/discord.js';
import { ui } from '../src/render/i18n.js';
import type { Answer, Engine } from '../src/answers/types.js';
import type { CorpusDocument } from '../src/corpus/types.js';
import type { BotContext } from '../src/discord/context.js';
import { handleInteraction } from '../src/discord/interactions.js';
import { BotMetrics, type Outcome, type Surface } from '../src/ops/metrics.js';
import { ConversationHistory } from '../src/conversation/history.js';
import { AnsweredMessages } from '../src/discord/answered-messages.js';
import { answerPlace, BotThreads, MAX_THREAD_NAME, threadName } from '../src/discord/threads.js';
import { openFeedbackStore } from '../src/feedback/store.js';
import { silentLog } from './helpers/config.js';
import {
  abstainedAnswer,
  COMMAND_NAMES,
  answerOf,
  excerptOf,
  loadArticle,
  relatedAnswer,
} from './discord-helpers.js';

const BOT = '1100000000000000001';

describe('which messages are questions', () => {
  const base: MessageFacts = {
    authorIsBot: false,
    isSystem: false,
    isDM: false,
    channelId: 'c1',
    parentChannelId: null,
    inBotThread: false,
    mentionsBot: false,
  };

  it('answers mentions, DMs and answer channels (and their threads), nothing else', () => {
    expect(messageTrigger(base, [])).toBeNull();
    expect(messageTrigger({ ...base, mentionsBot: true }, [])).toBe('mention');
    expect(messageTrigger({ ...base, isDM: true }, [])).toBe('dm');
    expect(messageTrigger(base, ['c1'])).toBe('channel');
    expect(messageTrigger({ ...base, channelId: 't1', parentChannelId: 'c1' }, ['c1'])).toBe(
      'channel',
    );
    expect(messageTrigger({ ...base, mentionsBot: true }, ['c1'])).toBe('channel');
  });

  it('takes every message in a thread the bot started as a follow-up there, mention or not', () => {
    const inThread = { ...base, channelId: 't1', parentChannelId: 'c1', inBotThread: true };
    expect(messageTrigger(inThread, [])).toBe('thread');
    expect(messageTrigger({ ...inThread, mentionsBot: true }, [])).toBe('thread');
    // Another thread is like any channel: only a mention is a question.
    expect(messageTrigger({ ...inThread, inBotThread: false }, [])).toBeNull();
    expect(messageTrigger({ ...inThread, authorIsBot: true }, [])).toBeNull();
    // Under an answer channel, its rules come first.
    expect(messageTrigger(inThread, ['c1'])).toBe('channel');
  });

  it('ignores bots (itself included), system messages and webhooks everywhere', () => {
    for (const where of [{ isDM: true }, { mentionsBot: true }, {}]) {
      expect(messageTrigger({ ...base, ...where, authorIsBot: true }, ['c1'])).toBeNull();
      expect(messageTrigger({ ...base, ...where, isSystem: true }, ['c1'])).toBeNull();
    }
  });
});

describe('questions', () => {
  it('strips the bot mention (user and managed role forms) wherever it is', () => {
    const q = stripBotMentions(`<@${BOT}> 潘梓正在哪裡讀碩士？ <@!${BOT}> <@&77>`, BOT, ['77']);
    expect(tidyQuestion(q)).toBe('潘梓正在哪裡讀碩士？');
    expect(tidyQuestion(stripBotMentions(`<@${BOT}>`, BOT))).toBe('');
    // Other people stay in the question.
    expect(tidyQuestion(stripBotMentions(`<@${BOT}> <@42> 是誰`, BOT))).toBe('<@42> 是誰');
    expect(tidyQuestion('@\u200beveryone  潘梓正\n 是誰 @here')).toBe('潘梓正 是誰');
    expect(tidyQuestion('mail me@everyone.example')).toBe('mail me@everyone.example');
  });

  it('counts characters as people do and reports empty and over-long questions', () => {
    expect(checkQuestion('', 10)).toEqual({ kind: 'empty' });
    expect(checkQuestion('😀'.repeat(10), 10)).toBeNull();
    expect(checkQuestion('字'.repeat(11), 10)).toEqual({ kind: 'tooLong', length: 11, max: 10 });
  });

  it('picks the wording language from the text, else the locale, else the default', () => {
    expect(langFor('潘梓正在哪裡讀碩士？', 'en-US', 'en')).toBe('zh-Hant');
    expect(langFor('潘梓正在哪里读硕士？', null, 'en')).toBe('zh-Hans');
    expect(langFor('Where did Pan study?', 'zh-TW', 'zh-Hant')).toBe('en');
    expect(langFor('', 'zh-CN', 'en')).toBe('zh-Hans');
    expect(langFor(null, null, 'zh-Hant')).toBe('zh-Hant');
  });
});

describe('cooldown', () => {
  it('lets one question through per period per user and does not extend on retries', () => {
    let now = 1_000;
    const cd = new Cooldown(5_000, () => now);
    expect(cd.take('a')).toBe(0);
    expect(cd.take('b')).toBe(0);
    now += 2_000;
    expect(cd.take('a')).toBe(3_000);
    now += 2_999;
    expect(cd.take('a')).toBe(1);
    now += 1;
    expect(cd.take('a')).toBe(0);
    expect(waitSeconds(1)).toBe(1);
    expect(waitSeconds(3_001)).toBe(4);
  });

  it('is off at 0', () => {
    const cd = new Cooldown(0);
    expect(cd.take('a')).toBe(0);
    expect(cd.take('a')).toBe(0);
  });
});

describe('more-passages cache', () => {
  const entry = {
    excerpts: [],
    lang: 'en' as const,
    mode: 'lexical' as const,
    tier: 'answer' as const,
  };

  it('gives short ids that fit a custom_id and expire', () => {
    let now = 0;
    const cache = new MoreCache(1_000, 10, () => now);
    const id = cache.put(entry);
    const customId = moreCustomId(id);
    expect(customId.length).toBeLessThanOrEqual(100);
    expect(parseMoreCustomId(customId)).toBe(id);
    expect(parseMoreCustomId('other:1')).toBeNull();
    expect(cache.get(id)).toBe(entry);
    now = 1_000;
    expect(cache.get(id)).toBeUndefined();
  });

  it('drops the oldest entries beyond its size', () => {
    const cache = new MoreCache(60_000, 3);
    const ids = [1, 2, 3, 4].map(() => cache.put(entry));
    expect(cache.size).toBe(3);
    expect(cache.get(ids[0]!)).toBeUndefined();
    expect(cache.get(ids[3]!)).toBe(entry);
  });
});

describe('errors', () => {
  it('makes 8-character ids and recognises expired interactions', () => {
    const ids = new Set(Array.from({ length: 50 }, newErrorId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(isExpiredInteraction({ code: 10062 })).toBe(true);
    expect(isExpiredInteraction(new Error('x'))).toBe(false);
    expect(isMissingPermission({ code: 50013 })).toBe(true);
    expect(isMissingPermission({ code: 10062 })).toBe(false);
  });
});

describe('commands', () => {
  it('loads /about, /articles, /ask, /forget-me, /help, /person, /summary and the message command with the options the bot handles', async () => {
    const commands = await loadCommands();
    expect([...commands.keys()]).toEqual(COMMAND_NAMES);
    const defs = commandDefinitions(commands).filter(
      (d): d is RESTPostAPIChatInputApplicationCommandsJSONBody =>
        d.type === undefined || d.type === ApplicationCommandType.ChatInput,
    );
    const ask = defs.find((d) => d.name === 'ask')!;
    expect(ask.options).toEqual([
      expect.objectContaining({
        name: 'question',
        type: ApplicationCommandOptionType.String,
        required: true,
      }),
      // Like /summary's: optional, autocompleted, and it restricts the answer to one article.
      expect.objectContaining({ name: 'article', autocomplete: true, required: false }),
      expect.objectContaining({ name: 'private', type: ApplicationCommandOptionType.Boolean }),
    ]);
    expect(commandShapeProblems(commands.get('ask'))).toEqual([]);
    const person = defs.find((d) => d.name === 'person')!;
    expect(person.options?.[0]).toMatchObject({ name: 'name', autocomplete: true, required: true });
    // The loader refuses an autocomplete option without a handler: /person has one.
    expect(commandShapeProblems(commands.get('person'))).toEqual([]);
    // /summary's article is optional: with one article, or to summarise them all, leave it out.
    const summary = defs.find((d) => d.name === 'summary')!;
    expect(summary.options).toEqual([
      expect.objectContaining({ name: 'article', autocomplete: true, required: false }),
      expect.objectContaining({ name: 'private', type: ApplicationCommandOptionType.Boolean }),
    ]);
    expect(commandShapeProblems(commands.get('summary'))).toEqual([]);
    for (const d of defs) {
      expect(d.contexts).toEqual([InteractionContextType.Guild, InteractionContextType.BotDM]);
      expect(d.description_localizations?.['zh-TW']).toBeTruthy();
    }
  });

  it('rejects malformed command modules, naming the file and the problem', async () => {
    expect(commandShapeProblems(null)).toEqual(['the default export is not an object']);
    expect(commandShapeProblems({ kind: 'slash', data: {}, execute: 1 })).toEqual([
      'execute is not a function',
      'data is not a command builder (no toJSON)',
    ]);
    const data = {
      name: 'x',
      toJSON: () => ({
        name: 'x',
        description: 'd',
        options: [{ name: 'o', description: 'd', type: 3, autocomplete: true }],
      }),
    };
    expect(commandShapeProblems({ kind: 'slash', data, execute: () => undefined })).toEqual([
      'an option has autocomplete but the command exports no autocomplete handler',
    ]);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'commands-'));
    try {
      await writeFile(
        path.join(dir, 'broken.ts'),
        'export default { kind: "slash", data: { name: "Bad Name", toJSON() { return { name: "Bad Name", description: "" }; } }, execute() {} };\n',
      );
      await expect(loadCommands(dir)).rejects.toThrow(
        /broken\.ts: invalid name "Bad Name"; description must be 1-100 characters/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('message commands and threads', () => {
  it('checks a message command’s shape: its kind, type, menu name and no autocomplete', async () => {
    const commands = await loadCommands();
    const menu = commands.get('Ask the article about this')!;
    expect(menu.kind).toBe('message');
    expect(commandShapeProblems(menu)).toEqual([]);
    const json = menu.data.toJSON();
    expect(json).toMatchObject({ type: ApplicationCommandType.Message });
    expect(json.name_localizations?.['zh-TW']).toBeTruthy();
    expect(json.contexts).toEqual([InteractionContextType.Guild, InteractionContextType.BotDM]);

    const data = (type: number, name: string) => ({ name, toJSON: () => ({ name, type }) });
    const execute = () => undefined;
    expect(commandShapeProblems({ data: data(3, 'Ask it'), execute })).toEqual([
      'kind is not "slash" or "message"',
      "a slash command's data has type 3, not ChatInput",
    ]);
    expect(commandShapeProblems({ kind: 'slash', data: data(3, 'Ask it'), execute })).toEqual([
      "a slash command's data has type 3, not ChatInput",
    ]);
    expect(commandShapeProblems({ kind: 'message', data: data(1, 'ask'), execute })).toEqual([
      "a message command's data has type 1, not Message",
    ]);
    expect(
      commandShapeProblems({
        kind: 'message',
        data: data(3, 'x'.repeat(33)),
        execute,
        autocomplete: execute,
      }),
    ).toEqual([
      `invalid name "${'x'.repeat(33)}" (1-32 characters)`,
      'a message command has no autocomplete',
    ]);
  });

  it('names a thread after its question, on one line and within Discord’s 100 characters', () => {
    expect(threadName('潘梓正在哪裡讀碩士？')).toBe('潘梓正在哪裡讀碩士？');
    expect(threadName('who is\n  Pan Zizheng?')).toBe('who is Pan Zizheng?');
    const long = threadName('潘'.repeat(300));
    expect(long.length).toBeLessThanOrEqual(MAX_THREAD_NAME);
    expect(long.endsWith('…')).toBe(true);
  });

  it('replies in place and logs one warning when Discord refuses the thread', async () => {
    const logged: { level: number; msg: string }[] = [];
    const log = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _enc, done) {
          logged.push(JSON.parse(chunk.toString('utf8')) as { level: number; msg: string });
          done();
        },
      }),
    );
    const replied: unknown[] = [];
    const message = {
      id: 'q1',
      channelId: 'c1',
      guildId: 'g1',
      inGuild: () => true,
      guild: { members: { me: { id: BOT } } },
      channel: {
        type: ChannelType.GuildText,
        permissionsFor: () => new PermissionsBitField(PermissionsBitField.All),
      },
      startThread: () => Promise.reject(new Error('Missing Permissions')),
      reply: (options: unknown) => {
        replied.push(options);
        return Promise.resolve({ id: 'r1' });
      },
    } as unknown as Message;
    const threads = new BotThreads();
    const place = await answerPlace(
      message,
      { config: parseConfig({ ANSWER_IN_THREADS: 'true' }), log, threads },
      '潘梓正是誰？',
    );
    expect(place.id).toBe('c1');
    await place.send({ content: 'answer', embeds: [], components: [], allowedMentions: NO_PINGS });
    expect(replied).toHaveLength(1);
    expect(threads.has('q1')).toBe(false);
    expect(logged.map((l) => l.msg)).toEqual([
      'Answering in the channel, not in a thread: starting one failed',
    ]);
  });

  it('remembers the threads it started, forgetting the oldest beyond its bound', () => {
    const threads = new BotThreads(2);
    threads.remember('a');
    threads.remember('b');
    threads.remember('a');
    threads.remember('c');
    expect(['a', 'b', 'c'].filter((id) => threads.has(id))).toEqual(['a', 'c']);
  });
});

describe('client setup', () => {
  it('asks for MessageContent only when there are answer channels', () => {
    const plain = botIntents(parseConfig({}));
    expect(plain).toEqual([
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
    ]);
    expect(botIntents(parseConfig({ ANSWER_CHANNEL_IDS: '1, 2' }))).toContain(
      GatewayIntentBits.MessageContent,
    );
    // Follow-ups in the bot's threads do not mention it: their text needs the intent too.
    expect(botIntents(parseConfig({ ANSWER_IN_THREADS: 'true' }))).toContain(
      GatewayIntentBits.MessageContent,
    );
    expect(parseConfig({}).ANSWER_IN_THREADS).toBe(false);
  });

  it('points REST at DISCORD_API_URL and pings nobody by default', () => {
    const options = clientOptions(parseConfig({ DISCORD_API_URL: 'http://127.0.0.1:9/api' }));
    expect(options.rest).toEqual({ api: 'http://127.0.0.1:9/api' });
    expect(options.allowedMentions).toEqual({ parse: [], repliedUser: false });
    expect(clientOptions(parseConfig({})).rest).toBeUndefined();
  });
});

/** Just the state and methods respond() and withDeferral() use, recording what they were called with. */
function recordingInteraction(state: { deferred?: boolean; replied?: boolean } = {}) {
  const calls: { method: string; options: unknown }[] = [];
  let onDefer: () => void = () => undefined;
  const deferredOnce = new Promise<void>((resolve) => (onDefer = resolve));
  const interaction = {
    deferred: state.deferred ?? false,
    replied: state.replied ?? false,
    reply(options: unknown) {
      calls.push({ method: 'reply', options });
      interaction.replied = true;
      // What discord.js resolves with when asked withResponse: the callback and its message.
      return Promise.resolve({ resource: { message: { id: `m${calls.length}` } } });
    },
    deferReply(options: unknown) {
      calls.push({ method: 'deferReply', options });
      interaction.deferred = true;
      onDefer();
      return Promise.resolve();
    },
    editReply(options: unknown) {
      calls.push({ method: 'editReply', options });
      return Promise.resolve();
    },
    followUp(options: unknown) {
      calls.push({ method: 'followUp', options });
      return Promise.resolve();
    },
  };
  return {
    interaction,
    calls,
    deferredOnce,
    as: () => interaction as unknown as RepliableInteraction,
  };
}

describe('interaction responses', () => {
  it('picks reply, editReply or followUp from the state', () => {
    expect(responseKind({ deferred: false, replied: false })).toBe('reply');
    expect(responseKind({ deferred: true, replied: false })).toBe('editReply');
    expect(responseKind({ deferred: true, replied: true })).toBe('followUp');
    expect(responseKind({ deferred: false, replied: true })).toBe('followUp');
  });

  it('sends allowed mentions that ping nobody, ephemeral where asked', async () => {
    const r = recordingInteraction();
    await respond(r.as(), renderNotice('hi'), { ephemeral: true });
    await respond(r.as(), renderNotice('again'), { ephemeral: true });
    expect(r.calls).toEqual([
      {
        method: 'reply',
        options: expect.objectContaining({
          content: 'hi',
          allowedMentions: NO_PINGS,
          flags: MessageFlags.Ephemeral,
          withResponse: true,
        }) as unknown,
      },
      {
        method: 'followUp',
        options: expect.objectContaining({
          content: 'again',
          flags: MessageFlags.Ephemeral,
        }) as unknown,
      },
    ]);
    const deferred = recordingInteraction({ deferred: true });
    await respond(deferred.as(), renderNotice('done'));
    expect(deferred.calls).toEqual([
      {
        method: 'editReply',
        options: expect.objectContaining({ content: 'done', allowedMentions: NO_PINGS }) as unknown,
      },
    ]);
  });

  it('does not defer when the work is already done', async () => {
    const r = recordingInteraction();
    await expect(
      withDeferral(r.as(), Promise.resolve(7), {
        ephemeral: false,
        deferNow: false,
        afterMs: 60_000,
      }),
    ).resolves.toBe(7);
    expect(r.calls).toEqual([]);
  });

  it('defers (ephemerally when private) when the work is still running after the wait', async () => {
    const r = recordingInteraction();
    let finish: (v: number) => void = () => undefined;
    const work = new Promise<number>((resolve) => (finish = resolve));
    const result = withDeferral(r.as(), work, { ephemeral: true, deferNow: false, afterMs: 1 });
    await r.deferredOnce;
    finish(3);
    await expect(result).resolves.toBe(3);
    expect(r.calls).toEqual([{ method: 'deferReply', options: { flags: MessageFlags.Ephemeral } }]);
  });

  it('defers at once when told to, and passes a failure on after deferring', async () => {
    const r = recordingInteraction();
    const failing = Promise.reject(new Error('engine down'));
    await expect(
      withDeferral(r.as(), failing, { ephemeral: false, deferNow: true, afterMs: 60_000 }),
    ).rejects.toThrow('engine down');
    expect(r.calls).toEqual([{ method: 'deferReply', options: {} }]);
  });
});

function only(message: RenderedMessage): APIEmbed {
  expect(message.embeds).toHaveLength(1);
  return message.embeds[0]!;
}

describe('handlers with a fake engine', () => {
  const QUESTION = '潘梓正的導師是誰？';
  const caveat = `**${escapeMarkdown(ui('zh-Hant').relatedCaveat)}**`;
  let doc: CorpusDocument;
  beforeAll(async () => {
    doc = await loadArticle();
  });

  /** An engine that answers every question with `answerFor` and knows nothing else. */
  function fakeEngine(answerFor: (question: string) => Answer): Engine {
    return {
      ask: (q) => Promise.resolve(answerFor(q)),
      reply: (q) => Promise.resolve({ kind: 'answer', answer: answerFor(q) }),
      summary: (r) => ({ question: null, lang: r.lang, mode: 'lexical', articles: [] }),
      person: (query) => ({ query, lang: 'zh-Hant', person: null, suggestions: [] }),
      suggestPeople: () => [],
      about: () => ({
        documents: [],
        articles: [],
        passages: 0,
        people: 0,
        mode: 'lexical',
        model: null,
        builtAt: '2025-02-10T00:00:00.000Z',
        buildId: 'test-build',
        skipped: [],
      }),
    };
  }

  function contextFor(engine: Engine, cooldownMs = 0): BotContext {
    return {
      engine,
      config: parseConfig({}),
      log: silentLog,
      cooldown: new Cooldown(cooldownMs),
      more: new MoreCache(),
      history: new ConversationHistory(),
      answered: new AnsweredMessages(),
      threads: new BotThreads(),
      // A store that cannot open (a path under /dev/null): answers must go on without it.
      feedback: openFeedbackStore({
        dataDir: path.join(os.devNull, 'feedback'),
        retentionDays: 0,
        log: silentLog,
      }),
      metrics: new BotMetrics(),
      defaultLang: 'zh-Hant',
      deferAfterMs: 60_000,
    };
  }

  /** The closest passages to a question the article does not answer, with more behind a button. */
  const related = (q: string) =>
    relatedAnswer(q, [excerptOf(doc, [3], '莫納什大學')], [excerptOf(doc, [4])], 'zh-Hant', [
      '潘梓正',
    ]);

  /** What Discord would receive as the first message of a call. */
  function sent(call: { options: unknown } | undefined) {
    const options = call?.options as {
      embeds?: APIEmbed[];
      components?: { components: APIButtonComponent[] }[];
      allowedMentions?: unknown;
      flags?: number;
    };
    expect(options.allowedMentions).toEqual(NO_PINGS);
    const embed = options.embeds?.[0];
    const buttons = (options.components ?? []).flatMap((r) => r.components);
    return { embed, buttons, flags: options.flags };
  }

  /** A slash command or button, as handleInteraction reads it. */
  function interactionOf(kind: { command: string; question: string } | { customId: string }) {
    const r = recordingInteraction();
    Object.assign(r.interaction, {
      locale: 'zh-TW',
      user: { id: 'u1' },
      client: { user: { id: BOT } },
      guildId: 'g1',
      channelId: 'c1',
      isAutocomplete: () => false,
      isRepliable: () => true,
      isChatInputCommand: () => 'command' in kind,
      isMessageContextMenuCommand: () => false,
      isButton: () => 'customId' in kind,
      ...('command' in kind
        ? {
            commandName: kind.command,
            options: {
              getString: (name: string) => (name === 'question' ? kind.question : null),
              getBoolean: () => null,
            },
          }
        : { customId: kind.customId }),
    });
    return { calls: r.calls, interaction: r.interaction as unknown as Interaction };
  }

  /** A guild message that mentions the bot, recording replies and reactions. */
  function mentionOf(question: string) {
    const replies: unknown[] = [];
    const reactions: string[] = [];
    const channel = {
      isThread: () => false,
      sendTyping: () => Promise.resolve(),
      guild: null,
      client: { users: { cache: new Map() }, channels: { cache: new Map() } },
    };
    const message = {
      id: 'm1',
      client: { user: { id: BOT } },
      content: `<@${BOT}> ${question}`,
      mentions: { users: new Map([[BOT, {}]]), roles: new Map() },
      author: { bot: false, id: 'u1' },
      system: false,
      webhookId: null,
      inGuild: () => true,
      channelId: 'c1',
      channel,
      guild: null,
      guildId: 'g1',
      reply: (options: unknown) => {
        replies.push(options);
        return Promise.resolve({ id: `r${replies.length}` });
      },
      react: (emoji: string) => {
        reactions.push(emoji);
        return Promise.resolve();
      },
    };
    return { replies, reactions, message: message as unknown as Message };
  }

  it('sends a related answer to /ask with the caveat, the quotes and a More button that keeps the caveat', async () => {
    const asked: string[] = [];
    const ctx = contextFor(
      fakeEngine((q) => {
        asked.push(q);
        return related(q);
      }),
    );
    const commands = await loadCommands();
    const ask = interactionOf({ command: 'ask', question: QUESTION });
    await handleInteraction(ask.interaction, ctx, commands);
    expect(asked).toEqual([QUESTION]);
    expect(ask.calls.map((c) => c.method)).toEqual(['reply']);
    const { embed, buttons } = sent(ask.calls[0]);
    expect(embed?.title).toBe(QUESTION);
    expect(embed?.description?.startsWith(`${caveat}\n\n> `)).toBe(true);
    expect(embed?.description).toContain('**2021年至2024年,他在莫納什大學攻讀計算機科學博士');
    expect(embed?.description).not.toContain(ui('zh-Hant').notInArticle);
    expect(embed?.fields?.[0]?.value).toBe('`[1]` ¶3 · 「印象深刻」的決定 · 觀察者網 · 2025-02-09');
    expect(embed?.color).toBe(only(renderAnswer(related(QUESTION))).color);
    expect(embed?.color).not.toBe(
      only(renderAnswer(answerOf(QUESTION, related(QUESTION).excerpts))).color,
    );
    const more = buttons.find((b) => 'custom_id' in b);
    expect(more).toMatchObject({ label: ui('zh-Hant').morePassages(1) });

    // Clicking it shows the further passage privately, still under the caveat.
    const click = interactionOf({ customId: (more as { custom_id: string }).custom_id });
    await handleInteraction(click.interaction, ctx, commands);
    const view = sent(click.calls[0]);
    expect(view.flags).toBe(MessageFlags.Ephemeral);
    expect(view.embed?.description?.startsWith(`${caveat}\n\n> `)).toBe(true);
    expect(view.embed?.color).toBe(embed?.color);
    expect(view.embed?.description).toContain(doc.paragraphs[3]!.text.slice(0, 20));
  });

  it('replies to a mention with a related answer under the caveat; the cooldown applies as to any answer', async () => {
    const ctx = contextFor(fakeEngine(related), 60_000);
    const first = mentionOf(QUESTION);
    await handleMessage(first.message, ctx);
    expect(first.replies).toHaveLength(1);
    const { embed, buttons } = sent({ options: first.replies[0] });
    expect(embed?.title).toBe(QUESTION);
    expect(embed?.description?.startsWith(`${caveat}\n\n> `)).toBe(true);
    expect(embed?.description).toContain('莫納什大學');
    expect(buttons.some((b) => 'custom_id' in b)).toBe(true);

    const again = mentionOf(QUESTION);
    await handleMessage(again.message, ctx);
    expect(again.replies).toEqual([]);
    expect(again.reactions).toEqual([COOLDOWN_REACTION]);
  });

  /** A notice's text, as sent. */
  const contentOf = (options: unknown) => (options as { content?: string }).content ?? '';

  /** What the questions counter says for one surface and outcome. */
  async function counted(ctx: BotContext, surface: Surface, outcome: Outcome): Promise<number> {
    const metric = (await ctx.metrics.snapshot()).find(
      (m) => m.name === 'article_bot_questions_total',
    );
    const value = metric?.values.find(
      (v) => v.labels['surface'] === surface && v.labels['outcome'] === outcome,
    );
    if (!value) throw new Error(`no series for ${surface}/${outcome}`);
    return value.value;
  }

  it('applies one set of admission checks to mentions and /ask, and counts every outcome', async () => {
    const ctx = contextFor(
      fakeEngine((q) => (q.includes('導師') ? related(q) : answerOf(q, [excerptOf(doc, [3])]))),
      60_000,
    );
    ctx.config = parseConfig({ MAX_QUESTION_CHARS: '20' });
    const commands = await loadCommands();

    // Too long is refused before the cooldown is taken, on either surface.
    const long = interactionOf({ command: 'ask', question: '潘'.repeat(21) });
    await handleInteraction(long.interaction, ctx, commands);
    expect(contentOf(long.calls[0]?.options)).toBe(ui('zh-Hant').tooLong(21, 20));
    expect(sent(long.calls[0]).flags).toBe(MessageFlags.Ephemeral);

    const first = interactionOf({ command: 'ask', question: '潘梓正在哪裡讀碩士？' });
    await handleInteraction(first.interaction, ctx, commands);
    expect(sent(first.calls[0]).embed?.title).toBe('潘梓正在哪裡讀碩士？');

    // The cooldown /ask started holds for a mention by the same user: one cooldown, shared.
    const mention = mentionOf(QUESTION);
    await handleMessage(mention.message, ctx);
    expect(mention.reactions).toEqual([COOLDOWN_REACTION]);
    expect(mention.replies).toEqual([]);

    expect(await counted(ctx, 'ask', 'refused')).toBe(1);
    expect(await counted(ctx, 'ask', 'answered')).toBe(1);
    expect(await counted(ctx, 'mention', 'refused')).toBe(1);
    expect(await counted(ctx, 'mention', 'abstained')).toBe(0);

    const fresh = contextFor(fakeEngine(related));
    const asked = mentionOf(QUESTION);
    await handleMessage(asked.message, fresh);
    expect(await counted(fresh, 'mention', 'abstained')).toBe(1);
    const text = (await fresh.metrics.text()).body;
    expect(text).toMatch(/article_bot_question_duration_seconds_count\{surface="mention"\} 1/);
  });

  it('takes one error path on every surface: logged with an id the user is shown, counted', async () => {
    const failing: Engine = {
      ...fakeEngine(related),
      ask: () => Promise.reject(new Error('engine exploded')),
      reply: () => Promise.reject(new Error('engine exploded')),
    };
    const ctx = contextFor(failing);
    const m = mentionOf(QUESTION);
    await handleMessage(m.message, ctx);
    const viaMention = contentOf(m.replies[0]);
    const commands = await loadCommands();
    const ask = interactionOf({ command: 'ask', question: QUESTION });
    await handleInteraction(ask.interaction, ctx, commands);
    expect(sent(ask.calls[0]).flags).toBe(MessageFlags.Ephemeral);
    const viaAsk = contentOf(ask.calls[0]?.options);
    const idOf = (text: string) => /\b[0-9a-f]{8}\b/.exec(text)?.[0];
    expect(idOf(viaMention)).toBeDefined();
    expect(idOf(viaAsk)).toBeDefined();
    expect(viaMention.replace(idOf(viaMention)!, 'ID')).toBe(viaAsk.replace(idOf(viaAsk)!, 'ID'));
    expect(await counted(ctx, 'mention', 'error')).toBe(1);
    expect(await counted(ctx, 'ask', 'error')).toBe(1);
  });

  it('still answers "none" with the statement and no caveat', async () => {
    const ctx = contextFor(fakeEngine((q) => abstainedAnswer(q, ['潘梓正'])));
    const m = mentionOf('明天香港會下雨嗎？');
    await handleMessage(m.message, ctx);
    const { embed, buttons } = sent({ options: m.replies[0] });
    expect(embed?.description).toMatch(/^文章沒有提到這一點。/);
    expect(embed?.description).not.toContain(ui('zh-Hant').relatedCaveat);
    expect(buttons).toEqual([]);
  });
});
