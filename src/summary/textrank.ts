/**
 * TextRank (Mihalcea & Tarau 2004): PageRank over a weighted, undirected graph of
 * sentences, where an edge is how much two sentences say in common. A sentence that
 * much of the article echoes ranks high.
 */

export interface TextRankOptions {
  /** PageRank's damping factor; 0.85 as in the paper. */
  damping: number;
  /** Stop when no score moves more than this between iterations. */
  tolerance: number;
  maxIterations: number;
}

export const DEFAULT_TEXTRANK: TextRankOptions = {
  damping: 0.85,
  tolerance: 1e-9,
  maxIterations: 200,
};

/**
 * Scores summing to 1 for the nodes of `weights`, a symmetric matrix with a zero
 * diagonal. A sentence sharing nothing with any other keeps the teleport share only,
 * and its own share is spread over every node (the usual treatment of dangling nodes).
 */
export function textRank(
  weights: readonly (readonly number[])[],
  options: TextRankOptions = DEFAULT_TEXTRANK,
): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const outSum = weights.map((row) => row.reduce((a, b) => a + b, 0));
  let rank = new Array<number>(n).fill(1 / n);
  for (let iter = 0; iter < options.maxIterations; iter++) {
    const dangling = rank.reduce((s, r, j) => (outSum[j] === 0 ? s + r : s), 0);
    const next = new Array<number>(n).fill(
      (1 - options.damping) / n + (options.damping * dangling) / n,
    );
    for (let j = 0; j < n; j++) {
      if (outSum[j] === 0) continue;
      const share = (options.damping * rank[j]!) / outSum[j]!;
      const row = weights[j]!;
      for (let i = 0; i < n; i++) if (row[i]! > 0) next[i]! += share * row[i]!;
    }
    const delta = next.reduce((m, r, i) => Math.max(m, Math.abs(r - rank[i]!)), 0);
    rank = next;
    if (delta < options.tolerance) break;
  }
  return rank;
}
