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

/**
 * The symmetric similarity matrix, zero on the diagonal: `cosine` for every pair,
 * with the same products added in the same order, so the same to the bit. Terms are
 * numbered and each vector is also laid out densely, so the look-up into the larger
 * vector is an array read instead of a hash of the term (a long article's sentences
 * made this the costliest part of choosing its summary).
 */
export function similarityMatrix(vectors: readonly TermVector[]): number[][] {
  const n = vectors.length;
  const ids = new Map<string, number>();
  const sparse = vectors.map((v) => {
    const terms = new Uint32Array(v.size);
    const weights = new Float64Array(v.size);
    let k = 0;
    for (const [t, w] of v) {
      let id = ids.get(t);
      if (id === undefined) ids.set(t, (id = ids.size));
      terms[k] = id;
      weights[k++] = w;
    }
    return { terms, weights };
  });
  const dense = sparse.map(({ terms, weights }) => {
    const d = new Float64Array(ids.size);
    terms.forEach((id, k) => (d[id] = weights[k]!));
    return d;
  });
  const m = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      // As `cosine`: over the smaller vector, the first one when both are the same size.
      const [small, large] = vectors[i]!.size <= vectors[j]!.size ? [i, j] : [j, i];
      const { terms, weights } = sparse[small]!;
      const other = dense[large]!;
      let dot = 0;
      for (let k = 0; k < terms.length; k++) dot += weights[k]! * other[terms[k]!]!;
      m[i]![j] = dot;
      m[j]![i] = dot;
    }
  return m;
}
