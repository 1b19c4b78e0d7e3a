/**
 * Whole-article requests, greetings and help end to end through the engine and
 * `ask --json`: what kind each comes back as, and what a summary holds. The phrasings
 * here are the classifier's own tests' kin; the separate writer's set is in
 * intent-eval.test.ts.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { replyToJson, type ReplyJson } from '../src/render/json.js';
import { keywordEngine } from './helpers/engine.js';

const SUMMARY = ['這篇文章在講什麼？', '这篇文章的重点是什么', 'Summarize the article', 'tl;dr'];
const GREETINGS = ['hi', '你好', '哈囉，你是誰？', 'who are you?'];
const HELP = ['你能做什麼？', '我可以问什么', 'What can I ask?'];

describe('replies by intent (keyword mode)', async () => {
  const { engine } = await keywordEngine();
  const json = async (q: string) => replyToJson(await engine.reply(q), q);

  it.each(SUMMARY)(
    '%j is a summary: ≥3 cited sentences, one from ¶1–2, not abstained',
    async (q) => {
      const r = await json(q);
      expect(r).toMatchObject({ kind: 'summary', abstained: false, confidence: 'answer' });
      expect(r.passages.length).toBeGreaterThanOrEqual(3);
      expect(r.passages.some((p) => p.paragraphs.some((n) => n <= 2))).toBe(true);
      for (const p of r.passages) expect(p.text).toContain(p.quote);
      // In the article's order.
      const firsts = r.passages.map((p) => p.paragraphs[0]!);
      expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    },
  );

  it.each(GREETINGS)(
    '%j is a greeting naming the article and two questions the bot answers',
    async (q) => {
      const r = await json(q);
      expect(r).toMatchObject({ kind: 'greeting', abstained: false, passages: [] });
      if (r.kind !== 'greeting') return;
      expect(r.documents[0]).toMatchObject({ source: '觀察者網', published: '2025-02-09' });
      expect(r.examples).toHaveLength(2);
      for (const example of r.examples) {
        const a = await engine.ask(example);
        expect(a.confidence, example).toBe('answer');
      }
    },
  );

  it('suggests questions in the greeter’s language', async () => {
    const en = await engine.reply('hello');
    const hant = await engine.reply('哈囉');
    const hans = await engine.reply('哈喽，你是谁');
    if (en.kind !== 'greeting' || hant.kind !== 'greeting' || hans.kind !== 'greeting')
      throw new Error('not greetings');
    expect(en.greeting.examples[0]).toBe('Who is Pan Zizheng?');
    expect(hant.greeting.examples[0]).toBe('潘梓正是誰？');
    expect(hans.greeting.examples[0]).toBe('潘梓正是谁？');
    expect(hans.greeting.lang).toBe('zh-Hans');
  });

  it.each(HELP)('%j is help', async (q) => {
    expect(await json(q)).toMatchObject({ kind: 'help', abstained: false });
  });

  it('keeps ordinary questions answers, and abstentions abstained', async () => {
    expect(await json('潘梓正在哪裡讀碩士？')).toMatchObject({ kind: 'answer', abstained: false });
    expect(await json('文章說DeepSeek訓練花了多少錢？')).toMatchObject({ kind: 'answer' });
    expect(await json('明天香港會下雨嗎？')).toMatchObject({ kind: 'answer', abstained: true });
  });
});

describe('npm run ask -- --json --batch', () => {
  it('prints each line’s kind', async () => {
    const { testConfig } = await import('./helpers/config.js');
    const config = testConfig();
    try {
      const child = promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', path.join(PROJECT_ROOT, 'src/cli/ask.ts'), '--json', '--batch'],
        {
          cwd: PROJECT_ROOT,
          env: { ...process.env, DATA_DIR: config.DATA_DIR, EMBEDDING_MODEL: 'none' },
        },
      );
      const lines = [
        { id: 1, q: 'What is this article about?' },
        { id: 2, q: 'hello' },
        { id: 3, q: 'help' },
        { id: 4, q: '潘梓正在哪裡讀碩士？' },
        { id: 5, q: 'Who won the 2022 World Cup?' },
      ];
      child.child.stdin!.end(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      const { stdout } = await child;
      const out = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as ReplyJson);
      expect(out.map((o) => [o.id, o.kind, o.abstained])).toEqual([
        [1, 'summary', false],
        [2, 'greeting', false],
        [3, 'help', false],
        [4, 'answer', false],
        [5, 'answer', true],
      ]);
    } finally {
      config.cleanup();
    }
  });
});
