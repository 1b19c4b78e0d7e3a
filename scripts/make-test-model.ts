/**
 * Writes "tiny-zh-bag": a bag-of-characters BERT-style model that transformers.js
 * loads through its real code path (config, tokenizer, ONNX session, pooling), so
 * tests exercise the dense leg without the model hub.
 *
 *   npx tsx scripts/make-test-model.ts [outDir] [corpusDir]
 *
 * The graph is one Gather from an embedding table (the float model) or a Gather
 * from a uint8 table followed by DequantizeLinear (the quantized one); the
 * feature-extraction pipeline mean-pools and normalises. Each character's row
 * is seeded from its normalised form, so a Simplified character and its
 * Traditional counterpart share a row and a Simplified query lands near the
 * Traditional passage it copies.
 *
 * Output is byte-for-byte deterministic: the committed fixture is compared with
 * a regeneration in test/test-model.test.ts.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../src/config.js';
import { listArticleFiles } from '../src/corpus/load.js';
import { foldScript, normalize, toTraditional } from '../src/text/normalize.js';

export const TINY_MODEL_ID = 'tiny-zh-bag';
export const TINY_MODEL_CACHE_DIR = path.join(PROJECT_ROOT, 'test', 'fixtures', 'tiny-model');
export const TINY_MODEL_DIMS = 32;

const SEED = 'tiny-zh-bag/v1';
const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
const SUBWORD_PREFIX = '##';
const CJK_PUNCTUATION = '、。〈〉《》「」『』【】〔〕〖〗〜・…—–‘’“”·';

// ---------------------------------------------------------------------------
// Vocabulary

/** The CJK ranges transformers.js' BertNormalizer isolates (it tests UTF-16 units, so BMP only). */
function isBertCjk(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff)
  );
}

/** What BertNormalizer (lowercase, strip accents) turns a character into. */
function bertNormalizeChar(ch: string): string[] {
  return [
    ...ch
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, ''),
  ];
}

function isTokenChar(ch: string): boolean {
  return !/[\s\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u.test(ch) && ch !== '\uFFFD';
}

/** The single-character Simplified/Traditional counterparts of a character (itself included). */
function scriptVariants(ch: string): string[] {
  const simp = foldScript(ch);
  const out = [ch, simp, toTraditional(ch), toTraditional(simp)];
  return out.filter((v) => [...v].length === 1);
}

export function buildVocabulary(corpusText: string): string[] {
  const chars = new Set<string>();
  const add = (raw: string) => {
    for (const variant of scriptVariants(raw)) {
      for (const ch of bertNormalizeChar(variant)) if (isTokenChar(ch)) chars.add(ch);
    }
  };
  for (let cp = 0x21; cp <= 0x7e; cp++) add(String.fromCharCode(cp));
  // What people type in Chinese even where the article has none: full-width forms and CJK punctuation.
  for (let cp = 0xff01; cp <= 0xff5e; cp++) add(String.fromCharCode(cp));
  for (const ch of CJK_PUNCTUATION) add(ch);
  for (const ch of corpusText) if (isTokenChar(ch)) add(ch);

  const sorted = [...chars].sort((a, b) => (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0));
  // Runs of non-CJK letters become one pre-token ("deepseek", "2025"); continuation
  // pieces let WordPiece spell them out character by character instead of [UNK].
  const continuations = sorted.filter((ch) => !isBertCjk(ch)).map((ch) => SUBWORD_PREFIX + ch);
  return [...SPECIAL_TOKENS, ...sorted, ...continuations];
}

// ---------------------------------------------------------------------------
// Embedding rows

function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: small, well-mixed, and integer-only, so identical on every platform. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** The key a token's row is seeded from: the normalised (Simplified, half-width) character. */
function rowKey(token: string): string {
  if ((SPECIAL_TOKENS as readonly string[]).includes(token)) return token;
  const ch = token.startsWith(SUBWORD_PREFIX) ? token.slice(SUBWORD_PREFIX.length) : token;
  return normalize(ch);
}

/** Row values in [-1, 1) as multiples of 1/127, so the uint8 table dequantises to the float table (to within float rounding). */
function rowLevels(token: string, dims: number): Int8Array {
  const out = new Int8Array(dims);
  // Padding contributes nothing (it is masked anyway); keep it zero so that is visible.
  if (token === '[PAD]') return out;
  const next = mulberry32(fnv1a32(`${SEED}\u0000${rowKey(token)}`));
  for (let i = 0; i < dims; i++) out[i] = (next() % 255) - 127;
  return out;
}

// ---------------------------------------------------------------------------
// Minimal protobuf writer (only what an ONNX ModelProto needs: varints, lengths)

class ProtoWriter {
  private readonly parts: Buffer[] = [];

  private varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`varint out of range: ${value}`);
    const bytes: number[] = [];
    let v = value;
    while (v >= 0x80) {
      bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    bytes.push(v);
    this.parts.push(Buffer.from(bytes));
  }

  private tag(field: number, wireType: 0 | 2): void {
    this.varint(field * 8 + wireType);
  }

  int(field: number, value: number): this {
    this.tag(field, 0);
    this.varint(value);
    return this;
  }

  bytes(field: number, data: Uint8Array): this {
    this.tag(field, 2);
    this.varint(data.length);
    this.parts.push(Buffer.from(data));
    return this;
  }

  string(field: number, text: string): this {
    return this.bytes(field, Buffer.from(text, 'utf8'));
  }

  message(field: number, inner: ProtoWriter): this {
    return this.bytes(field, inner.finish());
  }

  packedInts(field: number, values: number[]): this {
    const inner = new ProtoWriter();
    for (const v of values) inner.varint(v);
    return this.bytes(field, inner.finish());
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

// ---------------------------------------------------------------------------
// ONNX (field numbers from onnx/onnx.proto)

const ONNX_FLOAT = 1;
const ONNX_UINT8 = 2;
const ONNX_INT64 = 7;
const IR_VERSION = 8; // onnxruntime-node 1.14 reads up to IR 8
const OPSET = 13;

type Dim = number | string;

function tensorValueInfo(name: string, elemType: number, dims: Dim[]): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of dims) {
    shape.message(
      1,
      typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d),
    );
  }
  const tensorType = new ProtoWriter().int(1, elemType).message(2, shape);
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
}

