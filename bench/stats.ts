/** Small helpers for timing and summarising measurements. */

/** The q-quantile (0..1) of the values, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function msSince(start: number): number {
  return performance.now() - start;
}

export function megabytes(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}
