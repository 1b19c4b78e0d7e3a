import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { loadEmbedder, type Embedder } from '../src/embedding/load.js';
import { foldScript } from '../src/text/normalize.js';
import {
  TINY_MODEL_CACHE_DIR,
  TINY_MODEL_ID,
  writeTinyModel,
  type TinyModelSource,
} from '../scripts/make-test-model.js';
import { TINY_EMBEDDER } from './helpers/config.js';

const committed = path.join(TINY_MODEL_CACHE_DIR, TINY_MODEL_ID);
const corpusDir = path.join(PROJECT_ROOT, 'corpus');

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory()
        ? listFiles(dir, path.posix.join(prefix, e.name))
        : Promise.resolve([path.posix.join(prefix, e.name)]),
    ),
  );
  return nested.flat().sort();
}

describe('the committed tiny model fixture', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'tiny-model-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('is exactly what scripts/make-test-model.ts writes from the articles it names', async () => {
    const source = JSON.parse(
      await readFile(path.join(committed, 'source.json'), 'utf8'),
    ) as TinyModelSource;
    const names = Object.keys(source.articles);
    for (const name of names) {
      // When this fails after editing that article: npx tsx scripts/make-test-model.ts, and commit.
      const text = await readFile(path.join(corpusDir, name), 'utf8');
      expect(createHash('sha256').update(text).digest('hex'), name).toBe(source.articles[name]);
    }
    const written = await writeTinyModel(out, corpusDir, names);
    expect(await listFiles(committed)).toEqual([...written].sort());
    for (const file of written) {
      const [fresh, stored] = await Promise.all([
        readFile(path.join(out, file)),
        readFile(path.join(committed, file)),
      ]);
      // When this fails after a corpus edit: npx tsx scripts/make-test-model.ts, and commit the result.
      expect({ file, same: fresh.equals(stored) }).toEqual({ file, same: true });
    }
  });

  it('stays small', async () => {
    let total = 0;
    for (const file of await listFiles(committed))
      total += (await readFile(path.join(committed, file))).length;
    expect(total).toBeLessThan(600_000);
  });
});

describe('the tiny model through transformers.js', () => {
  let embedder: Embedder;
  beforeAll(async () => {
    const loaded = await loadEmbedder(TINY_EMBEDDER);
    if (!loaded.ok) throw new Error(loaded.reason);
    embedder = loaded.embedder;
  });
  afterAll(async () => {
    await embedder?.dispose();
  });

  it('gives a Traditional character and its Simplified form the same vector', async () => {
    const [trad, simp, other] = await embedder.embedPassages(['國', '国', '美']);
    expect(Array.from(simp!)).toEqual(Array.from(trad!));
    expect(Array.from(other!)).not.toEqual(Array.from(trad!));
  });

  it('spells Latin words out instead of mapping them to [UNK]', async () => {
    const [a, b, c] = await embedder.embedPassages(['DeepSeek', 'deepseek', 'Nvidia']);
    expect(Array.from(a!)).toEqual(Array.from(b!));
    expect(Array.from(a!)).not.toEqual(Array.from(c!));
  });

  it('knows every character of the corpus in both scripts, and common punctuation', async () => {
    const tokenizer = JSON.parse(
      await readFile(path.join(committed, 'tokenizer.json'), 'utf8'),
    ) as {
      model: { vocab: Record<string, number> };
    };
    const vocab = new Set(Object.keys(tokenizer.model.vocab));
    const source = JSON.parse(
      await readFile(path.join(committed, 'source.json'), 'utf8'),
    ) as TinyModelSource;
    const corpusText = (
      await Promise.all(
        Object.keys(source.articles).map((f) => readFile(path.join(corpusDir, f), 'utf8')),
      )
    ).join('');
    const han = [...new Set(corpusText.match(/\p{Script=Han}/gu))];
    expect(han.length).toBeGreaterThan(300);
    const missing = han.flatMap((ch) => [ch, foldScript(ch)]).filter((ch) => !vocab.has(ch));
    expect(missing).toEqual([]);
    expect([...'，。？！：；（）「」、'].filter((ch) => !vocab.has(ch))).toEqual([]);
  });
});
