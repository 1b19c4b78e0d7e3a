/**
 * One bad file never takes the corpus down, and nothing outside CORPUS_DIR or
 * not text is ever read as an article. Each case below was a defect: it aborted
 * the reindex, hung it, or became a "verbatim" quote.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { decodeText, describeSkip } from '../src/corpus/files.js';
import { EmptyCorpusError, hashCorpus, loadCorpus } from '../src/corpus/load.js';
import { buildIndex } from '../src/indexes/build.js';
import { loadIndex } from '../src/indexes/load.js';
import { silentLog, testConfig } from './helpers/config.js';

const ARTICLE = 'guancha-2025-02-09-deepseek-talent.md';
let root: string;
let corpus: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'corpus-files-'));
  corpus = path.join(root, 'corpus');
  cpSync(path.join(PROJECT_ROOT, 'corpus'), corpus, { recursive: true });
  writeFileSync(path.join(root, 'secret.md'), 'root:x:0:0:root:/root:/bin/bash\n');
  symlinkSync('/etc/passwd', path.join(corpus, 'leak.md'));
  symlinkSync(path.join(root, 'secret.md'), path.join(corpus, 'leak2.md'));
  symlinkSync(path.join(corpus, 'nowhere.md'), path.join(corpus, 'dangling.md'));
  mkdirSync(path.join(corpus, 'folder.md'));
  execFileSync('mkfifo', [path.join(corpus, 'pipe.md')]);
  writeFileSync(path.join(corpus, 'unclosed.md'), '---\ntitle: x\nbody\n');
  writeFileSync(path.join(corpus, 'yaml.md'), '---\ntitle: ok\nsource: [unclosed\n---\nBody.\n');
  writeFileSync(
    path.join(corpus, 'dup.md'),
    '---\nid: guancha-2025-02-09-deepseek-talent\n---\nA second article with the same id.\n',
  );
  // 中文 in GBK: not UTF-8.
  writeFileSync(
    path.join(corpus, 'gbk.txt'),
    Buffer.from([0x61, 0x0a, 0xd6, 0xd0, 0xce, 0xc4, 0x0a]),
  );
  writeFileSync(path.join(corpus, 'binary.txt'), Buffer.from([0x41, 0x00, 0x42, 0x0a]));
  writeFileSync(path.join(corpus, 'blank.md'), ' \n\t\n');
  writeFileSync(path.join(corpus, 'huge.txt'), 'x'.repeat(3_000_000));
  writeFileSync(
    path.join(corpus, 'windows.txt'),
    '\uFEFF第一段，換行是 CRLF。\r\n\r\n第二段。\r\n',
  );
  // A link that stays inside the folder is an ordinary file.
  symlinkSync(path.join(corpus, 'windows.txt'), path.join(corpus, 'alias.txt'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loading a corpus with bad files in it', () => {
  it('skips each bad file with one line naming it, and keeps the rest', async () => {
    const c = await loadCorpus(corpus);
    const skipped = new Map(c.skipped.map((s) => [s.file, describeSkip(s)]));
    expect(skipped.get('leak.md')).toMatch(/leaves the corpus folder/);
    expect(skipped.get('leak2.md')).toMatch(/leaves the corpus folder/);
    expect(skipped.get('dangling.md')).toMatch(/dangling/);
    expect(skipped.get('folder.md')).toMatch(/directory/);
    expect(skipped.get('pipe.md')).toMatch(/FIFO/);
    expect(skipped.get('unclosed.md')).toMatch(/^unclosed\.md:1: .*never closed/);
    expect(skipped.get('yaml.md')).toMatch(/^yaml\.md:[34]: front matter is not valid YAML/);
    expect(skipped.get('dup.md')).toMatch(/guancha-2025-02-09-deepseek-talent\.md also uses/);
    expect(skipped.get('gbk.txt')).toMatch(/^gbk\.txt:2: is not valid UTF-8/);
    expect(skipped.get('binary.txt')).toMatch(/^binary\.txt:1: .*control character/);
    expect(skipped.get('blank.md')).toMatch(/empty/);
    expect(skipped.get('huge.txt')).toMatch(/CORPUS_MAX_FILE_BYTES/);
    expect(c.skipped).toHaveLength(12);
    expect(c.documents.map((d) => d.meta.file).sort()).toEqual([
      'alias.txt',
      ARTICLE,
      'windows.txt',
    ]);
  });

  it('reads a BOM and CRLF file as text, with offsets into the text as read', async () => {
    const doc = (await loadCorpus(corpus)).documents.find((d) => d.meta.file === 'windows.txt')!;
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['第一段，換行是 CRLF。', '第二段。']);
    const text = readFileSync(path.join(corpus, 'windows.txt'), 'utf8')
      .replace(/^\uFEFF/, '')
      .replace(/\r\n/g, '\n');
    for (const p of doc.paragraphs) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it('hashes without opening the FIFO or following links out of the folder', async () => {
    const before = await hashCorpus(corpus);
    writeFileSync(path.join(root, 'secret.md'), 'changed outside the corpus\n');
    expect(await hashCorpus(corpus)).toBe(before);
  });

  it('tells UTF-8 from GBK, Big5 and binary', () => {
    expect(decodeText(Buffer.from('\uFEFF中文\r\n', 'utf8'))).toEqual({ ok: true, text: '中文\n' });
    // 中文 in Big5.
    expect(decodeText(Buffer.from([0xa4, 0xa4, 0xa4, 0xe5])).ok).toBe(false);
    expect(decodeText(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02])).ok).toBe(false);
    expect(decodeText(Buffer.from('  \n', 'utf8'))).toMatchObject({
      ok: false,
      problem: 'is empty',
    });
  });
});

describe('building from a corpus with bad files in it', () => {
  const config = testConfig({ CORPUS_DIR: '' });
  afterAll(() => config.cleanup());

  it('indexes the good files, records the skipped ones, and quotes nothing from outside', async () => {
    const built = await buildIndex({ ...config, CORPUS_DIR: corpus }, silentLog);
    expect(built.manifest.skipped.map((s) => s.file)).toContain('leak.md');
    const index = await loadIndex(built.dir);
    const all = index.passages.map((p) => p.text).join('\n');
    expect(all).not.toMatch(/root:x:0/);
    expect(all).not.toContain('\u0000');
    expect(all).not.toContain('\uFFFD');
    expect(all).toContain('潘梓正');
  });

  it('refuses to build when no article is usable, naming every file', async () => {
    const bad = path.join(root, 'all-bad');
    mkdirSync(bad);
    writeFileSync(path.join(bad, 'a.md'), '---\ntitle: x\n');
    const err = await buildIndex({ ...config, CORPUS_DIR: bad }, silentLog).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EmptyCorpusError);
    expect((err as Error).message).toMatch(
      /a\.md:1: front matter opened with --- but never closed/,
    );
  });
});
