/**
 * What the vector leg says about whether the article is about a question: the
 * question's best cosine similarity, placed in the null distribution measured at
 * build time (src/indexes/null-probes.ts). Raw cosines are not comparable across
 * models; a position among unrelated questions asked of the same model and corpus is.
 */
import type { Calibration } from '../indexes/manifest.js';
import type { DenseEvidence } from './answerability.js';

/**
 * The stored similarities are rounded to 4 decimals, so a spread below that was
 * rounded away and cannot be claimed; the floor also keeps z finite when every
 * probe scored the same.
 */
const SD_FLOOR = 1e-4;

/**
 * How far above the null's mean, in its standard deviations, a question must be
 * for the vector leg alone to count as evidence.
 *
 * Beating every probe (exceedance 0) is necessary but weak: the largest of 54
 * draws is a noisy stand-in for the null's upper tail, and an unrelated question
 * beats all 54 about one time in 55. For a normal null the largest of 54 draws
 * lies near z ≈ 2.3 on average, so 3 puts the question clear of where unrelated
 * questions top out rather than just past the luckiest probe; a normal tail beyond
 * 3 sd holds about 0.13%. A best-of-N similarity is a maximum over passages and
 * skews right, so its real tail is heavier than the normal one, which is why the
 * margin is not smaller. Being a count of the null's own standard deviations, it
 * means the same for every model, unlike a cosine threshold.
 */
export const DENSE_SUPPORT_MIN_Z = 3;

/**
 * Where `similarity` (a question's best cosine similarity to any passage) falls
 * among the probes'. Without probes (an index without passages) nothing can stand
 * out, so the evidence is neutral: z 0, exceedance 1.
 */
export function denseEvidence(similarity: number, calibration: Calibration): DenseEvidence {
  const { similarities, mean, sd } = calibration;
  if (similarities.length === 0) return { similarity, z: 0, exceedance: 1 };
  const atLeast = similarities.filter((s) => s >= similarity).length;
  return {
    similarity,
    z: (similarity - mean) / Math.max(sd, SD_FLOOR),
    exceedance: atLeast / similarities.length,
  };
}

/**
 * True when the vector leg alone shows the article is about the question: its
 * best similarity is above every unrelated probe and at least DENSE_SUPPORT_MIN_Z
 * of the null's standard deviations above their mean. It says the article is
 * about the question, not that it states the answer.
 */
export function denseSupports(e: DenseEvidence): boolean {
  return e.exceedance === 0 && e.z >= DENSE_SUPPORT_MIN_Z;
}