function initializer(name: string, dataType: number, dims: number[], raw: Uint8Array): ProtoWriter {
  const t = new ProtoWriter();
  if (dims.length > 0) t.packedInts(1, dims);
  return t.int(2, dataType).string(8, name).bytes(9, raw);
}

function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  name: string,
  intAttrs: Record<string, number> = {},
): ProtoWriter {
  const n = new ProtoWriter();
  for (const i of inputs) n.string(1, i);
  for (const o of outputs) n.string(2, o);
  n.string(3, name).string(4, opType);
  for (const [key, value] of Object.entries(intAttrs)) {
    n.message(
      5,
      new ProtoWriter().string(1, key).int(3, value).int(20, 2 /* AttributeProto.INT */),
    );
  }
  return n;
}

function encodeModel(graph: ProtoWriter): Buffer {
  return new ProtoWriter()
    .int(1, IR_VERSION)
    .string(2, 'make-test-model')
    .string(3, '1')
    .message(7, graph)
    .message(8, new ProtoWriter().string(1, '').int(2, OPSET))
    .finish();
}

/** Inputs every BERT export has; only input_ids is read, the others are accepted like a real model's. */
function bertGraph(nodes: ProtoWriter[], initializers: ProtoWriter[], dims: number): ProtoWriter {
  const g = new ProtoWriter();
  for (const n of nodes) g.message(1, n);
  g.string(2, 'tiny_zh_bag');
  for (const i of initializers) g.message(5, i);
  for (const input of ['input_ids', 'attention_mask', 'token_type_ids']) {
    g.message(11, tensorValueInfo(input, ONNX_INT64, ['batch_size', 'sequence_length']));
  }
  g.message(
    12,
    tensorValueInfo('last_hidden_state', ONNX_FLOAT, ['batch_size', 'sequence_length', dims]),
  );
  return g;
}

function float32Bytes(values: number[]): Buffer {
  const buf = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => buf.writeFloatLE(v, i * 4));
  return buf;
}

