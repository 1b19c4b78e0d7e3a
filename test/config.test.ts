import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, PROJECT_ROOT } from '../src/config.js';

/** The variables of .env.example, as a user who copies it to .env would have them. */
function envExample(): Record<string, string> {
  const text = readFileSync(path.join(PROJECT_ROOT, '.env.example'), 'utf8');
  return Object.fromEntries(
    text
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

describe('configuration', () => {
  it('accepts .env.example copied as it is: empty values mean unset', () => {
    const config = parseConfig(envExample());
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.DISCORD_API_URL).toBeUndefined();
    expect(config.ANSWER_CHANNEL_IDS).toEqual([]);
    expect(config.EMBEDDING_MODEL).toBe('Xenova/multilingual-e5-small');
    expect(config.MAX_QUESTION_CHARS).toBe(300);
  });

  it('documents every variable it reads in .env.example', () => {
    const documented = new Set(Object.keys(envExample()));
    const source = readFileSync(path.join(PROJECT_ROOT, 'src/config.ts'), 'utf8');
    const read = [...source.matchAll(/^ {2}([A-Z][A-Z_]+):/gm)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(15);
    expect(read.filter((k) => !documented.has(k!))).toEqual([]);
  });

  it('drops a trailing slash from DISCORD_API_URL, which discord.js would double', () => {
    expect(parseConfig({ DISCORD_API_URL: 'http://127.0.0.1:8080/api/' }).DISCORD_API_URL).toBe(
      'http://127.0.0.1:8080/api',
    );
  });

  it('says which variable is wrong', () => {
    expect(() => parseConfig({ MAX_QUESTION_CHARS: 'lots' })).toThrow(ConfigError);
    expect(() => parseConfig({ MAX_QUESTION_CHARS: 'lots' })).toThrow(/MAX_QUESTION_CHARS/);
    expect(() => parseConfig({ SEGMENTER: 'spaces' })).toThrow(/SEGMENTER/);
  });
});
