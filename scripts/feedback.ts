/**
 * npm run feedback [-- --limit N] [-- --export FILE]: what users made of the answers,
 * from DATA_DIR/feedback.sqlite: counts by outcome and language, the worst-rated
 * questions, and the questions the bot abstained on. --export writes the 👎 and
 * abstained questions as eval lines (gold empty, for a person to fill in), which
 * `npm run eval -- --questions FILE` runs.
 */
import { writeFile } from 'node:fs/promises';
import { loadConfig } from '../src/config.js';
import { runMain } from '../src/cli/main.js';
import { openConfiguredFeedbackStore } from '../src/feedback/store.js';
import type { FeedbackReport } from '../src/feedback/report.js';
import { createLogger } from '../src/logger.js';
import { UsageError, parseCommandLine } from '../src/cli/args.js';

const USAGE = `Usage: npm run -s feedback -- [--limit N] [--export FILE]`;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  return rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

function render(r: FeedbackReport): string {
  const out = [`${r.answers} answer(s) recorded; votes: ${r.votes.up} 👍, ${r.votes.down} 👎`, ''];
  if (r.byOutcome.length) {
    out.push(
      ...table([
        ['outcome', 'lang', 'count'],
        ...r.byOutcome.map((o) => [o.outcome, o.lang, String(o.count)]),
      ]),
      '',
    );
  }
  if (r.reasons.length)
    out.push(`👎 reasons: ${r.reasons.map((x) => `${x.reason} ${x.count}`).join(', ')}`, '');
  out.push('Worst-rated questions:');
  if (r.worst.length === 0) out.push('  (none)');
  for (const w of r.worst) {
    out.push(`  ${w.down}👎 ${w.up}👍  [${w.lang}] ${w.question}`);
    if (w.reasons.length) out.push(`      reasons: ${w.reasons.join(', ')}`);
    for (const c of w.comments) out.push(`      “${c}”`);
  }
  out.push('', 'Abstained on (related passages or not in the article):');
  if (r.abstained.length === 0) out.push('  (none)');
  for (const a of r.abstained) out.push(`  ${a.count}×  [${a.lang}] ${a.outcome}: ${a.question}`);
  return out.join('\n');
}

runMain(async () => {
  const { values, positionals } = parseCommandLine(USAGE, {
    export: { type: 'string' },
    limit: { type: 'string', default: '20' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`, USAGE);
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, 'plain');
  const store = openConfiguredFeedbackStore(config, log);
  try {
    const report = store.report(Math.max(1, Number(values.limit) || 20));
    if (!report.ok) throw new Error(`Cannot read the feedback: ${report.error}`);
    process.stdout.write(render(report.value) + '\n');
    if (values.export) {
      const lines = store.exportForEval();
      if (!lines.ok) throw new Error(`Cannot export the feedback: ${lines.error}`);
      await writeFile(values.export, lines.value.map((l) => JSON.stringify(l) + '\n').join(''));
      process.stdout.write(
        `\nWrote ${lines.value.length} question(s) to ${values.export}: fill in "gold" (or set "out_of_scope": true), then npm run eval -- --questions ${values.export}\n`,
      );
    }
  } finally {
    store.close();
  }
});
