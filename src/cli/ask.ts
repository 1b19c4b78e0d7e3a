/**
 * npm run ask -- "question"            readable answer
 * npm run ask -- --json "question"     one JSON object
 * npm run ask -- --json --batch        JSON lines {"id"?, "q", "context"?} on stdin → one line each
 *                                      (context: previous questions, oldest first; q may follow up on them)
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { renderAnswer } from '../render/console.js';
import { answerToJson } from '../render/json.js';
import { openSession, runMain } from './session.js';

const BatchLine = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  q: z.string(),
  context: z.array(z.string()).optional(),
});

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
      const answer = await engine.ask(parsed.data.q, { context: parsed.data.context ?? [] });
      const out = answerToJson(answer, id);
      // Pass the caller's id through exactly as given.
      process.stdout.write(
        JSON.stringify(parsed.data.id === undefined ? out : { ...out, id: parsed.data.id }) + '\n',
      );
    }
    return;
  }

  const answer = await engine.ask(question);
  process.stdout.write(
    values.json ? JSON.stringify(answerToJson(answer)) + '\n' : renderAnswer(answer) + '\n',
  );
});
