/**
 * Exponential backoff with jitter.
 *
 * @module
 */

/** The backoff settings {@link backoffDelayMs} reads. */
export interface BackoffSettings {
  /** Delay before the first retry, ms. */
  initialRetryDelayMs: number;
  /** Cap of the delay, ms. */
  maxRetryDelayMs: number;
  /** Fraction of the delay randomised away, in [0, 1]. */
  jitter: number;
  /** Random numbers in [0, 1). */
  random: () => number;
}

/**
 * The wait before retry number `retry` (1 for the first retry): `initial · 2^(retry-1)`, capped
 * at the maximum, then reduced by up to `jitter` of itself using `settings.random()`.
 *
 * @throws {RangeError} when `retry` is not a positive integer.
 */
export function backoffDelayMs(retry: number, settings: BackoffSettings): number {
  if (!Number.isInteger(retry) || retry < 1) {
    throw new RangeError(`retry must be a positive integer, got ${retry}`);
  }
  const base = Math.min(
    settings.maxRetryDelayMs,
    settings.initialRetryDelayMs * 2 ** Math.min(retry - 1, 52),
  );
  return base * (1 - settings.jitter * settings.random());
}
