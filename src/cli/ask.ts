/**
 * npm run ask -- "question"            readable answer
 * npm run ask -- --json "question"     one JSON object; "kind" says answer, summary, greeting or help
 * npm run ask -- --json --batch        JSON lines {"id"?, "q", "context"?} on stdin → one line each
 *                                      (context: previous questions, oldest first; q may follow up on them)
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
  npm run -s ask -- [--json] "question"
  npm run -s ask -- --json --batch < questions.jsonl   (lines of {"id"?: …, "q": "…"})`;

runMain(async () => {
  const { values, positionals } = parseCommandLine(USAGE, {
    json: { type: 'boolean', default: false },
    batch: { type: 'boolean', default: false },
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
      const { ok, out } = await answerBatchLine(engine, raw, n);
      if (!ok) failed++;
      process.stdout.write(JSON.stringify(out) + '\n');
    }
    if (failed > 0) {
      process.stderr.write(`${failed} of ${n} line(s) failed.\n`);
      process.exitCode = 1;
    }
    return;
  }

  const reply = await engine.reply(question);
  process.stdout.write(
    values.json ? JSON.stringify(replyToJson(reply, question)) + '\n' : renderReply(reply) + '\n',
  );
});
