import { cp, mkdtemp, readFile, rm, stat, truncate } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { loadCorpus } from '../src/corpus/load.js';
import {
  isModelCached,
  loadEmbedder,
  prefixesFor,
  requiredModelFiles,
  type Embedder,
} from '../src/embedding/load.js';
import { foldScript } from '../src/text/normalize.js';
import { splitSentences } from '../src/text/sentences.js';
import { TINY_MODEL_CACHE_DIR, TINY_MODEL_ID } from '../scripts/make-test-model.js';
import { TINY_EMBEDDER } from './helpers/config.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
const norm = (a: Float32Array) => Math.sqrt(dot(a, a));

const tiny = TINY_EMBEDDER;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}/`;
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'embedder-test-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('prefixesFor', () => {
  it('gives E5 models their query/passage markers and others none', () => {
    expect(prefixesFor('Xenova/multilingual-e5-small')).toEqual({
      queryPrefix: 'query: ',
      passagePrefix: 'passage: ',
    });
    expect(prefixesFor('intfloat/e5-base-v2').queryPrefix).toBe('query: ');
    expect(prefixesFor('Xenova/paraphrase-multilingual-MiniLM-L12-v2')).toEqual({
      queryPrefix: '',
      passagePrefix: '',
    });
    expect(prefixesFor('Xenova/bge-e5like')).toEqual({ queryPrefix: '', passagePrefix: '' });
    expect(prefixesFor(TINY_MODEL_ID).queryPrefix).toBe('');
  });
});

describe('loadEmbedder with the committed tiny model (remote access off)', () => {
  let embedder: Embedder;
  beforeAll(async () => {
    const loaded = await loadEmbedder(tiny);
    if (!loaded.ok) throw new Error(`${loaded.reason}\n${loaded.hint}`);
    expect(loaded.source).toBe('cache');
    embedder = loaded.embedder;
  });
  afterAll(async () => {
    await embedder?.dispose();
  });

  it('reads its dimensions from the first embedding', () => {
    expect(embedder.model).toBe(TINY_MODEL_ID);
    expect(embedder.dims).toBe(32);
  });

  it('returns one unit vector per text, in input order across batches', async () => {
    // More texts than a batch, of mixed lengths, so length-sorted batching must restore order.
    const texts = Array.from(
      { length: 37 },
      (_, i) => '美國人才'.repeat((i * 7) % 5) + `DeepSeek ${i}`,
    );
    const batched = await embedder.embedPassages(texts);
    expect(batched).toHaveLength(texts.length);
    for (const v of batched) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(32);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    for (const i of [0, 5, 17, 36]) {
      const [alone] = await embedder.embedPassages([texts[i]!]);
      expect(dot(alone!, batched[i]!)).toBeCloseTo(1, 5);
    }
    const distinct = new Set(batched.map((v) => Array.from(v.slice(0, 4)).join()));
    expect(distinct.size).toBeGreaterThan(30);
    expect(await embedder.embedQueries([])).toEqual([]);
  });

  it('puts a Simplified query nearest the Traditional paragraph it copies', async () => {
    const corpus = await loadCorpus(path.join(PROJECT_ROOT, 'corpus'));
    const paragraphs = corpus.documents
      .flatMap((d) => d.paragraphs)
      .filter((p) => p.kind === 'paragraph');
    expect(paragraphs.length).toBeGreaterThan(5);
    const passageVectors = await embedder.embedPassages(paragraphs.map((p) => p.text));

    let converted = 0;
    for (const p of paragraphs) {
      const longest = splitSentences(p.text).reduce((a, b) =>
        b.text.length > a.text.length ? b : a,
      );
      const query = foldScript(longest.text);
      if (query !== longest.text) converted++;
      const [q] = await embedder.embedQueries([query]);
      const scores = passageVectors.map((v) => dot(q!, v));
      const best = scores.indexOf(Math.max(...scores));
      expect({ paragraph: p.n, best: paragraphs[best]?.n }).toEqual({ paragraph: p.n, best: p.n });
    }
    // The queries really were Simplified, not copies of the Traditional text.
    expect(converted).toBeGreaterThan(paragraphs.length / 2);
  });

  it('embeds a Simplified sentence almost exactly like its Traditional original', async () => {
    const trad = '英偉達高級研究科學家禹之鼎日前在社交媒體透露';
    const simp = foldScript(trad);
    expect(simp).not.toBe(trad);
    const [a, b, unrelated] = await embedder.embedQueries([trad, simp, '美國知名國際政治學者']);
    expect(dot(a!, b!)).toBeGreaterThan(0.999);
    expect(dot(a!, unrelated!)).toBeLessThan(0.95);
  });

  it('loads the float model too, and it agrees with the quantized one', async () => {
    const loaded = await loadEmbedder({ ...tiny, quantized: false });
    if (!loaded.ok) throw new Error(loaded.reason);
    try {
      const text = '潘梓正在GitHub上公開的簡歷顯示';
      const [f] = await loaded.embedder.embedPassages([text]);
      const [q] = await embedder.embedPassages([text]);
      expect(dot(f!, q!)).toBeGreaterThan(0.9999);
    } finally {
      await loaded.embedder.dispose();
    }
  });
});

describe('loadEmbedder failures', () => {
  it('fails fast with a hint when the model is not cached and downloads are off', async () => {
    const cacheDir = path.join(scratch, 'empty-cache');
    const result = await loadEmbedder({ ...tiny, model: 'Xenova/multilingual-e5-small', cacheDir });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(/not in the model cache/);
    expect(result.hint).toContain('EMBEDDING_MODEL=none');
    expect(result.hint).toContain(path.join(cacheDir, 'Xenova', 'multilingual-e5-small'));
    expect(result.hint).toMatch(/network/);
  });

  it('returns ok:false instead of hanging when the hub is unreachable', async () => {
    const cacheDir = path.join(scratch, 'hub-cache');
    // A port that was just closed: unreachable here and on a networked machine alike,
    // so this test never downloads the real model.
    const closed = createServer();
    const unreachable = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const result = await loadEmbedder({
      ...tiny,
      model: 'Xenova/multilingual-e5-small',
      cacheDir,
      allowRemote: true,
      timeoutMs: 300,
      remoteHost: unreachable,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(/download/);
    expect(result.hint).toContain('EMBEDDING_MODEL=none');
  });

  it('abandons a download that stalls, and closes its connection', async () => {
    const sockets = new Set<Socket>();
    const closed: Promise<void>[] = [];
    const server = createServer(() => {
      // Accept the request and never answer.
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      closed.push(new Promise((resolve) => socket.on('close', () => resolve())));
    });
    const host = await listen(server);
    try {
      const result = await loadEmbedder({
        ...tiny,
        model: 'someone/never-answers',
        cacheDir: path.join(scratch, 'stall-cache'),
        allowRemote: true,
        timeoutMs: 300,
        remoteHost: host,
      });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.reason).toMatch(/stalled/);
      expect(sockets.size).toBeGreaterThan(0);
      // The client side gave up: every connection it opened gets closed without our help.
      await Promise.all(closed);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('rejects something that is not a model id', async () => {
    const result = await loadEmbedder({ ...tiny, model: '../etc' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/not a model id/);
  });

  it('reports a damaged cached model instead of throwing', async () => {
    const cacheDir = path.join(scratch, 'damaged');
    await cp(path.join(TINY_MODEL_CACHE_DIR, TINY_MODEL_ID), path.join(cacheDir, TINY_MODEL_ID), {
      recursive: true,
    });
    await truncate(path.join(cacheDir, TINY_MODEL_ID, 'onnx', 'model_quantized.onnx'), 100);
    const result = await loadEmbedder({ ...tiny, cacheDir });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(/failed to load/);
      expect(result.hint).toMatch(/Delete that folder/);
    }
  });
});

describe('loadEmbedder downloading from a hub', () => {
  it('downloads into the cache with progress, then loads from the cache', async () => {
    const modelId = 'test-org/tiny-zh-bag';
    const source = path.join(TINY_MODEL_CACHE_DIR, TINY_MODEL_ID);
    const requested: string[] = [];
    const server = createServer((req, res) => {
      // transformers.js asks for <host>/<model>/resolve/<revision>/<file>.
      const prefix = `/${modelId}/resolve/main/`;
      const url = decodeURIComponent(req.url ?? '');
      requested.push(url);
      if (!url.startsWith(prefix)) return void res.writeHead(404).end();
      const file = path.join(source, ...url.slice(prefix.length).split('/'));
      readFile(file).then(
        (body) => res.writeHead(200, { 'content-length': body.length }).end(body),
        () => res.writeHead(404).end(),
      );
    });
    const host = await listen(server);
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const wasTTY = process.stderr.isTTY;
    Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
    const cacheDir = path.join(scratch, 'download-cache');
    try {
      const first = await loadEmbedder({
        ...tiny,
        model: modelId,
        cacheDir,
        allowRemote: true,
        timeoutMs: 10_000,
        remoteHost: host,
        progress: true,
        logger,
      });
      if (!first.ok) throw new Error(first.reason);
      expect(first.source).toBe('download');
      expect(first.embedder.dims).toBe(32);
      await first.embedder.dispose();

      expect(isModelCached(cacheDir, modelId, true)).toBe(true);
      for (const f of requiredModelFiles(true)) {
        const [copied, original] = await Promise.all([
          readFile(path.join(cacheDir, 'test-org', 'tiny-zh-bag', f)),
          readFile(path.join(source, f)),
        ]);
        expect(copied.equals(original)).toBe(true);
      }
      expect(lines.some((l) => l.includes('model_quantized.onnx') && l.includes('100%'))).toBe(
        true,
      );

      const requestsBefore = requested.length;
      const second = await loadEmbedder({
        ...tiny,
        model: modelId,
        cacheDir,
        allowRemote: true,
        remoteHost: host,
      });
      if (!second.ok) throw new Error(second.reason);
      expect(second.source).toBe('cache');
      expect(requested.length).toBe(requestsBefore);
      await second.embedder.dispose();
    } finally {
      Object.defineProperty(process.stderr, 'isTTY', { value: wasTTY, configurable: true });
      server.closeAllConnections();
      server.close();
    }
    expect(
      (await stat(path.join(cacheDir, 'test-org', 'tiny-zh-bag', 'config.json'))).isFile(),
    ).toBe(true);
  });
});
