/**
 * Example questions for a greeting, taken from the articles themselves: who their main
 * person is, and what one of their figures measures ("V3的正式訓練成本為多少？" from
 * "V3的正式訓練成本僅為557.6萬美元"). Only candidates here; the responder keeps those the
 * bot actually answers.
 */
import type { PersonEntry } from '../people/registry.js';
import type { Lang } from '../text/language.js';
import { foldScript } from '../text/normalize.js';

/** "Who is …?" in `lang`, with an English name for English when the registry has one. */
export function personQuestion(p: PersonEntry, lang: Lang): string {
  if (lang === 'en') {
    const english = p.aliases.find((a) => /^[A-Za-z][A-Za-z .'-]+$/.test(a) && a.includes(' '));
    return `Who is ${english ?? p.name}?`;
  }
  return lang === 'zh-Hans' ? `${foldScript(p.name)}是谁？` : `${p.name}是誰？`;
}

/** A figure with a unit: 557.6萬美元, 38%, 9倍, 3人. */
const FIGURE =
  /\d+(?:\.\d+)?(?:\/\d+)?\s*(?:萬億|萬|億|千|百)?\s*(?:美元|元|人民幣|歐元|人|倍|%|％|個|家|名)/u;
/** What a figure is of ends before these: "V3的正式訓練成本｜僅為｜557.6萬美元". */
const BEFORE_FIGURE =
  /^(?<subject>.*?)(?<adverb>(?:還|僅|只|約|大約|近|高達|超過|逾|更是|共)*)(?<verb>為|是|達到|達|佔|占|降至|有)?$/u;
const CLAUSE_BREAK = /[,，;；:：。！？!?「」『』“”()（）]/u;
const OPENERS =
  /^(?:此外|據悉|事實上|不過|而且|而|但|且|也|還|其中|相比之下|據|另外|當時|目前|如今)/u;

export interface FigureQuestion {
  /** The figure as the article writes it, which the answer must contain. */
  figure: string;
  question: string;
}

/** Money and shares make the telling examples; head counts and multiples come after. */
function figureRank(figure: string): number {
  if (/元|幣$/.test(figure)) return 0;
  if (/[%％]$/.test(figure)) return 1;
  return 2;
}

/**
 * Questions about the figures in `sentences`, money first, then shares, then the rest, each
 * group in the order given. English ones name the figure as the article writes it.
 */
export function figureQuestions(sentences: readonly string[], lang: Lang): FigureQuestion[] {
  return figuresInOrder(sentences, lang).sort(
    (a, b) => figureRank(a.figure) - figureRank(b.figure),
  );
}

function figuresInOrder(sentences: readonly string[], lang: Lang): FigureQuestion[] {
  const out: FigureQuestion[] = [];
  for (const sentence of sentences) {
    const clauses = sentence.split(CLAUSE_BREAK);
    for (const clause of clauses) {
      const m = FIGURE.exec(clause);
      if (!m) continue;
      const parts = BEFORE_FIGURE.exec(clause.slice(0, m.index))?.groups;
      const subject = (parts?.['subject'] ?? '').replace(OPENERS, '').trim();
      // Too short says nothing; too long is a sentence, not a question.
      if (subject.length < 4 || subject.length > 20) continue;
      const verb = parts?.['verb'] ?? '是';
      const unit = /人$/.test(m[0]) ? '多少人' : /倍$/.test(m[0]) ? '幾倍' : '多少';
      const zh = `${subject}${verb}${unit}？`;
      const question =
        lang === 'en'
          ? `What does the article say about ${m[0]}?`
          : lang === 'zh-Hans'
            ? foldScript(zh)
            : zh;
      out.push({ figure: m[0], question });
    }
  }
  return out;
}
