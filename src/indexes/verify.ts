/**
 * `npm run reindex -- --verify`: is the current build sound, and is every passage
 * still the corpus's own text? Loading checks each file's and each passage's
 * sha256 (load.ts); this adds the comparison with the articles on disk, so an
 * index can be shown to quote nothing the corpus does not say.
 */
import path from 'node:path';
import { checkEntry, decodeText, readEntry, type CorpusLimits } from '../corpus/files.js';
import type { Passage } from '../corpus/types.js';
import { loadIndex } from './load.js';

export interface VerifyReport {
  dir: string;
  buildId: string;
  passages: number;
  /** Passages checked against their article file. */
  matched: number;
  /** One line each; empty when the build is sound and the corpus agrees. */
  problems: string[];
}

/** The passage's lines, in order, inside its [start, end) range of the article's text. */
function foundInText(p: Passage, text: string): boolean {
  let from = p.start;
  for (const line of p.text.split('\n')) {
    const at = text.indexOf(line, from);
    if (at < 0 || at + line.length > p.end) return false;
    from = at + line.length;
  }
  return true;
}

/** Throws IndexCorruptError when the build itself is damaged; returns corpus disagreements. */
export async function verifyBuild(
  dir: string,
  corpusDir: string,
  limits: CorpusLimits,
): Promise<VerifyReport> {
  const index = await loadIndex(dir);
  const problems: string[] = [];
  let matched = 0;
  for (const meta of index.manifest.documents) {
    const own = index.passages.filter((p) => p.doc === meta.id);
    const entry = checkEntry(corpusDir, meta.file, limits);
    const read = entry.ok ? readEntry(corpusDir, meta.file, limits) : null;
    if (!read?.ok) {
      problems.push(
        `${meta.file}: the article is gone or unreadable; its ${own.length} passages cannot be checked`,
      );
      continue;
    }
    const decoded = decodeText(read.bytes);
    if (!decoded.ok) {
      problems.push(`${meta.file}:${decoded.line}: ${decoded.problem}`);
      continue;
    }
    const text = decoded.text.replace(/^\uFEFF/, '');
    for (const p of own) {
      if (foundInText(p, text)) matched++;
      else
        problems.push(
          `passage ${p.id} (${meta.file}, chars ${p.start}–${p.end}) differs from the article on disk`,
        );
    }
  }
  return {
    dir: path.resolve(dir),
    buildId: index.manifest.buildId,
    passages: index.passages.length,
    matched,
    problems,
  };
}
