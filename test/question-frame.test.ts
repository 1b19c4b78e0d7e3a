/**
 * The frame of a question, apart from what it is about: the kind of answer it wants,
 * the class nouns and attributes it asks with, whether it asks about the article or a
 * photo, whether it leans on a bare pronoun, and what a "how many" counts.
 */
import { describe, expect, it } from 'vitest';
import { analyzeFrame } from '../src/retrieval/question-frame.js';
import { normalize } from '../src/text/normalize.js';

const frame = (question: string) => analyzeFrame(question, normalize(question));
const attributeNames = (question: string) => frame(question).attributes.map((a) => a.name);

describe('answer types', () => {
  it.each([
    // who
    ['誰是潘梓正的導師', 'person'],
    ['谁是潘梓正的导师', 'person'],
    ['Who was his mentor at Nvidia?', 'person'],
    ['邊個係潘梓正嘅導師', 'person'],
    // when
    ['潘梓正是哪一年去實習的', 'date'],
    ['潘梓正是哪一年去实习的', 'date'],
    ['When did he join DeepSeek?', 'date'],
    ['佢幾時返國', 'date'],
    // where
    ['潘梓正在哪讀的博士', 'place'],
    ['潘梓正在哪读的博士', 'place'],
    ['Where did he do his PhD?', 'place'],
    ['佢喺邊度讀博士', 'place'],
    // how much
    ['英偉達的市值蒸發了多少', 'quantity'],
    ['英伟达的市值蒸发了多少', 'quantity'],
    ['How much market value did Nvidia lose?', 'quantity'],
    ['英偉達市值跌咗幾多', 'quantity'],
    // how old
    ['潘梓正幾歲', 'age'],
    ['潘梓正多大了', 'age'],
    ['潘梓正几岁', 'age'],
    ['How old is Pan Zizheng?', 'age'],
    // what share
    ['中國研究人員佔百分之幾', 'percentage'],
    ['What percentage of top AI researchers come from China?', 'percentage'],
    ['來自中國的研究人員佔多少比例', 'percentage'],
    // why
    ['潘梓正為什麼回國', 'reason'],
    ['潘梓正为什么回国', 'reason'],
    ['Why did Pan go back to China?', 'reason'],
    ['潘梓正點解返國', 'reason'],
  ])('%s asks for a %s', (question, type) => {
    expect(frame(question).types).toEqual([type]);
  });
});

describe('class nouns after a question word', () => {
  it('哪個城市 asks for a place, and 城市 is frame, not content', () => {
    const f = frame('DeepSeek的總部在哪個城市');
    expect(f.types).toEqual(['place']);
    expect([...f.frameNouns]).toEqual(['城市']);
  });

  it('哪家公司 asks for an organisation', () => {
    const f = frame('哪家公司想給潘梓正全職工作');
    expect(f.types).toEqual(['organisation']);
    expect(f.frameNouns.has('公司')).toBe(true);
  });

  it('哪所大學畢業 asks for an organisation, though jieba joins 大學 to the verb', () => {
    expect(frame('禹之鼎是哪所大學畢業的？').types).toEqual(['organisation']);
    // One character leading a word is no class noun: 哪年輕人 is not "which year".
    expect(frame('哪個年輕人回國了').types).not.toContain('date');
  });

  it('"which university" asks for an organisation', () => {
    const f = frame('Which university did Pan graduate from?');
    expect(f.types).toEqual(['organisation']);
    expect(f.frameNouns.has('university')).toBe(true);
  });

  it('幾年 asks how many years (a quantity), 哪年 which year (a date)', () => {
    expect(frame('潘梓正讀了幾年博士').types).toEqual(['quantity']);
    expect(frame('潘梓正哪年讀的博士').types).toEqual(['date']);
  });
});

describe('attributes asked', () => {
  it.each([
    ['潘梓正的薪水是多少', 'salary'],
    ["What was Pan's salary at Nvidia?", 'salary'],
    ['DeepSeek的總部在哪', 'headquarters'],
    ["Where are DeepSeek's headquarters?", 'headquarters'],
    ['DeepSeek的創辦人是誰', 'founding'],
    ['Who is the founder of DeepSeek?', 'founding'],
    ['艾利森幾歲', 'age'],
    ['潘梓正今年多大了', 'age'],
    ['How old is Allison?', 'age'],
    ['馬斯克對DeepSeek怎麼看', 'opinion'],
    ['What does Musk think of DeepSeek?', 'opinion'],
    ['那篇專欄是誰寫的', 'author'],
  ])('%s asks the %s', (question, attribute) => {
    expect(attributeNames(question)).toContain(attribute);
  });

  it('"major projects" is no field of study; "what did he major in" is', () => {
    expect(attributeNames('What major projects did Pan work on at DeepSeek?')).not.toContain(
      'field of study',
    );
    expect(attributeNames('What did Pan major in?')).toContain('field of study');
  });

  it('a plain question asks no attribute', () => {
    expect(attributeNames('潘梓正在哪裡實習')).toEqual([]);
  });
});

