/**
 * The embedded backend of evaluations: the embedded Arbor-compatible server (started through
 * `startBackend`) with the extractive policy, and LM clients pointed at its OpenAI-compatible
 * `/v1`.
 *
 * @module
 */

import {
  type Backend,
  EMBEDDED_MODEL,
  startBackend,
  type StartEmbeddedOptions,
} from "../backend/start_backend.ts";

export { EMBEDDED_MODEL };
import { createLmClient, type LmClient } from "../lm/client.ts";

/** Options of {@link startEmbeddedBackend}; every field has a default. */
export interface EmbeddedBackendOptions {
  /**
   * A checkpoint folder (holding `policy.json`, e.g. from a saved program's
   * `provenance.checkpoint`) whose trained policy answers. Default: `null` (the untrained
   * policy, seeded by `seed`).
   */
  policyCheckpoint?: string | null;
  /** Seed of the untrained policy and of unseeded sampling. Default: `0`. */
  seed?: number;
  /** Requests in flight at once per client. Default: `4`. */
  concurrency?: number;
  /**
   * LM response cache folder, or `null` for none. Keep it inside the evaluation's folder: the
   * embedded model names do not identify a policy's weights. Default: `null`.
   */
  cacheDir?: string | null;
  /** Builds the policy. Default: the extractive policy. */
  createPolicy?: StartEmbeddedOptions["createPolicy"];
  /** Folder for jobs (none are started by an evaluation). Default: `"./grpo_checkpoints"`. */
  outputDir?: string;
}

/** A running embedded backend. */
export interface EmbeddedBackend extends AsyncDisposable {
  /** The client of the policy under evaluation (the checkpoint's, or the untrained one). */
  lm: LmClient;
  /** The backend (its base URL, dialect and served model names). */
  backend: Backend;
  /** The `/v1` base URL, without trailing slash. */
  baseUrl: string;
  /**
   * A client for another model name on the same server, e.g. a checkpoint folder path (the
   * server restores it on first use) to evaluate a trained program beside the baselines.
   */
  clientFor(model: string): LmClient;
  /** Closes every client and stops the server. */
  close(): Promise<void>;
}

/**
 * Starts the embedded server on a free local port and returns a client of its policy: the
 * untrained extractive policy, or the one in `policyCheckpoint`.
 *
 * @throws {CheckpointNotFoundError} when `policyCheckpoint` holds no readable policy.
 */
export async function startEmbeddedBackend(
  options: EmbeddedBackendOptions = {},
): Promise<EmbeddedBackend> {
  const backend = await startBackend("embedded", {
    seed: options.seed ?? 0,
    policyCheckpoint: options.policyCheckpoint ?? null,
    ...(options.createPolicy ? { createPolicy: options.createPolicy } : {}),
    ...(options.outputDir ? { outputDir: options.outputDir } : {}),
  });
  const baseUrl = backend.baseUrl.replace(/\/+$/, "");
  const clients: LmClient[] = [];
  const clientFor = (model: string) => {
    const lm = createLmClient({
      baseUrl,
      model,
      concurrency: options.concurrency ?? 4,
      cacheDir: options.cacheDir ?? null,
      maxRetries: 1,
    });
    clients.push(lm);
    return lm;
  };
  const lm = clientFor(backend.modelNames[0] ?? EMBEDDED_MODEL);
  const close = async () => {
    for (const client of clients) client.close();
    await backend.close();
  };
  return { lm, backend, baseUrl, clientFor, close, [Symbol.asyncDispose]: close };
}
