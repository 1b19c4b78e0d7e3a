/**
 * Follow-ups where users meet them without Discord: the console reads each line as a
 * follow-up of the ones before it, and `ask --json --batch` takes a line's `context`
 * and reports what it understood.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { consoleTranscript } from './helpers/console.js';
import { keywordEngine } from './helpers/engine.js';

describe('follow-ups in the console and ask --json --batch', async () => {
  const { config, engine } = await keywordEngine();

  const consoleSays = (lines: string[]) => consoleTranscript(engine, lines);

  it('reads the next console line as a follow-up and shows how it understood it', async () => {
    const text = await consoleSays(['潘梓正為什麼回國？', '他導師怎麼說？']);
    expect(text).toContain('（理解為：潘梓正的導師怎麼說？）');
  });

  it('starts afresh after /new', async () => {
    const text = await consoleSays(['潘梓正為什麼回國？', '/new', '他導師怎麼說？']);
    expect(text).not.toContain('理解為');
  });

  it('takes context in batch lines and prints the understood question', async () => {
    const lines = [
      { id: 1, q: '那宋俊瀟呢？', context: ['潘梓正的導師是誰？'] },
      { id: 2, q: '潘梓正是誰？' },
    ];
    const child = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(PROJECT_ROOT, 'src/cli/ask.ts'), '--json', '--batch'],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, DATA_DIR: config.DATA_DIR, EMBEDDING_MODEL: 'none' },
      },
    );
    child.child.stdin!.end(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const { stdout } = await child;
    const out = stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            id: number;
            question: string;
            understood: string;
            followUp: string | null;
          },
      );
    expect(out.map((o) => [o.id, o.question, o.understood, o.followUp])).toEqual([
      [1, '那宋俊瀟呢？', '宋俊瀟的導師是誰？', 'ellipsis'],
      [2, '潘梓正是誰？', '潘梓正是誰？', null],
    ]);
  });
});
