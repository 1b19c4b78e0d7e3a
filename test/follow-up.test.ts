/**
 * Follow-up resolution over the real corpus's people and names: pronouns point back to
 * the previous question's person or organisation, elliptical questions keep its
 * predicate, and a question that stands on its own is never rewritten.
 */
import { describe, expect, it } from 'vitest';
import { ConversationHistory, conversationKey } from '../src/conversation/history.js';
import type { Answer } from '../src/answers/types.js';
import { asksForSomeone } from '../src/conversation/answered.js';
import { converse } from '../src/conversation/converse.js';
import { matchEllipsis } from '../src/conversation/ellipsis.js';
import { findPronouns } from '../src/conversation/pronouns.js';
import { ReferentFinder } from '../src/conversation/referents.js';
import { resolveFollowUp } from '../src/conversation/resolve.js';
import { loadIndex } from '../src/indexes/load.js';
import { keywordEngine } from './helpers/engine.js';

describe('follow-ups', async () => {
  const { engine } = await keywordEngine();
  const finder = ReferentFinder.fromIndex(
    await loadIndex(engine.buildDir, { requestedModel: 'none' }),
  );
  const understood = (previous: string, q: string) =>
    resolveFollowUp(q, [previous], finder).understood;

  it('finds the corpus’s people and organisations, in any script', () => {
    const keys = (t: string) => finder.find(t).map((m) => [m.referent.kind, m.referent.key]);
    expect(keys('潘梓正和黃仁勛')).toEqual([
      ['person', '潘梓正'],
      ['person', '黃仁勛'],
    ]);
    expect(keys('Jensen Huang of Nvidia')).toEqual([
      ['person', '黃仁勛'],
      ['thing', '英伟达'],
    ]);
    // Latin names in any case, as whole words only.
    expect(keys('jensen huang of NVIDIA')).toEqual([
      ['person', '黃仁勛'],
      ['thing', '英伟达'],
    ]);
    expect(keys('Nvidiacorp and xJensen Huang')).toEqual([]);
    expect(keys('英伟达的CEO')[0]).toEqual(['thing', '英伟达']);
    // The longest name wins: DeepSeek-R1 is one thing, not DeepSeek and R1.
    expect(keys('DeepSeek-R1好用嗎')).toEqual([['thing', 'deepseek-r1']]);
  });

  it('finds pronouns as words, not inside other words', () => {
    expect(findPronouns('他導師怎麼說').map((p) => [p.kind, p.beforeNoun])).toEqual([
      ['person', true],
    ]);
    expect(findPronouns('其他人會彈吉他嗎')).toEqual([]);
    expect(findPronouns('這家公司在哪').map((p) => p.kind)).toEqual(['thing']);
    expect(findPronouns('what did his advisor say about it').map((p) => p.kind)).toEqual([
      'person',
      'thing',
    ]);
  });

  it('reads elliptical fragments, not whole questions ending in 呢', () => {
    expect(matchEllipsis('那R1呢？')?.fragment).toBe('R1');
    expect(matchEllipsis('what about his PhD?')?.fragment).toBe('his PhD');
    expect(matchEllipsis('他為什麼回國呢？')).toBeNull();
    expect(matchEllipsis('潘梓正的導師是誰？')).toBeNull();
  });

  it('resolves a pronoun to the previous question’s person', () => {
    expect(understood('潘梓正為什麼回國？', '他導師怎麼說？')).toBe('潘梓正的導師怎麼說？');
    expect(understood('潘梓正为什么回国？', '他的导师是谁？')).toBe('潘梓正的导师是谁？');
    expect(understood('Who is Jensen Huang?', 'what company does he run?')).toBe(
      'what company does Jensen Huang run?',
    );
    expect(understood('黃仁勛是誰？', 'what did his company make?')).toBe(
      "what did Jensen Huang's company make?",
    );
  });

  it('writes the name in once; later pronouns refer to it', () => {
    expect(understood('Who is Zhiding Yu?', 'where did he meet his wife?')).toBe(
      'where did Zhiding Yu meet his wife?',
    );
  });

  it('resolves 它 and "the company" to the previous question’s organisation', () => {
    expect(understood('英偉達是什麼公司？', '這家公司的CEO是誰？')).toBe('英偉達的CEO是誰？');
    expect(understood('What does Nvidia make?', 'who runs the company?')).toBe('who runs Nvidia?');
  });

  it('keeps the previous predicate and swaps in the new entity', () => {
    expect(understood('DeepSeek-V3的訓練成本是多少？', '那R1呢？')).toBe('R1的訓練成本是多少？');
    expect(understood('潘梓正的導師是誰？', '那宋俊瀟呢？')).toBe('宋俊瀟的導師是誰？');
    expect(understood('Who was Pan Zizheng’s advisor?', 'what about Song Junxiao?')).toBe(
      'Who was Song Junxiao’s advisor?',
    );
    // A name the corpus never mentions still takes the place, so the answer can say so.
    expect(understood('潘梓正的導師是誰？', '那梁文鋒呢？')).toBe('梁文鋒的導師是誰？');
    // Nobody named before: the pronoun that meant the subject is the slot.
    expect(understood('他在哪裡讀的博士？', '那宋俊瀟呢？')).toBe('宋俊瀟在哪裡讀的博士？');
  });

  it('asks the previous question of an attribute', () => {
    expect(understood('潘梓正的碩士是在哪所大學拿的？', '那他的博士呢？')).toBe(
      '潘梓正的博士在哪所大學拿的？',
    );
    expect(understood('潘梓正的碩士是在哪所大學拿的？', '那博士呢？')).toBe(
      '潘梓正的博士在哪所大學拿的？',
    );
    expect(
      understood('Where did Pan Zizheng get his master’s degree?', 'what about his PhD?'),
    ).toBe('Where did Pan Zizheng get his PhD?');
    expect(understood('What was Song Junxiao’s role at DeepSeek?', 'and the advisor?')).toBe(
      'What was Song Junxiao’s advisor at DeepSeek?',
    );
    // Nothing owned in the previous question: the fragment asks on its own.
    expect(understood('Where did Pan Zizheng study?', 'what about his PhD?')).toBe(
      "What about Pan Zizheng's PhD?",
    );
  });

  it('reads a pronoun before a name as someone else, after it as that name', () => {
    expect(understood('禹之鼎是誰？', '他和潘梓正怎麼認識的？')).toBe('禹之鼎和潘梓正怎麼認識的？');
    expect(understood('禹之鼎是誰？', '潘梓正說他為什麼回國？')).toBe('潘梓正說他為什麼回國？');
    expect(understood('黃仁勛是誰？', 'TA創辦了哪家公司？')).toBe('黃仁勛創辦了哪家公司？');
  });

  it('gives a question opened with 那 and a predicate the previous subject', () => {
    expect(understood('宋俊瀟的博士導師是誰？', '那在哪裡讀的博士？')).toBe(
      '宋俊瀟在哪裡讀的博士？',
    );
    // 那 before a noun opens a question of its own.
    expect(understood('宋俊瀟的博士導師是誰？', '那文章是誰寫的？')).toBe('那文章是誰寫的？');
  });

  it('swaps a name for the previous one of its shape', () => {
    expect(understood('DeepSeek的V3用了多少錢訓練？', '那R1的呢？')).toBe(
      'DeepSeek的R1用了多少錢訓練？',
    );
    expect(understood('他在DeepSeek做什麼？', '那宋俊瀟呢？')).toBe('宋俊瀟在DeepSeek做什麼？');
  });

  it('takes "and" before a whole question as a conjunction, not an ellipsis', () => {
    expect(matchEllipsis('And did he go back to China?')).toBeNull();
    expect(understood('Who is Song Junxiao?', 'And where did he study?')).toBe(
      'And where did Song Junxiao study?',
    );
  });

  it('leaves a question that stands on its own as written', () => {
    const standalone = [
      ['潘梓正為什麼回國？', '黃仁勛是誰？'],
      ['潘梓正為什麼回國？', 'DeepSeek的總部在哪裡？'],
      ['潘梓正為什麼回國？', '這篇文章是誰寫的？'],
      ['Who is Jensen Huang?', 'Who wrote this article?'],
      // Nothing for "it" to stand for: the previous question named only a person.
      ['Who is Pan Zizheng?', 'When was it published?'],
      // A question that names its own person keeps its pronoun for them.
      ['黃仁勛是誰？', '潘梓正說他為什麼回國？'],
      ['英偉達是什麼公司？', '其他公司呢？有哪些？'],
      // The question gives its pronoun an antecedent of its own.
      ['What does Nvidia make?', 'Is it true that Chinese talent went home?'],
      ['Who are Pan and Song?', 'What share of top researchers did their degrees in the US?'],
      ['What does Nvidia make?', 'Which lab in China is named, and where is it based?'],
      ['潘梓正和宋俊瀟是誰？', '美國大廠招實習生看中他們什麼？'],
    ];
    for (const [previous, q] of standalone)
      expect(resolveFollowUp(q!, [previous!], finder)).toEqual({
        question: q,
        understood: q,
        kind: null,
      });
    expect(resolveFollowUp('他導師怎麼說？', [], finder).kind).toBeNull();
  });

  it('follows a chain: each question is read against the one before it', () => {
    expect(
      resolveFollowUp('那宋俊瀟呢？', ['潘梓正為什麼回國？', '他的導師是誰？'], finder).understood,
    ).toBe('宋俊瀟的導師是誰？');
  });

  it('reads a pronoun after a "who" question as the person who answered it', async () => {
    const mentor = await engine.ask('他在英偉達是什麼職位？', {
      context: ['潘梓正在英偉達實習的時候，帶他的導師是誰？'],
    });
    expect(mentor.followUp?.understood).toBe('禹之鼎在英偉達是什麼職位？');
    // Asked of someone by name, the answer adds nobody: the pronoun is still that person.
    expect(asksForSomeone('Who is Daniel Palomar?', finder)).toBe(false);
    expect(asksForSomeone('禹之鼎是誰？', finder)).toBe(false);
    expect(asksForSomeone('被艾利森點名的那個研究員叫什麼？', finder)).toBe(true);
    const named = await engine.ask('他在哪裡讀博士？', { context: ['潘梓正是誰？'] });
    expect(named.followUp?.understood).toBe('潘梓正在哪裡讀博士？');
  });

  it('asks a fragment that says more than a name as written, and never puts a name in another kind’s place', async () => {
    expect(understood('張湖月是在哪所大學當教授的？', '那宋俊瀟讀博時的導師呢？')).toBe(
      '宋俊瀟讀博時的導師？',
    );
    // The same words as before: only the name changes.
    expect(understood('V3的訓練成本是多少？', '那R1的訓練成本呢？')).toBe('R1的訓練成本是多少？');
    const unknown = await engine.ask('那梁文鋒呢？', {
      context: ['DeepSeek那個做多模態的研究員是哪間大學畢業的？'],
    });
    expect(unknown.followUp?.understood).toBe('梁文鋒是哪間大學畢業的？');
    expect(unknown.confidence).toBe('none');
  });

  it('answers a follow-up as understood, in the asker’s language', async () => {
    const a = await engine.ask('what about his PhD?', {
      context: ['潘梓正的碩士是在哪所大學拿的？'],
    });
    expect(a.question).toBe('what about his PhD?');
    expect(a.followUp).toEqual({ kind: 'ellipsis', understood: "What about Pan Zizheng's PhD?" });
    expect(a.lang).toBe('en');
    const plain = await engine.ask('潘梓正是誰？', { context: ['黃仁勛是誰？'] });
    expect(plain.followUp).toBeUndefined();
  });
});

