/**
 * Everything a user writes, answered by intent: a summary request gets the stored
 * summary, a greeting says what the bot knows and what to ask, a help request gets
 * help, and everything else goes to retrieval.
 */
import type { LoadedIndex } from '../indexes/load.js';
import type { RetrieveOptions } from '../retrieval/retriever.js';
import { classifyIntent, type Intent } from '../intent/classify.js';
import { detectLanguage, type Lang } from '../text/language.js';
import type { Answerer } from './answerer.js';
import { figureQuestions, personQuestion } from './examples.js';
import { summaryAnswer } from './summary.js';
import type { Greeting, IndexMode, Reply, SummaryAnswer, SummaryRequest } from './types.js';

/** Figures tried, at most, before a greeting settles for fewer examples. */
const MAX_FIGURE_TRIES = 8;

export class Responder {
  private readonly examples = new Map<Lang, Promise<string[]>>();

  constructor(
    private readonly index: LoadedIndex,
    private readonly answerer: Answerer,
    private readonly mode: IndexMode,
  ) {}

  /** With `scope.doc`, a question is answered from that article and a summary request summarises it. */
  async reply(
    text: string,
    intent: Intent = classifyIntent(text),
    scope: RetrieveOptions = {},
  ): Promise<Reply> {
    const lang = detectLanguage(text);
    switch (intent) {
      case 'summary':
        return {
          kind: 'summary',
          summary: this.summary({
            lang,
            question: text,
            ...(scope.doc !== undefined && { doc: scope.doc }),
          }),
        };
      case 'greeting':
        return { kind: 'greeting', greeting: await this.greeting(lang) };
      case 'help':
        return { kind: 'help', lang };
      case 'question':
        return { kind: 'answer', answer: await this.answerer.answer(text, scope) };
    }
  }

  summary(request: SummaryRequest): SummaryAnswer {
    return summaryAnswer(this.index, this.mode, request);
  }

  async greeting(lang: Lang): Promise<Greeting> {
    let examples = this.examples.get(lang);
    if (!examples) {
      examples = this.findExamples(lang);
      this.examples.set(lang, examples);
    }
    return { lang, documents: this.index.manifest.documents, examples: await examples };
  }

  /**
   * A question about the main person and one about a figure, each kept only when the bot
   * answers it (confidence "answer"), so a greeting never suggests what it cannot answer.
   * Figures come from the summary first: they are what the article is about.
   */
  private async findExamples(lang: Lang): Promise<string[]> {
    const answers = async (q: string, needle: string) => {
      const a = await this.answerer.answer(q);
      return a.confidence === 'answer' && a.excerpts.some((e) => e.quote.includes(needle));
    };
    const out: string[] = [];
    // The article's subject first, else the most mentioned (the registry's order).
    const people = [...this.index.people.people].sort(
      (a, b) => Number(b.subject ?? false) - Number(a.subject ?? false),
    );
    const askable = async (from: number) => {
      for (const p of people.slice(from, from + 3)) {
        const q = personQuestion(p, lang);
        if (!out.includes(q) && (await answers(q, p.name))) return q;
      }
      return null;
    };
    const person = await askable(0);
    if (person) out.push(person);
    const text = (s: { passage: number; start: number; end: number }) =>
      this.index.passages[s.passage]!.text.slice(s.start, s.end);
    const sentences = [
      ...this.index.summaries.flatMap((d) => [...d.sentences, ...d.further].map(text)),
      ...this.index.passages.filter((p) => p.kind === 'paragraph').map((p) => p.text),
    ];
    const tried = new Set<string>();
    for (const f of figureQuestions(sentences, lang)) {
      if (tried.has(f.question)) continue;
      if (tried.size >= MAX_FIGURE_TRIES) break;
      tried.add(f.question);
      if (await answers(f.question, f.figure)) {
        out.push(f.question);
        break;
      }
    }
    // No figure the bot answers in this language: a second person instead.
    if (out.length < 2) {
      const other = await askable(1);
      if (other) out.push(other);
    }
    return out;
  }
}
