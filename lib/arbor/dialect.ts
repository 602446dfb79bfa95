/**
 * Which Arbor wire dialect a server speaks, from the routes its `GET /openapi.json` lists
 * (present on every Arbor version, FastAPI's default), with `GET /health` as a fallback.
 *
 * @module
 */

import type { ArborDialect } from "../protocol/mod.ts";
import {
  type ArborClientConfig,
  type ArborClientOptions,
  resolveArborClientOptions,
} from "./client_options.ts";
import { ArborHttpError, ArborProtocolError } from "./errors.ts";
import { callArbor } from "./http.ts";

const STATUS_PATH = "/v1/fine_tuning/grpo/status";
const INITIALIZE_PATH = "/v1/fine_tuning/grpo/initialize";

/** Options of {@link detectDialect}: the client options (fetch, timeouts, retries). */
export type DetectDialectOptions = ArborClientOptions & {
  /** Cancels the probe. Default: none. */
  signal?: AbortSignal;
};

/** {@link detectDialect} on an already resolved config. */
export async function detectDialectWith(
  config: ArborClientConfig,
  signal?: AbortSignal,
): Promise<ArborDialect> {
  const probe = (path: string) =>
    callArbor(config, {
      method: "GET",
      path,
      timeoutMs: config.statusTimeoutMs,
      retry: "idempotent",
      signal,
    });
  let spec: unknown;
  try {
    spec = await probe("openapi.json");
  } catch (error) {
    if (!(error instanceof ArborHttpError && error.status === 404)) throw error;
    try {
      await probe("health");
    } catch (healthError) {
      if (healthError instanceof ArborHttpError && healthError.status === 404) {
        throw new ArborProtocolError({
          operation: `GET /openapi.json`,
          problem:
            `${config.rootUrl} has neither /openapi.json nor /health; is it an Arbor server?`,
        }, { cause: healthError });
      }
      throw healthError;
    }
    return "2025.06"; // /health existed only in mid-2025 Arbor (June–August 2025).
  }
  const paths = (spec as { paths?: unknown } | null)?.paths;
  if (typeof paths !== "object" || paths === null) {
    throw new ArborProtocolError({
      operation: "GET /openapi.json",
      problem: "no `paths` object; is this an Arbor server?",
    });
  }
  if (STATUS_PATH in paths) return "2025.11";
  if (INITIALIZE_PATH in paths) return "2025.06";
  throw new ArborProtocolError({
    operation: "GET /openapi.json",
    problem: `${config.rootUrl} lists no ${INITIALIZE_PATH} route; is it an Arbor server?`,
  });
}

/**
 * Detects the dialect of the Arbor server at `baseUrl`: `2025.11` when `openapi.json` lists
 * `/v1/fine_tuning/grpo/status`, `2025.06` when it lists only `…/grpo/initialize` (or has no
 * `openapi.json` but answers `GET /health`).
 *
 * @throws {ArborUnavailableError} when no server answers.
 * @throws {ArborProtocolError} when the server is not an Arbor server.
 * @throws {ArborHttpError} / {ArborRequestTimeoutError} when the probe fails for good.
 */
export function detectDialect(
  baseUrl: string,
  options: DetectDialectOptions = {},
): Promise<ArborDialect> {
  return detectDialectWith(resolveArborClientOptions(baseUrl, options), options.signal);
}
