/**
 * How much two sentences say in common: cosine of their term vectors, each term
 * weighted by BM25's idf over the article's sentences (so DeepSeek, in every other
 * sentence, links less than a rarer shared word) and by a sublinear term frequency.
 */

export type TermVector = Map<string, number>;

/** BM25's idf, never negative. */
function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Unit-length weighted vectors for sentences given as term lists. */
export function termVectors(sentences: readonly (readonly string[])[]): TermVector[] {
  const df = new Map<string, number>();
  for (const terms of sentences) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  return sentences.map((terms) => {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v: TermVector = new Map();
    let norm = 0;
    for (const [t, f] of tf) {
      const w = (1 + Math.log(f)) * idf(sentences.length, df.get(t)!);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
}

export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) dot += w * (large.get(t) ?? 0);
  return dot;
}

/** The symmetric similarity matrix, zero on the diagonal. */
export function similarityMatrix(vectors: readonly TermVector[]): number[][] {
  const n = vectors.length;
  const m = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const s = cosine(vectors[i]!, vectors[j]!);
      m[i]![j] = s;
      m[j]![i] = s;
    }
  return m;
}
