/**
 * npm run ask -- "question"            readable answer
 * npm run ask -- --json "question"     one JSON object; "kind" says answer, summary, greeting or help
 * npm run ask -- --article ID "question"   answered from that article alone
 * npm run ask -- --json --batch        JSON lines {"id"?, "q", "context"?} on stdin → one line each
 *                                      (context: previous questions, oldest first; q may follow up on them)
 *                                      ("article": an article id, as --article; --article sets it for every line)
 *
 * Batch contract: exactly one output line per input line, in order, each with the
 * input's 1-based `line` (and `id` when the input had one). A line that is blank,
 * not JSON, not {"q": "…"}, refused or failed gives {"line", "id"?, "error"}; the
 * rest still run, and the exit code is 1 when any line failed.
 */
import { createInterface } from 'node:readline';
import { renderReply } from '../render/console.js';
import { replyToJson } from '../render/json.js';
import { UsageError, parseCommandLine } from './args.js';
import { answerBatchLine } from './batch.js';
import { openSession, runMain } from './session.js';

const USAGE = `Usage:
  npm run -s ask -- [--json] [--article ID] "question"
  npm run -s ask -- --json --batch [--article ID] < questions.jsonl   (lines of {"id"?: …, "q": "…", "article"?: "ID"})
  --article ID   answer from that article alone (ids: npm run -s ask -- --json hello, or /articles in the console)`;

runMain(async () => {
  const { values, positionals } = parseCommandLine(USAGE, {
    json: { type: 'boolean', default: false },
    batch: { type: 'boolean', default: false },
    article: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const question = positionals.join(' ').trim();
  if (values.batch && positionals.length > 0)
    throw new UsageError('--batch reads stdin; give no question.', USAGE);
  if (!values.batch && !question) throw new UsageError('No question given.', USAGE);
  const { engine } = await openSession({ logLevel: 'warn' });

  if (values.batch) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    let n = 0;
    let failed = 0;
    for await (const raw of lines) {
      n++;
      const { ok, out } = await answerBatchLine(engine, raw, n, values.article);
      if (!ok) failed++;
      process.stdout.write(JSON.stringify(out) + '\n');
    }
    if (failed > 0) {
      process.stderr.write(`${failed} of ${n} line(s) failed.\n`);
      process.exitCode = 1;
    }
    return;
  }

  const reply = await engine.reply(question, undefined, {
    ...(values.article !== undefined && { doc: values.article }),
  });
  process.stdout.write(
    values.json ? JSON.stringify(replyToJson(reply, question)) + '\n' : renderReply(reply) + '\n',
  );
});
