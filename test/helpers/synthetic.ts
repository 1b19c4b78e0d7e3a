import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/** A typo fixed in one paragraph of one synthetic article, the way the benchmark changes one. */
export function editOneArticle(corpus: string, file: string): void {
  const full = path.join(corpus, file);
  const text = readFileSync(full, 'utf8');
  const edited = text.replace(/\n\n([^\n<#][^\n]*)\n/, '\n\n$1(更正)\n');
  expect(edited).not.toBe(text);
  writeFileSync(full, edited);
}
