/**
 * Typed evidence on hand-made passages: a sentence answers a typed question only when
 * it shows the kind of thing asked for, about what the question names.
 */
import { describe, expect, it } from 'vitest';
import type { Passage } from '../src/corpus/types.js';
import { ATTRIBUTES, QUANTITY_UNITS } from '../src/lexicon/question-lexicon.js';
import type { AnswerType } from '../src/lexicon/question-lexicon.js';
import type { FocalEntity } from '../src/retrieval/entities.js';
import { EvidenceFinder, type EntityLexicon } from '../src/retrieval/evidence.js';
import type { QuestionFrame } from '../src/retrieval/question-frame.js';
import { normalize } from '../src/text/normalize.js';

const LEXICON: EntityLexicon = {
  people: new Set(['潘梓正', '禹之鼎'].map(normalize)),
  others: new Set(['deepseek']),
};

const PAN: FocalEntity = { forms: [normalize('潘梓正')], person: true };
const YU: FocalEntity = { forms: [normalize('禹之鼎')], person: true };
const DEEPSEEK: FocalEntity = { forms: ['deepseek'], person: false };

/** Passages of one article, ids in order, as an index would hold them. */
function passages(texts: string[], doc = 'doc'): Passage[] {
  return texts.map((text, id) => ({
    id,
    doc,
    section: null,
    kind: 'paragraph',
    tags: [],
    paragraphs: [id + 1],
    paragraphStarts: [0],
    text,
    start: 0,
    end: text.length,
  }));
}

function frame(types: AnswerType[], extra: Partial<QuestionFrame> = {}): QuestionFrame {
  return {
    types,
    attributes: [],
    asksArticleFacts: false,
    pointsAtArticle: false,
    aboutPhoto: false,
    pronoun: false,
    frameNouns: new Set(),
    quantityUnit: null,
    counted: null,
    head: null,
    howTo: false,
    ...extra,
  };
}

const attribute = (name: string) => ATTRIBUTES.find((a) => a.name === name)!;
const unitFor = (asked: string) => QUANTITY_UNITS.find((u) => u.asked.test(normalize(asked)))!;

/** Where the finder answers the frame in the given passages; everything else counts fully. */
function find(f: QuestionFrame, focal: FocalEntity[], texts: string[]) {
  const corpus = passages(texts);
  const found = new EvidenceFinder(LEXICON, corpus).find(f, focal, corpus, () => 1, 0);
  return found && { passage: found.passage, sentence: found.sentence };
}

describe('EvidenceFinder', () => {
  it('answers a date question with the sentence that holds a date', () => {
    expect(
      find(
        frame(['date']),
        [PAN],
        ['潘梓正在莫納什大學攻讀博士。', '潘梓正的簡歷寫到,2023年夏季潘梓正曾在英偉達實習。'],
      ),
    ).toEqual({ passage: 1, sentence: 0 });
  });

  it('does not answer a date question with a sentence that has none', () => {
    expect(find(frame(['date']), [PAN], ['潘梓正在莫納什大學攻讀博士。'])).toBeNull();
  });

  describe('a "how many people" question', () => {
    const howManyPeople = frame(['quantity'], { quantityUnit: unitFor('幾個人').evidence });

    it('is not answered by a sentence with only a date or a money amount', () => {
      expect(
        find(howManyPeople, [], ['這家公司成立於2023年。', 'V3的正式訓練成本僅為557.6萬美元。']),
      ).toBeNull();
    });

    it('is answered by a head count', () => {
      expect(
        find(howManyPeople, [], ['這家公司成立於2023年。', '當時多模態團隊還只有3人。']),
      ).toEqual({ passage: 1, sentence: 0 });
    });
  });

  it('does not take the 一 of 一名工程師 for a count', () => {
    expect(find(frame(['quantity']), [], ['公司旗下一名關鍵工程師選擇回國。'])).toBeNull();
    expect(find(frame(['quantity']), [], ['公司旗下兩名關鍵工程師選擇回國。'])).toEqual({
      passage: 0,
      sentence: 0,
    });
  });

  describe('a pronoun', () => {
    const texts = ['禹之鼎是潘梓正的實習導師。潘梓正的簡歷已經公開。他本科畢業於哈爾濱工業大學。'];

    it('counts for the person named in the nearest earlier sentence', () => {
      expect(find(frame(['organisation']), [PAN], texts)).toEqual({ passage: 0, sentence: 2 });
    });

    it('does not count for someone named earlier still', () => {
      expect(find(frame(['organisation']), [YU], texts)).toBeNull();
    });

    it('reaches back into the passage before, in the same article only', () => {
      const split = [
        '禹之鼎是潘梓正的實習導師。潘梓正的簡歷已經公開。',
        '他本科畢業於哈爾濱工業大學。',
      ];
      expect(find(frame(['organisation']), [PAN], split)).toEqual({ passage: 1, sentence: 0 });
      const other: Passage[] = passages(split).map((p, i) => ({ ...p, doc: `doc${i}` }));
      expect(
        new EvidenceFinder(LEXICON, other).find(
          frame(['organisation']),
          [PAN],
          [other[1]!],
          () => 1,
          0,
        ),
      ).toBeNull();
    });
  });

  describe('an attribute of a named organisation', () => {
    const headquarters = frame(['place'], { attributes: [attribute('headquarters')] });

    it('does not count when the clause with the cue names another organisation', () => {
      expect(
        find(
          headquarters,
          [DEEPSEEK],
          [
            '藉由美國科技巨頭在華的研究機構(如總部設在北京的微軟亞洲研究院),中國培養了一大批研究人員,DeepSeek更是從中優中選優。',
          ],
        ),
      ).toBeNull();
    });

    it('counts when the clause is about the organisation itself', () => {
      expect(find(headquarters, [DEEPSEEK], ['DeepSeek的總部設在杭州。'])).toEqual({
        passage: 0,
        sentence: 0,
      });
    });
  });

  describe('organisations named, not described', () => {
    it('a generic description (一家知名科技公司) is no organisation', () => {
      expect(find(frame(['organisation']), [], ['他曾在一家知名科技公司實習。'])).toBeNull();
    });

    // "Who" is answered by an organisation too, but not by a place (美國).
    it('nor is 美國知名科技公司 an answer to "who"', () => {
      expect(find(frame(['person']), [], ['給他工作機會的是一家美國知名科技公司。'])).toBeNull();
    });

    it('哈爾濱工業大學 and 莫納什大學 are organisations', () => {
      expect(find(frame(['organisation']), [], ['他本科畢業於哈爾濱工業大學。'])).not.toBeNull();
      expect(find(frame(['organisation']), [], ['他在莫納什大學攻讀博士。'])).not.toBeNull();
    });
  });
});
