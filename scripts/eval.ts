/**
 * npm run eval [-- --questions FILE --people FILE --verbose]: retrieval and look-up
 * quality on the development sets kept under test/eval/.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config.js';
import { openSession, runMain } from '../src/cli/session.js';
import {
  EvalPerson,
  EvalQuestion,
  evaluatePeople,
  evaluateRetrieval,
  readJsonl,
} from '../src/eval/metrics.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

runMain(async () => {
  const { values } = parseArgs({
    options: {
      questions: { type: 'string', default: path.join(PROJECT_ROOT, 'test/eval/questions.jsonl') },
      people: { type: 'string', default: path.join(PROJECT_ROOT, 'test/eval/people.jsonl') },
      verbose: { type: 'boolean', short: 'v', default: false },
    },
  });
  const { engine } = await openSession({ logLevel: 'warn' });
  const about = engine.about();
  const questions = await readJsonl(values.questions, EvalQuestion);
  const people = await readJsonl(values.people, EvalPerson);

  const r = await evaluateRetrieval(engine, questions);
  const out: string[] = [`mode: ${about.mode}${about.model ? ` (${about.model})` : ''}`, ''];
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
      out.push(`${flag} ${o.id} rank=${o.rank ?? '-'} ${o.q}`);
    }
  }
  process.stdout.write(out.join('\n') + '\n');
});
