/**
 * From real answers back to the eval sets: answers recorded with what was shown, the
 * database kept across a reindex, `npm run feedback` reporting them, and its --export
 * file running through `npm run eval` with its gold still empty.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { EvalQuestion } from '../src/eval/metrics.js';
import { answerRecord } from '../src/feedback/answer-record.js';
import { openConfiguredFeedbackStore } from '../src/feedback/store.js';
import { buildIndex } from '../src/indexes/build.js';
import { silentLog } from './helpers/config.js';
import { keywordEngine } from './helpers/engine.js';

const run = promisify(execFile);

describe('the feedback loop', async () => {
  const { config, engine } = await keywordEngine();
  const env = {
    ...process.env,
    DATA_DIR: config.DATA_DIR,
    EMBEDDING_MODEL: 'none',
    LOG_LEVEL: 'warn',
  };
  const script = (name: string, ...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts', name), ...args], {
      cwd: PROJECT_ROOT,
      env,
    });

  it('records answers with the passages shown, and keeps them across a reindex', async () => {
    const store = openConfiguredFeedbackStore(config, silentLog);
    const buildId = path.basename(engine.buildDir);
    const asked = [
      { q: '潘梓正的碩士學位是在哪所大學拿的？', context: [] as string[] },
      { q: 'How do I bake bread?', context: [] },
      { q: '那宋俊瀟呢？', context: ['潘梓正的導師是誰？'] },
    ];
    const ids: string[] = [];
    for (const { q, context } of asked) {
      const answer = await engine.ask(q, { context });
      const rec = answerRecord(answer, {
        userId: 'u1',
        surface: 'test',
        context,
        buildId,
        latencyMs: 1,
      });
      expect(rec.passages.map((p) => p.id)).toEqual(answer.excerpts.map((e) => e.passage.id));
      const id = store.recordAnswer(rec);
      if (!id.ok) throw new Error(id.error);
      ids.push(id.value);
    }
    expect(store.vote(ids[0]!, 'u2', 'down').ok).toBe(true);
    store.close();

    await buildIndex(config, silentLog);
    const reopened = openConfiguredFeedbackStore(config, silentLog);
    const report = reopened.report();
    reopened.close();
    expect(report.ok && report.value.answers).toBe(3);
  });

  it('reports and exports them, and the export runs through eval unscored', async () => {
    const file = path.join(config.DATA_DIR, 'export.jsonl');
    const { stdout } = await script('feedback.ts', '--export', file);
    expect(stdout).toContain('3 answer(s) recorded; votes: 0 👍, 1 👎');
    expect(stdout).toContain('潘梓正的碩士學位是在哪所大學拿的？');
    expect(stdout).toContain('How do I bake bread?');
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => EvalQuestion.parse(JSON.parse(l)));
    expect(lines.map((l) => l.q)).toContain('潘梓正的碩士學位是在哪所大學拿的？');
    expect(lines.every((l) => l.gold.length === 0)).toBe(true);

    const evaluated = await script('eval.ts', '--questions', file, '-v');
    expect(evaluated.stdout).toContain(`not scored: ${lines.length} line(s) with empty gold`);
  });
});