describe('conversation history', () => {
  it('keeps the last turns per key, for a while, for so many keys', () => {
    let now = 0;
    const h = new ConversationHistory({ maxTurns: 2, maxKeys: 2, ttlMs: 1000, now: () => now });
    h.remember('a', 'q1');
    h.remember('a', 'q2');
    h.remember('a', 'q3');
    expect(h.context('a')).toEqual(['q2', 'q3']);
    h.remember('b', 'x');
    h.remember('c', 'y');
    // "a" was used least recently.
    expect(h.context('a')).toEqual([]);
    expect(h.context('b')).toEqual(['x']);
    now = 2000;
    expect(h.context('b')).toEqual([]);
    h.remember('c', 'z');
    expect(h.context('c')).toEqual(['z']);
    h.forget('c');
    expect(h.context('c')).toEqual([]);
  });

  it('forgets one user in every place, and nobody else', () => {
    const h = new ConversationHistory();
    h.remember(conversationKey('channel-1', 'u1'), 'a');
    h.remember(conversationKey('thread-9', 'u1'), 'b');
    h.remember(conversationKey('channel-1', 'u11'), 'c');
    h.forgetUser('u1');
    expect(h.context(conversationKey('channel-1', 'u1'))).toEqual([]);
    expect(h.context(conversationKey('thread-9', 'u1'))).toEqual([]);
    expect(h.context(conversationKey('channel-1', 'u11'))).toEqual(['c']);
  });
});

describe('a conversation turn', () => {
  const echo = {
    reply: (text: string, _intent?: unknown, options?: { context?: readonly string[] }) =>
      Promise.resolve(
        text === 'hi'
          ? ({ kind: 'help', lang: 'en' } as const)
          : ({
              kind: 'answer',
              answer: { question: text, context: options?.context ?? [] } as unknown as Answer,
            } as const),
      ),
  };

  it('asks with the key’s recent questions, or none for a fresh question, or the given ones', async () => {
    const h = new ConversationHistory();
    expect((await converse(echo, h, 'k', 'q1')).context).toEqual([]);
    expect((await converse(echo, h, 'k', 'q2')).context).toEqual(['q1']);
    expect((await converse(echo, h, 'k', 'q3', { followUp: false })).context).toEqual([]);
    expect((await converse(echo, h, 'k', 'q4', { context: ['q1'] })).context).toEqual(['q1']);
    expect(h.context('k')).toEqual(['q1', 'q2', 'q3', 'q4']);
    // Only questions are remembered: "hi" is nothing to follow up on.
    await converse(echo, h, 'k', 'hi');
    expect(h.context('k')).toEqual(['q1', 'q2', 'q3', 'q4']);
  });
});
