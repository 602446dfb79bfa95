/**
 * Seeded percentile bootstrap of a mean, the building block of score reports.
 *
 * @module
 */

/** A two-sided confidence interval. */
export interface ConfidenceInterval {
  /** Lower bound. */
  low: number;
  /** Upper bound. */
  high: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

/** The arithmetic mean; 0 for an empty list is never asked for (callers skip empty groups). */
export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * The `q`-quantile of sorted values with linear interpolation (numpy's default method).
 *
 * @throws {RangeError} when `sorted` is empty or `q` is outside [0, 1].
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError("quantile() of an empty list");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile() needs q in [0, 1], got ${q}`);
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const low = sorted[below] as number;
  return low + (position - below) * ((sorted[above] as number) - low);
}

/** Options of {@link bootstrapMeans}. */
export interface BootstrapOptions {
  /** Number of resamples (no default: the caller's resolved config decides). */
  resamples: number;
  /** A seeded draw of an integer in [0, n), e.g. `createRng(seed).int`. */
  randomIndex: (n: number) => number;
}

/**
 * Means of `resamples` bootstrap resamples (same size, drawn with replacement) of `values`,
 * sorted ascending.
 */
export function bootstrapMeans(values: readonly number[], options: BootstrapOptions): number[] {
  const { resamples, randomIndex } = options;
  const n = values.length;
  const means = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[randomIndex(n)] as number;
    means[r] = sum / n;
  }
  return means.sort((a, b) => a - b);
}

/** The percentile interval at `level` of sorted bootstrap statistics. */
export function percentileInterval(sorted: readonly number[], level: number): ConfidenceInterval {
  const tail = (1 - level) / 2;
  return { low: quantile(sorted, tail), high: quantile(sorted, 1 - tail), level };
}
