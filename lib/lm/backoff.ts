/**
 * Waiting between retries: exponential backoff with jitter, the wait a server asks for
 * (`retry-after-ms` / `Retry-After`), and a cancellable sleep.
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

/** The header getter a `Headers` object provides. */
export interface HeaderSource {
  /** The header's value, or `null` when absent. */
  get(name: string): string | null;
}

/**
 * The wait a server asks for, in milliseconds, or `null` when it asks none (or unreadably).
 * `retry-after-ms` (milliseconds) wins over `Retry-After`, which is either delay-seconds
 * (fractions accepted) or an HTTP date (then the wait is the date minus `nowEpochMs`, at least 0).
 *
 * @example
 * ```ts
 * parseRetryAfter(new Headers({ "retry-after": "2" }), Date.now()); // 2000
 * ```
 */
export function parseRetryAfter(headers: HeaderSource, nowEpochMs: number): number | null {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Number(ms);
  const value = headers.get("retry-after");
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/[a-z]/i.test(trimmed)) return null; // an HTTP date names a weekday or month
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowEpochMs);
}

/**
 * Resolves after `ms` milliseconds, or rejects with `signal.reason` as soon as `signal` aborts
 * (at once when it already has). The timer is cleared on abort, so nothing is left pending.
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
