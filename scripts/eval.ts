/**
 * npm run eval [-- --questions FILE --people FILE --verbose]: retrieval and look-up
 * quality on the development sets kept under test/eval/.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { openSession, runMain } from '../src/cli/session.js';
import { rankedExcerpts } from '../src/answers/answerer.js';
import { formatParagraphs } from '../src/render/citation.js';
import {
  EvalPerson,
  EvalQuestion,
  evaluatePeople,
  evaluateRetrieval,
  readJsonl,
  type QuestionOutcome,
} from '../src/eval/metrics.js';
import { UsageError, parseCommandLine } from '../src/cli/args.js';

const USAGE = `Usage: npm run -s eval -- [--questions FILE] [--people FILE] [-v] [--no-context]`;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function diagnosis(o: QuestionOutcome): string[] {
  const a = o.answer.answerability;
  const numbers = [
    `confidence ${o.answer.confidence} (${a.reason})`,
    `lexical ${a.lexical.toFixed(2)} = (best ${a.bestCoverage.toFixed(2)} + corpus ${a.corpusCoverage.toFixed(2)}) / 2`,
    ...(a.dense
      ? [
          `dense z ${a.dense.z.toFixed(2)}, exceedance ${a.dense.exceedance.toFixed(2)} (${a.dense.null})`,
        ]
      : []),
    `listed rank ${o.listedRank ?? '-'}`,
  ];
  const details = Object.entries(a.details ?? {})
    .filter(([, v]) => v !== null && v !== false)
    .map(([k, v]) => `${k}=${String(v)}`);
  const passages = rankedExcerpts(o.answer)
    .slice(0, 3)
    .map(
      (e, i) =>
        `      ${i + 1}. ${formatParagraphs(e.passage.paragraphs) || e.passage.kind} matched [${e.matched.join(' ')}] ${e.passage.text.slice(0, 40).replace(/\n/g, ' ')}…`,
    );
  return [
    `      ${numbers.join('; ')}`,
    ...(details.length ? [`      ${details.join('; ')}`] : []),
    ...passages,
  ];
}

runMain(async () => {
  const { values, positionals } = parseCommandLine(USAGE, {
    questions: { type: 'string', default: path.join(PROJECT_ROOT, 'test/eval/questions.jsonl') },
    people: { type: 'string', default: path.join(PROJECT_ROOT, 'test/eval/people.jsonl') },
    verbose: { type: 'boolean', short: 'v', default: false },
    // Follow-up sets: ask each follow-up alone too, to show what its context adds.
    'no-context': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`, USAGE);
  const { engine } = await openSession({ logLevel: 'warn' });
  const about = engine.about();
  const questions = await readJsonl(values.questions, EvalQuestion);
  const people = await readJsonl(values.people, EvalPerson);

  // One question first, so the latency below is of answering, not of loading dictionaries.
  if (questions[0]) await engine.ask(questions[0].q);
  const r = await evaluateRetrieval(engine, questions, { useContext: !values['no-context'] });
  const withContext = questions.filter((q) => q.context?.length).length;
  const out: string[] = [`mode: ${about.mode}${about.model ? ` (${about.model})` : ''}`];
  if (withContext > 0)
    out.push(
      `follow-ups: ${withContext} with context, asked ${values['no-context'] ? 'alone (--no-context)' : 'with it'}`,
    );
  if (r.unlabelled.length > 0)
    out.push(`not scored: ${r.unlabelled.length} line(s) with empty gold (fill them in to score)`);
  out.push('');
  out.push('lang      n   hit@1   hit@3   MRR');
  for (const [lang, s] of [...Object.entries(r.byLang), ['all', r.answerable] as const]) {
    out.push(
      `${lang.padEnd(8)} ${String(s.n).padStart(2)}  ${pct(s.hit1).padStart(6)}  ${pct(s.hit3).padStart(6)}  ${s.mrr.toFixed(3)}`,
    );
  }
  out.push(
    '',
    `out of scope abstained: ${r.outOfScope.abstained}/${r.outOfScope.n}`,
    `false abstentions:      ${r.falseAbstentions}`,
    `latency per question:   mean ${r.latency.mean.toFixed(1)} ms, p50 ${r.latency.p50.toFixed(1)} ms, p95 ${r.latency.p95.toFixed(1)} ms`,
  );
  const p = evaluatePeople(engine, people);
  out.push(`person look-ups:        ${p.correct}/${p.n}`);
  for (const m of p.misses)
    out.push(`  miss: ${m.q} → ${m.got ?? 'null'} (expected ${m.expect ?? 'null'})`);
  if (values.verbose) {
    out.push('');
    for (const o of r.outcomes) {
      const flag = o.outOfScope
        ? o.abstained
          ? 'ok '
          : 'BAD'
        : o.abstained
          ? 'ABS'
          : o.rank && o.rank <= 3
            ? 'ok '
            : 'MISS';
      const understood = o.answer.followUp ? ` → ${o.answer.followUp.understood}` : '';
      out.push(`${flag} ${o.id} rank=${o.rank ?? '-'} ${o.q}${understood}`);
      // A miss says why: what abstention was decided on, and what the top passages matched.
      if (flag !== 'ok ') out.push(...diagnosis(o));
    }
    for (const o of r.unlabelled)
      out.push(
        `--- ${o.id} ${o.confidence} ${o.q}${o.answer.followUp ? ` → ${o.answer.followUp.understood}` : ''}`,
      );
  }
  process.stdout.write(out.join('\n') + '\n');
});
