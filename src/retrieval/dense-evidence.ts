/**
 * What the vector leg says about whether the article is about a question: the
 * question's best cosine similarity, placed in the null distribution measured at
 * build time (src/indexes/null-probes.ts). Raw cosines are not comparable across
 * models; a position among unrelated questions asked of the same model and corpus is.
 */
import type { Calibration, NullDistribution } from '../indexes/manifest.js';
import type { Lang } from '../text/language.js';
import type { DenseEvidence } from './answerability.js';

/**
 * The stored similarities are rounded to 4 decimals, so a spread below that was
 * rounded away and cannot be claimed; the floor also keeps z finite when every
 * probe scored the same.
 */
const SD_FLOOR = 1e-4;

/**
 * How far above the null's mean, in its standard deviations, a question must be
 * for the vector leg alone to count as evidence, were the null's mean and sd known
 * exactly. For a normal null the largest of 54 draws lies near z ≈ 2.3 on average,
 * so 3 puts the question clear of where unrelated questions top out rather than
 * just past the luckiest probe. A best-of-N similarity is a maximum over passages
 * and skews right, so its real tail is heavier than the normal one, which is why
 * the margin is not smaller. Being a count of the null's own standard deviations,
 * it means the same for every model, unlike a cosine threshold.
 */
export const DENSE_SUPPORT_MIN_Z = 3;

/** P(Z ≥ 3) for a standard normal: the share of unrelated questions that margin lets through. */
const SUPPORT_TAIL = 0.0013499;

/**
 * The z a question needs against a null of `probes` probes. Mean and sd come from
 * those probes, not from the null itself, and with 18 (one language's) they are
 * rough: the sd alone is off by about 17% (1/√(2·17)). For a new draw x from the
 * same normal null, (x − mean) / (sd·√(1 + 1/n)) follows Student's t with n − 1
 * degrees of freedom, so the z that lets through the same SUPPORT_TAIL as 3 does
 * for a known null is t⁻¹(1 − SUPPORT_TAIL; n − 1)·√(1 + 1/n): about 3.60 for 18
 * probes, 3.18 for 54, and 3 in the limit. A fixed 3 against 18 probes would let
 * through about 0.5% of unrelated questions instead of 0.13%. Fewer than two probes
 * have no spread at all, and nothing stands out of them.
 */
export function denseSupportMinZ(probes: number): number {
  if (probes < 2) return Infinity;
  return studentTQuantile(1 - SUPPORT_TAIL, probes - 1) * Math.sqrt(1 + 1 / probes);
}

/**
 * The null a question of language `lang` is set against: its language's when the
 * calibration has one, since similarities shift with the question's language and the
 * pooled null is wide with that shift; otherwise all probes.
 */
function nullFor(
  calibration: NullDistribution & { byLang?: Calibration['byLang'] },
  lang: Lang | undefined,
): [DenseEvidence['null'], NullDistribution] {
  const own = lang && calibration.byLang?.[lang];
  return lang && own && own.probes > 0 ? [lang, own] : ['all', calibration];
}

/**
 * Where `similarity` (a question's best cosine similarity to any passage) falls
 * among the probes' of the question's language `lang` (all probes' without it).
 * Without probes (an index without passages) nothing can stand out, so the evidence
 * is neutral: z 0, exceedance 1.
 */
export function denseEvidence(
  similarity: number,
  calibration: NullDistribution & { byLang?: Calibration['byLang'] },
  lang?: Lang,
): DenseEvidence {
  const [used, { similarities, mean, sd }] = nullFor(calibration, lang);
  const probes = similarities.length;
  if (probes === 0) return { similarity, null: used, probes, z: 0, exceedance: 1 };
  const atLeast = similarities.filter((s) => s >= similarity).length;
  return {
    similarity,
    null: used,
    probes,
    z: (similarity - mean) / Math.max(sd, SD_FLOOR),
    exceedance: atLeast / probes,
  };
}

/**
 * True when the vector leg alone shows the article is about the question: its best
 * similarity is above every probe of the null it was set against, and at least
 * denseSupportMinZ of that null's standard deviations above their mean. The z margin
 * carries the tail; exceedance 0 is a veto that holds whatever the null's shape (a
 * probe scoring as high is an unrelated question that did), too coarse to stand
 * alone: against 18 probes an unrelated question beats them all one time in 19. It
 * says the article is about the question, not that it states the answer.
 */
export function denseSupports(e: DenseEvidence): boolean {
  return e.exceedance === 0 && e.z >= denseSupportMinZ(e.probes);
}

/**
 * P(T ≥ t) for Student's t with `df` (a positive integer) degrees of freedom, t ≥ 0,
 * from the closed forms for integer df (Abramowitz & Stegun 26.7.3–4): exact, and
 * a few terms for the probe counts a calibration has.
 */
export function studentTUpperTail(t: number, df: number): number {
  const theta = Math.atan(t / Math.sqrt(df));
  const cos2 = Math.cos(theta) ** 2;
  let sum = 1;
  let term = 1;
  let inside: number;
  if (df % 2 === 1) {
    for (let k = 3; k <= df - 1; k += 2) sum += term *= ((k - 1) / k) * cos2;
    const poly = df === 1 ? 0 : Math.sin(theta) * Math.cos(theta) * sum;
    inside = (2 / Math.PI) * (theta + poly);
  } else {
    for (let k = 2; k <= df - 2; k += 2) sum += term *= ((k - 1) / k) * cos2;
    inside = Math.sin(theta) * sum;
  }
  return (1 - inside) / 2;
}

/** The t with P(T ≤ t) = p, p ≥ 0.5, by bisection on the upper tail. */
export function studentTQuantile(p: number, df: number): number {
  const tail = 1 - p;
  let lo = 0;
  let hi = 1;
  while (studentTUpperTail(hi, df) > tail) hi *= 2;
  for (let i = 0; i < 100 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTUpperTail(mid, df) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
