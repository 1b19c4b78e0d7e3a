import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ApplicationCommandOptionType,
  GatewayIntentBits,
  InteractionContextType,
  MessageFlags,
  type RepliableInteraction,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { botIntents, clientOptions } from '../src/discord/bot.js';
import { Cooldown, waitSeconds } from '../src/discord/cooldown.js';
import { isExpiredInteraction, isMissingPermission, newErrorId } from '../src/discord/errors.js';
import { commandDefinitions, commandShapeProblems, loadCommands } from '../src/discord/loader.js';
import { messageTrigger, type MessageFacts } from '../src/discord/messages.js';
import { MoreCache, moreCustomId, parseMoreCustomId } from '../src/discord/more-cache.js';
import {
  checkQuestion,
  langFor,
  stripBotMentions,
  tidyQuestion,
} from '../src/discord/questions.js';
import { NO_PINGS, respond, responseKind, withDeferral } from '../src/discord/respond.js';
import { renderNotice } from '../src/render/discord.js';

const BOT = '1100000000000000001';

describe('which messages are questions', () => {
  const base: MessageFacts = {
    authorIsBot: false,
    isSystem: false,
    isDM: false,
    channelId: 'c1',
    parentChannelId: null,
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
  const entry = { excerpts: [], lang: 'en' as const, mode: 'lexical' as const };

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
  it('loads /about, /ask, /help, /person with the options the bot handles', async () => {
    const commands = await loadCommands();
    expect([...commands.keys()]).toEqual(['about', 'ask', 'help', 'person']);
    const defs = commandDefinitions(commands);
    const ask = defs.find((d) => d.name === 'ask')!;
    expect(ask.options).toEqual([
      expect.objectContaining({
        name: 'question',
        type: ApplicationCommandOptionType.String,
        required: true,
      }),
      expect.objectContaining({ name: 'private', type: ApplicationCommandOptionType.Boolean }),
    ]);
    const person = defs.find((d) => d.name === 'person')!;
    expect(person.options?.[0]).toMatchObject({ name: 'name', autocomplete: true, required: true });
    // The loader refuses an autocomplete option without a handler: /person has one.
    expect(commandShapeProblems(commands.get('person'))).toEqual([]);
    for (const d of defs) {
      expect(d.contexts).toEqual([InteractionContextType.Guild, InteractionContextType.BotDM]);
      expect(d.description_localizations?.['zh-TW']).toBeTruthy();
    }
  });

  it('rejects malformed command modules, naming the file and the problem', async () => {
    expect(commandShapeProblems(null)).toEqual(['the default export is not an object']);
    expect(commandShapeProblems({ data: {}, execute: 1 })).toEqual([
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
    expect(commandShapeProblems({ data, execute: () => undefined })).toEqual([
      'an option has autocomplete but the command exports no autocomplete handler',
    ]);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'commands-'));
    try {
      await writeFile(
        path.join(dir, 'broken.ts'),
        'export default { data: { name: "Bad Name", toJSON() { return { name: "Bad Name", description: "" }; } }, execute() {} };\n',
      );
      await expect(loadCommands(dir)).rejects.toThrow(
        /broken\.ts: invalid name "Bad Name"; description must be 1-100 characters/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
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
      return Promise.resolve();
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
