/** bench/report.md from the accumulated results. */
import type { BuildMeasure, ServeMeasure } from './corpus-bench.js';
import type { VectorMeasure } from './vector-bench.js';

export interface SizeResult {
  articles: number;
  full: BuildMeasure;
  incremental: BuildMeasure;
  serve: ServeMeasure;
}

export interface BenchResults {
  machine: { cpus: number; node: string; date: string };
  sizes: Record<string, SizeResult>;
  vectors: Record<string, VectorMeasure>;
}

const s = (ms: number) =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(1)} s`;
const ms = (v: number) => (v >= 10 ? v.toFixed(0) : v.toFixed(2));
const cpu = (b: BuildMeasure) => (b.cpuMs === undefined ? '—' : s(b.cpuMs));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function corpusTable(results: BenchResults): string {
  const rows = Object.values(results.sizes).sort((a, b) => a.articles - b.articles);
  const lines = [
    '| articles | passages | full build (CPU) | one article changed (CPU) | build peak RSS | index on disk | cold open | RSS after load | query p50 / p95 (ms) | BM25 alone p50 / p95 | minisearch build | minisearch p50 / p95 |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const v = r.serve;
    lines.push(
      `| ${r.articles.toLocaleString('en')} | ${r.full.passages.toLocaleString('en')} | ${s(r.full.ms)} (${cpu(r.full)}) | ${s(r.incremental.ms)} (${cpu(r.incremental)}) | ${r.full.peakRssMb} MB | ${mb(v.indexBytes)} | ${s(v.openMs)} | ${v.rssAfterLoadMb} MB | ${ms(v.ask.p50)} / ${ms(v.ask.p95)} | ${ms(v.bm25.p50)} / ${ms(v.bm25.p95)} | ${v.minisearch ? s(v.minisearch.buildMs) : '—'} | ${v.minisearch ? `${ms(v.minisearch.p50)} / ${ms(v.minisearch.p95)}` : '—'} |`,
    );
  }
  return lines.join('\n');
}

export function vectorTable(results: BenchResults): string {
  const rows = Object.values(results.vectors).sort((a, b) => a.count - b.count);
  if (rows.length === 0) return '';
  const efs = rows[0]!.sweep.map((p) => p.ef);
  const lines = [
    `| vectors × ${rows[0]!.dims} | exact query | HNSW build | ${efs.map((e) => `ef ${e}: recall@10, query`).join(' | ')} |`,
    `| ---: | ---: | ---: | ${efs.map(() => '---:').join(' | ')} |`,
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.count.toLocaleString('en')} | ${ms(r.exactQueryMs)} ms | ${s(r.hnswBuildMs)} | ${r.sweep
        .map(
          (p) =>
            `${p.recall.toFixed(3)}, ${ms(p.queryMs)} ms (${(r.exactQueryMs / p.queryMs).toFixed(0)}×)`,
        )
        .join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

export function reportMarkdown(results: BenchResults): string {
  const m = results.machine;
  return `# Benchmark

\`npm run bench\` (\`--sizes 1,100,1000,10000\`, \`--vectors 10000,100000\`), last run ${m.date} on ${m.cpus} CPUs, Node ${m.node}.
Synthetic corpora from a seeded generator (\`bench/synthetic-corpus.ts\`): article 0 is the seed article, the
others about 10 KB each in its shape, drawing on its vocabulary, a vocabulary of made-up words that grows by 12
words per article, and synthetic people. Keyword-only (\`EMBEDDING_MODEL=none\`). Each measurement runs in a
fresh process. Timings come from a shared 2-core machine and move by tens of percent between runs.

- **full build**: \`buildIndex\`, what \`npm run reindex\` runs; wall time, and in brackets the CPU time the build
  process used, which other work on the machine moves less. **one article changed**: the same after editing one
  paragraph of one article, in a new process, with the build cache (\`DATA_DIR/cache/\`) the full build left:
  the other articles' passages, tokens, summaries, name candidates, people mentions and headword hits are
  reused, as are the dictionary-only parts of the English→Chinese table, and the corpus-wide parts (people
  registry, English→Chinese table, BM25 statistics) are rebuilt from them.
- **cold open**: opening the engine in a fresh process on a built index (freshness check, reading the index,
  loading jieba); **RSS after load** right after.
- **query**: a full keyword-mode answer (\`engine.ask\`) over ${'`bench/questions.ts`'} (40 questions, 3 timed rounds
  after a warm-up); **BM25 alone** is the keyword index search on the same questions' terms; **minisearch** indexes
  the same passages with the same tokenizer and answers the same questions; **—** where it was not run.
- The 10,000-article row was measured by the same build and engine calls run one at a time (not by one
  \`npm run bench\`), without minisearch, while other work left the full build about a third of a core:
  its wall times are inflated about threefold, and perhaps its CPU times too (summaries, chosen article by
  article, took about 1.4 times the CPU per article they take at 1,000).

${corpusTable(results)}

![cost against corpus size](cost.svg)

## Vectors: exact cosine against hnswlib-node

Random unit vectors (the hardest case for a graph index: no clusters), 100 queries, k = 10, M = 16,
efConstruction = 200 (the project's defaults). Query times are medians; the factor is exact ÷ HNSW.
Uniformly random vectors in 384 dimensions are nearly equidistant (a query's true ten nearest are barely
nearer than the rest), so a graph index recalls them poorly at any efSearch, and more so as they grow;
this is a floor, not what sentence embeddings (which cluster) get. Measuring recall on real or clustered
embeddings is still to do.

${vectorTable(results)}
`;
}
