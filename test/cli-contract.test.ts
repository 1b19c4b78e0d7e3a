/**
 * The command-line contracts, run as a user runs them (a real process): usage
 * errors exit 2 with the usage text, configuration errors name the variable without
 * a stack, and `ask --batch` writes exactly one line per input line and exits 1
 * when any line failed.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, PROJECT_ROOT, checkDirectories, parseConfig } from '../src/config.js';
import { answerBatchLine } from '../src/cli/batch.js';
import { QuestionRefusedError, admitQuestion } from '../src/answers/admission.js';
import { buildIndex } from '../src/indexes/build.js';
import type { Reply } from '../src/answers/types.js';
import { silentLog, testConfig } from './helpers/config.js';

const config = testConfig({ MAX_QUESTION_CHARS: '50' });

function run(
  script: string,
  args: string[],
  input = '',
  env: Record<string, string> = {},
): SpawnSyncReturns<string> {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(PROJECT_ROOT, script), ...args],
    {
      cwd: PROJECT_ROOT,
      input,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        DATA_DIR: config.DATA_DIR,
        EMBEDDING_MODEL: 'none',
        MAX_QUESTION_CHARS: '50',
        LOG_LEVEL: 'warn',
        ...env,
      },
    },
  );
}

beforeAll(async () => {
  await buildIndex(config, silentLog);
}, 120_000);
afterAll(() => config.cleanup());

describe('ask --json --batch', () => {
  it('writes one line per input line, with errors in place, and exits 1', () => {
    const input = [
      JSON.stringify({ id: 'a', q: '潘梓正在哪裡讀博士？' }),
      '',
      '{not json',
      JSON.stringify({ id: 7, question: 'wrong field' }),
      JSON.stringify({ id: 'long', q: '問'.repeat(51) }),
      JSON.stringify({ q: 'Who is Pan Zizheng?' }),
    ].join('\n');
    const r = run('src/cli/ask.ts', ['--json', '--batch'], input + '\n');
    expect(r.status).toBe(1);
    const out = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(out[0]).toMatchObject({ id: 'a' });
    expect(out[0]!.error).toBeUndefined();
    expect(out[1]!.error).toMatch(/empty line/);
    expect(out[2]!.error).toMatch(/not JSON/);
    expect(out[3]).toMatchObject({ id: 7, error: expect.stringMatching(/"q"/) as unknown });
    expect(out[4]).toMatchObject({
      id: 'long',
      error: expect.stringMatching(/MAX_QUESTION_CHARS/) as unknown,
    });
    expect(out[5]!.error).toBeUndefined();
    expect(r.stderr).toMatch(/4 of 6 line\(s\) failed/);
  });

  it('exits 0 when every line was answered', () => {
    const r = run('src/cli/ask.ts', ['--json', '--batch'], JSON.stringify({ q: '宋俊驍' }) + '\n');
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('usage and configuration errors', () => {
  it('exits 2 with the usage text for an unknown flag or a missing question, without a stack', () => {
    for (const args of [['--bogus', 'x'], []]) {
      const r = run('src/cli/ask.ts', args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/Usage:/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    for (const script of ['scripts/reindex.ts', 'scripts/eval.ts', 'src/cli/person.ts']) {
      const r = run(script, ['--nope']);
      expect(r.status, script).toBe(2);
      expect(r.stderr).toMatch(/Usage:/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('refuses a question over MAX_QUESTION_CHARS in the CLI too', () => {
    const r = run('src/cli/ask.ts', ['問'.repeat(51)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/51 characters long; the limit is 50 \(MAX_QUESTION_CHARS\)/);
  });

  it('names the variable, without a stack, for bad values and relations', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [
        { CHUNK_MIN_CHARS: '500', CHUNK_MAX_CHARS: '100' },
        /CHUNK_MIN_CHARS: is 500, more than CHUNK_MAX_CHARS/,
      ],
      [{ EMBEDDING_MODEL: '../../etc' }, /EMBEDDING_MODEL: must be a model id/],
      [
        { DATA_DIR: path.join(PROJECT_ROOT, 'package.json', 'sub') },
        /DATA_DIR: .* cannot be created or written/,
      ],
    ];
    for (const [env, message] of cases) {
      const check = async () => checkDirectories(parseConfig(env));
      await expect(check()).rejects.toThrow(ConfigError);
      await expect(check()).rejects.toThrow(message);
    }
    // As a user sees it: one message, exit 1, no stack, from the bot and from a script.
    for (const script of ['src/cli/start.ts', 'src/cli/ask.ts']) {
      const r = run(script, script.endsWith('ask.ts') ? ['hi'] : [], '', cases[0]![0]);
      expect(r.status, script).toBe(1);
      expect(r.stderr).toMatch(cases[0]![1]);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('npm run reindex, as a process', () => {
  it('builds in its worker, telling each step, and prints what it built', () => {
    const own = testConfig();
    try {
      const r = run('scripts/reindex.ts', [], '', { DATA_DIR: own.DATA_DIR });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/• Reading articles in .*…\n/);
      expect(r.stderr).toMatch(/• Writing the index…\n/);
      expect(r.stdout).toMatch(/^Index built in [\d.]+ s → /);
      expect(r.stdout).toMatch(/documents: 1\n/);
    } finally {
      own.cleanup();
    }
  });

  it("fails with the build's own message, without a stack, when no article is usable", () => {
    const own = testConfig();
    const empty = mkdtempSync(path.join(tmpdir(), 'article-bot-empty-'));
    try {
      const r = run('scripts/reindex.ts', [], '', { DATA_DIR: own.DATA_DIR, CORPUS_DIR: empty });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^No articles in .* \(CORPUS_DIR\)/m);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      own.cleanup();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('admission and batch lines (no process)', () => {
  const engine = {
    reply: (q: string): Promise<Reply> => {
      admitQuestion(q, 10);
      return Promise.reject(new Error(`unexpected: ${q}`));
    },
  };

  it('counts characters as people do, and refuses empty and long questions', () => {
    expect(() => admitQuestion('𠮷'.repeat(10), 10)).not.toThrow();
    expect(() => admitQuestion('𠮷'.repeat(11), 10)).toThrow(QuestionRefusedError);
    expect(() => admitQuestion('  ', 10)).toThrow(/empty/);
  });

  it('turns a failing question into an error line that keeps the id', async () => {
    const r = await answerBatchLine(engine, JSON.stringify({ id: 'x', q: 'short' }), 3);
    expect(r).toEqual({ ok: false, out: { line: 3, id: 'x', error: 'failed: unexpected: short' } });
  });
});
