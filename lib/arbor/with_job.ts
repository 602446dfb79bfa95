/**
 * Running work on an Arbor job so that `terminate` is always called: on success, on error and
 * on cancellation (Ctrl-C).
 *
 * @module
 */

import type { ArborClient } from "./types.ts";

/** Options of {@link withArborJob}. */
export interface WithArborJobOptions {
  /**
   * Cancels the work (wire SIGINT to it). `fn` gets a signal that aborts with it; the call stops
   * waiting for `fn` at once, terminates the job and rejects with the signal's reason.
   * Default: none.
   */
  signal?: AbortSignal;
  /** Timeout of the `terminate` call, ms. Default: the client's long timeout (30 min). */
  terminateTimeoutMs?: number;
  /**
   * Receives a `terminate` failure that happened while another error was already being thrown
   * (that original error is the one rethrown). Default: ignore it.
   */
  onTerminateError?: (error: unknown) => void;
}

function abortPromise(signal: AbortSignal): { promise: Promise<never>; dispose: () => void } {
  let dispose = () => {};
  const promise = new Promise<never>((_, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    dispose = () => signal.removeEventListener("abort", onAbort);
  });
  return { promise, dispose };
}

/**
 * Runs `fn(signal)` (which typically calls `client.initialize` and the training loop) and then
 * calls `client.terminate()` whenever the server may hold a job — after success, after an error
 * and after `options.signal` aborts. A `terminate` failure after success is thrown; after an
 * error the original error is rethrown and the terminate failure goes to `onTerminateError`.
 * Limitation: a 2025.11 `initialize` cancelled or failed before its reply leaves no job id, so
 * there is nothing to terminate (mid-2025 has one global job and is terminated anyway).
 *
 * @example
 * ```ts ignore
 * const stop = new AbortController();
 * Deno.addSignalListener("SIGINT", () => stop.abort());
 * await withArborJob(client, (signal) => train(client, signal), { signal: stop.signal });
 * ```
 */
export async function withArborJob<T>(
  client: ArborClient,
  fn: (signal: AbortSignal) => Promise<T>,
  options: WithArborJobOptions = {},
): Promise<T> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener("abort", onAbort, { once: true });
  const aborted = abortPromise(controller.signal);
  aborted.promise.catch(() => {});
  let result: T;
  try {
    result = await Promise.race([fn(controller.signal), aborted.promise]);
  } catch (error) {
    try {
      await terminate(client, options);
    } catch (terminateError) {
      (options.onTerminateError ?? (() => {}))(terminateError);
    }
    throw error;
  } finally {
    aborted.dispose();
    options.signal?.removeEventListener("abort", onAbort);
  }
  await terminate(client, options);
  return result;
}

async function terminate(client: ArborClient, options: WithArborJobOptions): Promise<void> {
  if (!client.needsTerminate) return;
  await client.terminate(
    options.terminateTimeoutMs === undefined ? {} : { timeoutMs: options.terminateTimeoutMs },
  );
}
