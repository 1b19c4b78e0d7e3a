/**
 * Whether the article answers, through the real engine on the real article in keyword
 * mode (no model): one test per mechanism that decides it (regional vocabulary,
 * synonyms, the masthead, captions, a bare pronoun, typed evidence, absent names).
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../src/answers/types.js';
import { openEngine } from '../src/engine.js';
import { normalize } from '../src/text/normalize.js';
import { silentLog } from './helpers/config.js';
import { keywordEngine } from './helpers/engine.js';

/** The article's masthead lines, verbatim: dateline, byline, closing notice. */
const MASTHEAD = [
  '2025-02-09 11:47',
  '【文/觀察者網 楊蓉】',
  '本文系觀察者網獨家稿件,未經授權,不得轉載。',
];

/** What an answer shows of itself when an assertion fails. */
function brief(a: Answer): string {
  return JSON.stringify({
    confidence: a.confidence,
    reason: a.answerability.reason,
    details: a.answerability.details,
    first: a.excerpts[0]?.passage.text.slice(0, 60),
  });
}

describe('answerability, keyword mode', async () => {
  const { config, engine } = await keywordEngine();

  it('answers a cost where the sentence gives it of what was asked, not of its neighbour', async () => {
    for (const q of [
      'V3的訓練成本是多少？',
      "What was V3's training cost?",
      'How much did it cost to train V3?',
    ])
      expect((await engine.ask(q)).confidence, q).toBe('answer');
    // The sentence gives V3's cost and names R1 in its next clause.
    for (const q of ['R1的訓練成本是多少？', "What was R1's training cost?"])
      expect((await engine.ask(q)).confidence, q).not.toBe('answer');
    // Costs mentioned in passing ask for none.
    const passing = await engine.ask(
      'Besides living costs, what about US policy pushes Chinese grads home?',
    );
    expect(passing.confidence).toBe('answer');
  });

  it('abstains on someone the article never names, known by a common surname or as two unknown capitalised words', async () => {
    for (const q of ['梁文鋒是哪間大學畢業的？', '李開復在哪讀的博士？']) {
      const a = await engine.ask(q);
      expect(a.confidence, q).toBe('none');
      expect(a.answerability.reason, q).toBe('absent-entity');
    }
    // The article's own people, written the same way, still answer.
    expect((await engine.ask('張湖月在哪所大學？')).confidence).toBe('answer');
    // Someone unknown beside something the article does name: the question is about them.
    const liang = await engine.ask('What models did Liang Wenfeng work on at DeepSeek?');
    expect(liang.answerability.reason).toBe('absent-entity');
    // 寧可 ("would rather") is tagged as a name by jieba, but no surname leads it.
    const rather = await engine.ask('為什麼很多留學生寧可回國？');
    expect(rather.answerability.reason).not.toBe('absent-entity');
  });

  it('does not answer a question about one person from a passage that never names them', async () => {
    // The words (博士, 研究, 畢業) are 潘梓正's studies; the article never says where 禹之鼎 studied.
    const a = await engine.ask('禹之鼎博士是在哪間研究所畢業的?');
    expect(a.answerability.reason, brief(a)).toBe('person-missing');
    expect(a.confidence).toBe('related');
    // Where the article does say it, the passage names him.
    expect((await engine.ask('禹之鼎在哪裡工作？')).confidence).toBe('answer');
    expect((await engine.ask('錢學森為什麼回國？')).confidence).toBe('answer');
  });

  it('holds a question to the degree it asks about: 大學部 is 本科, not the PhD the article gives', async () => {
    for (const q of ['宋俊瀟大學部是讀哪間學校?', '宋俊瀟本科在哪裡讀的']) {
      const a = await engine.ask(q);
      expect(a.confidence, brief(a)).not.toBe('answer');
    }
    const pan = await engine.ask('潘梓正大學部是讀哪間學校?');
    expect(pan.confidence, brief(pan)).toBe('answer');
    expect(pan.excerpts[0]!.quote).toContain('哈爾濱工業大學');
  });

  it('knows the outlet an article comes from as a name: another outlet’s headquarters is not its own', async () => {
    // The article says where RoW is based, never where 觀察者網 is.
    const hq = await engine.ask('觀察者網是哪裡的媒體?總部設在哪');
    expect(hq.confidence, brief(hq)).not.toBe('answer');
    expect(hq.answerability.details?.focal).toContain('观察者网');
    const reporter = await engine.ask('觀察者網的記者是誰');
    expect(reporter.confidence, brief(reporter)).toBe('answer');
  });

  it('answers what someone thinks only where they speak, not where they are named in passing', async () => {
    // 馬斯克 and 黃仁勛 appear only as examples inside 艾利森's quote.
    for (const q of [
      '马斯克对deepseek怎么看?',
      '黃仁勛對DeepSeek有什麼回應嗎',
      'What does Musk think of DeepSeek?',
    ]) {
      const a = await engine.ask(q);
      expect(a.confidence, brief(a)).not.toBe('answer');
    }
    for (const q of [
      '艾利森怎麼看DeepSeek?',
      '張湖月怎麼看DeepSeek的成功',
      'What does Allison think about DeepSeek?',
    ]) {
      const a = await engine.ask(q);
      expect(a.confidence, brief(a)).toBe('answer');
    }
  });

  it('looks a person up by what they are when no name is given', () => {
    const cases: [string, string | null][] = [
      ['那位哈佛學者', '格雷厄姆·艾利森'],
      ['the law professor', '張湖月'],
      ['輝達的科學家', '禹之鼎'],
      // One role word is not enough: 創始 is 艾利森's (a school's founding dean), not DeepSeek's founder.
      ['the deepseek founder', null],
      ['sam altman', null],
    ];
    for (const [q, name] of cases) expect(engine.person(q).person?.name ?? null, q).toBe(name);
  });

  it('meets a Taiwan word with the article’s: 輝達 finds 英偉達', async () => {
    const a = await engine.ask('潘梓正是哪一年去輝達實習的');
    expect(a.confidence, brief(a)).toBe('answer');
    expect(a.excerpts[0]!.passage.text).toContain('2023年夏季曾在英偉達實習');
    expect(a.excerpts[0]!.quote).toContain('2023年夏季曾在英偉達實習');
    expect(a.excerpts[0]!.matched).toContain(normalize('英偉達'));
  });

  it('expands a synonym to the article’s word: 小組 finds 團隊, and without the table does not', async () => {
    const question = '他剛進DeepSeek的時候，那個多模態小組才幾個人？';
    const a = await engine.ask(question);
    expect(a.confidence, brief(a)).toBe('answer');
    expect(a.excerpts[0]!.passage.text).toContain('多模態團隊還只有3人');
    expect(a.excerpts[0]!.matched).toContain(normalize('團隊'));

    const plain = await openEngine({ ...config, SYNONYM_SOURCES: [] }, { log: silentLog });
    try {
      const without = await plain.ask(question);
      expect(without.confidence, brief(without)).not.toBe('answer');
      expect(without.excerpts[0]?.passage.text ?? '').not.toContain('多模態團隊還只有3人');
    } finally {
      await plain.close();
    }
  });

  describe('questions about the article itself are answered from the masthead', () => {
    it.each([
      ['這篇文章是誰寫的？', '楊蓉'],
      ['when was this article published', '2025-02-09 11:47'],
      ['這是哪家媒體的獨家稿件？', '觀察者網'],
    ])('%s quotes the masthead (%s), without ¶', async (question, gold) => {
      const a = await engine.ask(question);
      expect(a.confidence, brief(a)).toBe('answer');
      expect(a.answerability.details?.['aboutArticle']).toBe(true);
      const first = a.excerpts[0]!;
      expect(first.passage.kind).toBe('masthead');
      expect(first.quote).toContain(gold);
      for (const line of first.quote.split('\n')) expect(MASTHEAD).toContain(line);
      expect(first.citation.paragraphs).toEqual([]);
    });
  });

  describe('a question about a photo goes to the caption', () => {
    it.each([
      ['艾利森那張照片是從哪個網站來的?', '艾利森 英國《新政治家》雜誌網站'],
      // The paragraph that names Allison most shares more words with this one than the caption.
      ['Where does the picture of Allison come from?', '艾利森 英國《新政治家》雜誌網站'],
    ])('%s quotes %s', async (question, caption) => {
      const a = await engine.ask(question);
      expect(a.confidence, brief(a)).toBe('answer');
      expect(a.answerability.details?.['aboutPhoto']).toBe(true);
      expect(a.excerpts[0]!.quote).toContain(caption);
    });
  });

  describe('a bare 他 stands for the article’s subject, 潘梓正', () => {
    it.each([
      ['他大學部是念哪間學校啊', '哈爾濱工業大學'],
      // 他 glued to the verb by the segmenter (他讀) is still a pronoun, not someone else's 博士.
      ['他讀的博士是什麼專業？', '莫納什大學攻讀計算機科學博士'],
    ])('%s → %s', async (question, gold) => {
      const a = await engine.ask(question);
      expect(a.answerability.details?.['subject']).toBe('潘梓正');
      expect(a.confidence, brief(a)).toBe('answer');
      expect(a.excerpts[0]!.quote).toContain(gold);
    });
  });

  describe('a typed question the article does not answer is not answered', () => {
    it.each([
      '潘梓正今年幾歲？',
      'DeepSeek總部設在哪個城市？',
      'DeepSeek的創辦人是誰啊',
      '華爾街日報那篇專欄是誰寫的？',
      '英偉達去年營收多少',
      'How old is Graham Allison?',
      'Who founded Rest of World?',
      '禹之鼎的博士是哪間學校畢業的？',
      'How many GPUs were used to train DeepSeek-V3?',
    ])('%s', async (question) => {
      const a = await engine.ask(question);
      expect(a.confidence, brief(a)).not.toBe('answer');
      expect(a.abstained).toBe(true);
    });

    it('"related" still shows the closest passages; "none" shows none', async () => {
      const related = await engine.ask('潘梓正今年幾歲？');
      expect(related.confidence, brief(related)).toBe('related');
      expect(related.excerpts.length).toBeGreaterThan(0);
      const none = await engine.ask("What's the weather like in Seattle this weekend?");
      expect(none.confidence, brief(none)).toBe('none');
      expect(none.excerpts).toEqual([]);
      expect(none.more).toEqual([]);
    });
  });

  describe('a name the article never mentions', () => {
    it('makes a question about it out of scope, with nothing to show', async () => {
      const a = await engine.ask("What's the weather like in Seattle this weekend?");
      expect(a.confidence, brief(a)).toBe('none');
      expect(a.abstained).toBe(true);
      expect(a.excerpts).toEqual([]);
      expect(a.answerability.reason).toBe('absent-entity');
      expect(a.answerability.details?.['absent']).toMatch(/seattle/i);
    });

    it('is found in a Chinese question too', async () => {
      const a = await engine.ask('周杰倫新專輯什麼時候出？');
      expect(a.confidence, brief(a)).toBe('none');
      expect(a.abstained).toBe(true);
      expect(a.excerpts).toEqual([]);
      expect(a.answerability.details?.['absent']).toContain(normalize('周杰倫'));
    });
  });

  describe('a typed question the article answers is answered', () => {
    it.each([
      ['V3正式訓練總共花了多少錢？', '557.6萬美元'],
      ['How much did Nvidia lose in market value in a single day?', '單日蒸發近6000億美元'],
      ['宋俊瀟在港科大讀博時的指導教授是誰？', '丹尼爾·帕洛馬爾'],
      ['艾利森那篇文章是几号发的？', '艾利森2月1日發文'],
    ])('%s → %s', async (question, gold) => {
      const a = await engine.ask(question);
      expect(a.confidence, brief(a)).toBe('answer');
      expect(a.excerpts[0]!.passage.text).toContain(gold);
    });
  });
});