function onnxModels(levels: Int8Array[], dims: number): { float: Buffer; quantized: Buffer } {
  const vocabSize = levels.length;
  const floats = float32Bytes(levels.flatMap((row) => [...row].map((q) => q / 127)));
  const float = encodeModel(
    bertGraph(
      [node('Gather', ['embeddings', 'input_ids'], ['last_hidden_state'], 'embed', { axis: 0 })],
      [initializer('embeddings', ONNX_FLOAT, [vocabSize, dims], floats)],
      dims,
    ),
  );

  const zeroPoint = 128;
  const uint8 = Uint8Array.from(levels.flatMap((row) => [...row].map((q) => q + zeroPoint)));
  const quantized = encodeModel(
    bertGraph(
      [
        node('Gather', ['embeddings_quantized', 'input_ids'], ['embeddings_gathered'], 'embed', {
          axis: 0,
        }),
        node(
          'DequantizeLinear',
          ['embeddings_gathered', 'embeddings_scale', 'embeddings_zero_point'],
          ['last_hidden_state'],
          'dequantize',
        ),
      ],
      [
        initializer('embeddings_quantized', ONNX_UINT8, [vocabSize, dims], uint8),
        initializer('embeddings_scale', ONNX_FLOAT, [], float32Bytes([1 / 127])),
        initializer('embeddings_zero_point', ONNX_UINT8, [], Uint8Array.of(zeroPoint)),
      ],
      dims,
    ),
  );
  return { float, quantized };
}

// ---------------------------------------------------------------------------
// Hugging Face side files

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

function tokenizerJson(vocab: string[]): Buffer {
  const ids = new Map(vocab.map((t, i) => [t, i]));
  const id = (t: string) => ids.get(t) ?? 0;
  const special = (t: string) => ({ SpecialToken: { id: t, type_id: 0 } });
  return json({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((t) => ({
      id: id(t),
      content: t,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    // handle_chinese_chars puts spaces around every Han character, so each is a token.
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]')],
      pair: [
        special('[CLS]'),
        { Sequence: { id: 'A', type_id: 0 } },
        special('[SEP]'),
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(
        ['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }]),
      ),
    },
    decoder: { type: 'WordPiece', prefix: SUBWORD_PREFIX, cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: SUBWORD_PREFIX,
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  });
}

function configJson(vocabSize: number, dims: number): Buffer {
  return json({
    _comment:
      'Test fixture written by scripts/make-test-model.ts: a bag of characters, not a language model.',
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: dims,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: dims,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    vocab_size: vocabSize,
    pad_token_id: 0,
  });
}

function tokenizerConfigJson(): Buffer {
  return json({
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    tokenize_chinese_chars: true,
    strip_accents: null,
    model_max_length: 512,
    clean_up_tokenization_spaces: true,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
  });
}

// ---------------------------------------------------------------------------

/**
 * The fixture's files (path relative to the model folder → bytes). `source.json`
 * names the articles the vocabulary came from, with their hashes, so the fixture
 * can be checked against exactly those articles: adding an article to corpus/ must
 * not invalidate the test model.
 */
export async function buildTinyModel(
  corpusDir: string,
  dims = TINY_MODEL_DIMS,
  only?: readonly string[],
): Promise<Map<string, Buffer>> {
  const names = only ? [...only].sort() : await listArticleFiles(corpusDir);
  const texts = await Promise.all(names.map((n) => readFile(path.join(corpusDir, n), 'utf8')));
  const vocab = buildVocabulary(texts.join('\n'));
  const { float, quantized } = onnxModels(
    vocab.map((t) => rowLevels(t, dims)),
    dims,
  );
  const source: TinyModelSource = {
    articles: Object.fromEntries(
      names.map((n, i) => [n, createHash('sha256').update(texts[i]!).digest('hex')]),
    ),
  };
  return new Map([
    ['config.json', configJson(vocab.length, dims)],
    ['tokenizer.json', tokenizerJson(vocab)],
    ['tokenizer_config.json', tokenizerConfigJson()],
    ['onnx/model.onnx', float],
    ['onnx/model_quantized.onnx', quantized],
    ['source.json', Buffer.from(JSON.stringify(source, null, 2) + '\n')],
  ]);
}

/** Which articles (file name → sha256 of its text) a tiny model's vocabulary was built from. */
export interface TinyModelSource {
  articles: Record<string, string>;
}

export async function writeTinyModel(
  outDir: string,
  corpusDir: string,
  only?: readonly string[],
): Promise<string[]> {
  const files = await buildTinyModel(corpusDir, TINY_MODEL_DIMS, only);
  for (const [rel, bytes] of files) {
    const target = path.join(outDir, rel);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
  return [...files.keys()];
}

async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? path.join(TINY_MODEL_CACHE_DIR, TINY_MODEL_ID));
  const corpusDir = path.resolve(process.argv[3] ?? path.join(PROJECT_ROOT, 'corpus'));
  const files = await writeTinyModel(outDir, corpusDir);
  process.stdout.write(
    `wrote ${files.length} files to ${path.relative(process.cwd(), outDir) || '.'}\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`make-test-model: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
