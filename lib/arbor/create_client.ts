/**
 * Building an Arbor client for a server URL, detecting its dialect unless told.
 *
 * @module
 */

import { type ArborClientOptions, resolveArborClientOptions } from "./client_options.ts";
import { detectDialectWith } from "./dialect.ts";
import { HeadArborClient } from "./head_client.ts";
import { MidArborClient } from "./mid_client.ts";
import { arborChatModel } from "../protocol/mod.ts";
import type { ArborClient } from "./types.ts";

/** Options of {@link createArborClient}. */
export type CreateArborClientOptions = ArborClientOptions & {
  /** Cancels the dialect probe. Default: none. */
  signal?: AbortSignal;
};

/**
 * Creates a client for the Arbor server at `baseUrl` (e.g. `http://127.0.0.1:7453/v1/`),
 * probing `GET /openapi.json` for the dialect unless `options.dialect` names one. Nothing is
 * started on the server until `initialize`.
 *
 * @throws {ArborUnavailableError} when no server answers the probe: "No Arbor server found at
 *   <baseUrl> — start one with `python -m arbor.cli serve --arbor-config arbor.yaml`, or use
 *   `--backend embedded`".
 * @throws {TypeError} / {RangeError} for bad options.
 * @example
 * ```ts ignore
 * const client = await createArborClient("http://127.0.0.1:7453/v1/");
 * await withArborJob(client, async (signal) => {
 *   await client.initialize(settings, { signal }); // settings: TrainerSettings
 *   for (const batchId of await client.pendingBatchIds({ signal })) {
 *     await client.step(group, { batchId, signal });
 *   }
 * });
 * ```
 */
export async function createArborClient(
  baseUrl: string,
  options: CreateArborClientOptions = {},
): Promise<ArborClient> {
  const config = resolveArborClientOptions(baseUrl, options);
  const dialect = config.dialect === "auto"
    ? await detectDialectWith(config, options.signal)
    : config.dialect;
  return dialect === "2025.11" ? new HeadArborClient(config) : new MidArborClient(config);
}

/**
 * The `model` to put in `/v1/chat/completions` requests so they reach the policy being trained:
 * `arbor:<currentModel>` (HEAD: the job id; mid-2025: the base model, then the output path the
 * last `step` returned). Re-read it after every `step` and after `terminate`. Chat replies go
 * through `lib/lm/` (`createLmClient` with `baseUrl: client.baseUrl`), which treats a `null`
 * body (Arbor HEAD's silent vLLM failure) as an error.
 *
 * @throws {TypeError} before `initialize` (no model yet).
 */
export function chatModelName(client: ArborClient): string {
  if (client.currentModel === null) {
    throw new TypeError(`Arbor client has no model yet (state ${client.state}); initialize first`);
  }
  return arborChatModel(client.currentModel);
}
