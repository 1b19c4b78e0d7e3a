/**
 * The console renders the three confidences as the bot does: an answer as quotes with
 * footnotes, a related answer as the same quotes under a caveat, "none" as a statement
 * with suggestions. Colours depend on the terminal when the module loads, so each test
 * loads it afresh with the terminal it needs.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CorpusDocument } from '../src/corpus/types.js';
import { LANGS, ui } from '../src/render/i18n.js';
import {
  abstainedAnswer,
  answerOf,
  excerptOf,
  loadArticle,
  relatedAnswer,
} from './discord-helpers.js';

const load = () => import('../src/render/console.js');

/** The console module as it renders on a terminal (`tty`) or into a pipe. */
async function consoleRender(tty: boolean): Promise<Awaited<ReturnType<typeof load>>> {
  vi.resetModules();
  vi.stubEnv('NO_COLOR', '');
  const had = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
  Object.defineProperty(process.stdout, 'isTTY', { value: tty, configurable: true });
  try {
    return await load();
  } finally {
    if (had) Object.defineProperty(process.stdout, 'isTTY', had);
    else delete (process.stdout as { isTTY?: boolean }).isTTY;
  }
}

const YELLOW = '\x1b[33m';
const RESET = '\x1b[0m';
const MASTERS =
  '潘梓正在GitHub上公開的簡歷顯示,他本科畢業於哈爾濱工業大學,碩士畢業於澳大利亞阿德萊德大學。';
/** The footnote names the article: title · source · date. */
const FOOTNOTE_P3 =
  '[1] ¶3 · 「印象深刻」的決定 · DeepSeek 工程師潘梓正回國與美國對 AI 人才流失的反思 · 觀察者網 · 2025-02-09';

let doc: CorpusDocument;
beforeAll(async () => {
  doc = await loadArticle();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('console renderAnswer', () => {
  it('answers with the quote, its marker, the footnote and the footer, and no caveat', async () => {
    const { renderAnswer } = await consoleRender(false);
    const ex = excerptOf(doc, [3], '阿德萊德大學');
    const out = renderAnswer(answerOf('潘梓正在哪裡讀碩士？', [ex]));
    const t = ui('zh-Hant');
    expect(out).toBe(
      [`│ ${ex.quote} [1]`, '', FOOTNOTE_P3, '', `${t.verbatimFooter} · ${t.mode('lexical')}`].join(
        '\n',
      ),
    );
    expect(out).toContain(MASTERS);
    expect(out).not.toContain(t.relatedCaveat);
    expect(out).not.toContain(t.notInArticle);
  });

  it('puts the caveat before a related answer, then the quotes exactly as an answer shows them', async () => {
    const { renderAnswer } = await consoleRender(false);
    const a = excerptOf(doc, [3], '阿德萊德大學');
    const b = excerptOf(doc, [4]);
    for (const lang of LANGS) {
      const t = ui(lang);
      const related = renderAnswer(relatedAnswer('q', [a, b], [], lang, ['潘梓正']));
      const answered = renderAnswer({ ...answerOf('q', [a, b]), lang });
      expect(related).toBe(`${t.relatedCaveat}\n${answered}`);
      expect(related).toContain(`│ ${a.quote} [1]`);
      expect(related).toContain(FOOTNOTE_P3);
      // Not "not in the article", and not the suggestions: the passages are what it has.
      expect(related).not.toContain(t.notInArticle);
      expect(related).not.toContain(t.suggestionsLead);
    }
    expect(ui('zh-Hant').relatedCaveat).toBe('文章沒有直接回答；最相關的段落：');
    expect(ui('zh-Hans').relatedCaveat).toBe('文章没有直接回答；最相关的段落：');
    expect(ui('en').relatedCaveat).toBe(
      'The article does not say this directly; closest passages:',
    );
  });

  it('says the article does not say it, with suggestions and no quotes, for "none"', async () => {
    const { renderAnswer } = await consoleRender(false);
    const t = ui('zh-Hant');
    const out = renderAnswer(abstainedAnswer('明天香港會下雨嗎？', ['潘梓正', '禹之鼎']));
    // The full-width colon ends the label: no space after it.
    expect(out).toBe(`${t.notInArticle}\n${t.suggestionsLead}潘梓正、禹之鼎`);
    expect(t.suggestionsLead.endsWith('：')).toBe(true);
    expect(out).not.toContain('│');
    expect(out).not.toContain(t.relatedCaveat);
    // A related answer with nothing to quote has nothing to put under a caveat.
    expect(renderAnswer(relatedAnswer('q', [], [], 'en', ['Pan Zizheng']))).toBe(
      `${ui('en').notInArticle}\n${ui('en').suggestionsLead} Pan Zizheng`,
    );
  });

  it('colours the caveat yellow on a terminal, like the not-in-article line', async () => {
    const { renderAnswer } = await consoleRender(true);
    const t = ui('en');
    const related = renderAnswer(relatedAnswer('q', [excerptOf(doc, [3])], [], 'en'));
    expect(related.split('\n')[0]).toBe(`${YELLOW}${t.relatedCaveat}${RESET}`);
    const none = renderAnswer(abstainedAnswer('q', [], 'en'));
    expect(none.split('\n')[0]).toBe(`${YELLOW}${t.notInArticle}${RESET}`);
  });
});
