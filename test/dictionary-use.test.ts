import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';

describe('CC-CEDICT', () => {
  const srcDir = path.join(PROJECT_ROOT, 'src');
  const sources = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({
      file: path.join('src', f),
      // Code only: comments may name the function.
      text: readFileSync(path.join(srcDir, f), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, ''),
    }));

  it('is read by the index build alone, never through the package API that indexes it on import', () => {
    expect(sources.length).toBeGreaterThan(20);
    expect(sources.filter((s) => /from ['"]cc-cedict['"]/.test(s.text)).map((s) => s.file)).toEqual(
      [],
    );
    const readers = sources.filter((s) => /\bloadCedict\(/.test(s.text)).map((s) => s.file);
    expect(readers.sort()).toEqual([
      path.join('src', 'indexes', 'build.ts'),
      path.join('src', 'lexicon', 'cedict.ts'),
    ]);
  });
});