describe('questions about the article itself', () => {
  it('"這篇文章是誰寫的" asks an article fact and points at the article', () => {
    const f = frame('這篇文章是誰寫的');
    expect(f.asksArticleFacts).toBe(true);
    expect(f.pointsAtArticle).toBe(true);
  });

  it('"who published this" asks an article fact', () => {
    expect(frame('who published this').asksArticleFacts).toBe(true);
  });

  it('"Can I republish this article" asks an article fact and points at the article', () => {
    const f = frame('Can I republish this article');
    expect(f.asksArticleFacts).toBe(true);
    expect(f.pointsAtArticle).toBe(true);
  });

  it('a question about what the article reports does neither', () => {
    const f = frame('潘梓正在哪裡讀的博士');
    expect(f.asksArticleFacts).toBe(false);
    expect(f.pointsAtArticle).toBe(false);
  });
});

describe('questions about a photo', () => {
  it.each(['照片從哪裡來', 'what does the caption say', '這張圖裡的人是誰'])(
    '%s is about a photo',
    (question) => {
      expect(frame(question).aboutPhoto).toBe(true);
    },
  );

  it.each(['DeepSeek試圖做什麼', '美國的意圖是什麼'])(
    '%s is not: its 圖 is part of another word',
    (question) => {
      expect(frame(question).aboutPhoto).toBe(false);
    },
  );
});

describe('bare pronouns', () => {
  it.each(['他的博士在哪裡讀的', 'where did he intern', '佢喺邊度實習', '他讀了幾年博士'])(
    '%s leans on a pronoun',
    (question) => {
      expect(frame(question).pronoun).toBe(true);
    },
  );

  it('the 他 of 吉他 is no pronoun', () => {
    expect(frame('吉他是什麼').pronoun).toBe(false);
  });

  it('a question that names its person has none', () => {
    expect(frame('潘梓正的博士在哪裡讀的').pronoun).toBe(false);
  });
});

describe('the unit a "how much" asks in', () => {
  it('幾年 wants a number of years', () => {
    const unit = frame('潘梓正讀了幾年博士').quantityUnit;
    expect(unit).not.toBeNull();
    expect(unit!.test(normalize('讀了3年'))).toBe(true);
    expect(unit!.test(normalize('成本僅為557.6萬美元'))).toBe(false);
    expect(unit!.test(normalize('團隊只有3人'))).toBe(false);
  });

  it('多少錢 wants money', () => {
    const unit = frame('V3的訓練花了多少錢').quantityUnit;
    expect(unit).not.toBeNull();
    expect(unit!.test(normalize('成本僅為557.6萬美元'))).toBe(true);
    expect(unit!.test(normalize('團隊只有3人'))).toBe(false);
    expect(unit!.test(normalize('2023年夏季'))).toBe(false);
  });

  it('幾個人 wants a head count', () => {
    const f = frame('多模態團隊有幾個人');
    expect(f.types).toContain('quantity');
    expect(f.quantityUnit).not.toBeNull();
    expect(f.quantityUnit!.test(normalize('團隊還只有3人'))).toBe(true);
    expect(f.quantityUnit!.test(normalize('2023年夏季'))).toBe(false);
    expect(f.quantityUnit!.test(normalize('成本僅為557.6萬美元'))).toBe(false);
  });

  it('a bare 多少 names no unit', () => {
    expect(frame('英偉達的市值蒸發了多少').quantityUnit).toBeNull();
  });
});

describe('what a "how many" counts', () => {
  it('"how many GPUs" counts GPUs', () => {
    expect(frame('How many GPUs were used to train DeepSeek-V3?').counted).toBe('gpus');
  });

  it('多少參數 counts parameters', () => {
    expect(frame('DeepSeek-V3有多少參數').counted).toBe(normalize('參數'));
  });

  it('多少比例 counts nothing: it asks a share', () => {
    expect(frame('來自中國的研究人員佔多少比例').counted).toBeNull();
  });
});

describe('what is asked for', () => {
  it('a quote or an opinion is a kind of answer, not a word the article must hold', () => {
    expect(frame('艾利森說潘梓正不會是最後一位?原話是啥').head).toBeNull();
    expect(frame('張湖月對DeepSeek的看法是什麼').head).toBeNull();
    // A noun the article may lack is still what is asked for.
    expect(frame('潘梓正的博士論文題目是什麼').head).not.toBeNull();
  });
});
