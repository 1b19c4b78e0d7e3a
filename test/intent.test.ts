/**
 * The intent classifier on phrasings written with the rules. The held-out set in
 * test/eval/intents.jsonl (another writer's) is asserted in intent-eval.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { classifyIntent, type Intent } from '../src/intent/classify.js';

const cases: Record<Intent, string[]> = {
  summary: [
    '這篇文章在講什麼？',
    '这篇文章在讲什么？',
    '文章的重點是什麼',
    '文章的重点是什么',
    '總結一下',
    '幫我總結這篇文章',
    '能不能用三句話概括一下這篇文章？',
    '用3句话总结',
    '這篇報道主要說了什麼？',
    '摘要',
    '文章大意',
    '講咗咩？',
    '这篇文章是关于什么的',
    'Summarize the article',
    'summarise it please',
    'TL;DR?',
    'tldr',
    'What is this article about?',
    "what's the gist?",
    'Give me the key points',
    'Can you give me a quick summary of the story?',
    'What does the article say?',
    'hi, summarize it',
    '你好，這篇文章講了什麼',
  ],
  greeting: [
    'hi',
    'Hello!',
    'hey there',
    'good morning',
    '👋',
    '你好',
    '您好！',
    '哈囉～',
    '嗨',
    '早安',
    '你是誰？',
    '你是谁',
    'who are you?',
    'hi, who are you?',
    '哈囉，你是誰',
    '介紹一下你自己',
    'hello bot',
  ],
  help: [
    'help',
    '/help',
    'What can I ask?',
    'what can you do?',
    'How do I use this bot?',
    '你能做什麼？',
    '你能做什么',
    '怎麼用？',
    '我可以問什麼問題？',
    '有哪些指令',
    'hi! what can I ask you?',
    '使用說明',
  ],
  question: [
    // Ordinary questions that contain article words, summary words or a greeting.
    '文章說DeepSeek訓練花了多少錢？',
    '文章说DeepSeek训练花了多少钱？',
    '這篇文章的作者是誰？',
    '文章提到哪些公司？',
    '艾利森總結了什麼？',
    '禹之鼎說了什麼？',
    'DeepSeek的重點項目有哪些？',
    '文章的重點項目是什麼？',
    'What does the article say about Nvidia?',
    'What does the article say DeepSeek spent on training?',
    'Summarize what Allison said',
    'Who wrote the article?',
    'Is the article about AI?',
    'hi, who founded DeepSeek?',
    'hello, where did Pan Zizheng study?',
    '你好，請問潘梓正是誰？',
    '潘梓正是誰？',
    'DeepSeek能做什麼？',
    'DeepSeek怎麼用？',
    'How do I use DeepSeek-R1?',
    'What can DeepSeek do?',
    'Who is Pan Zizheng?',
    '張湖月的觀點是什麼？',
    'What is the main point of Allison’s argument about talent?',
    'How does DeepSeek work?',
    'What commands did Allison give?',
    '你可以問潘梓正嗎',
    '這篇報導的作者是誰？',
    'What sum did DeepSeek spend on training?',
    '有人在美國工作嗎？',
    '',
    '？？？',
  ],
};

describe('classifyIntent', () => {
  for (const [intent, texts] of Object.entries(cases) as [Intent, string[]][]) {
    it.each(texts)(`%j is ${intent}`, (text) => {
      expect(classifyIntent(text)).toBe(intent);
    });
  }
});
