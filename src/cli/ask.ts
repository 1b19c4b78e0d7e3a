/**
 * npm run ask -- "question"            readable answer
 * npm run ask -- --json "question"     one JSON object; "kind" says answer, summary, greeting or help
 * npm run ask -- --json --batch        JSON lines {"id"?, "q"} on stdin → one line each
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { renderReply } from '../render/console.js';
import { replyToJson } from '../render/json.js';
import { openSession, runMain } from './session.js';

const BatchLine = z.object({ id: z.union([z.string(), z.number()]).optional(), q: z.string() });

runMain(async () => {
  const { values, positionals } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      batch: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const question = positionals.join(' ').trim();
  if (!values.batch && !question) {
    process.stderr.write(
      'Usage: npm run ask -- [--json] "question"   or   npm run ask -- --json --batch < questions.jsonl\n',
    );
    process.exitCode = 2;
    return;
  }
  const { engine } = await openSession({ logLevel: 'warn' });

  if (values.batch) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const parsed = BatchLine.safeParse(JSON.parse(line));
      if (!parsed.success) {
        process.stdout.write(
          JSON.stringify({ error: `bad input line: ${parsed.error.message}` }) + '\n',
        );
        continue;
      }
      const id = parsed.data.id === undefined ? undefined : String(parsed.data.id);
      const out = replyToJson(await engine.reply(parsed.data.q), parsed.data.q, id);
      // Pass the caller's id through exactly as given.
      process.stdout.write(
        JSON.stringify(parsed.data.id === undefined ? out : { ...out, id: parsed.data.id }) + '\n',
      );
    }
    return;
  }

  const reply = await engine.reply(question);
  process.stdout.write(
    values.json ? JSON.stringify(replyToJson(reply, question)) + '\n' : renderReply(reply) + '\n',
  );
});
