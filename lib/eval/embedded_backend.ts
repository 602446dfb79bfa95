/**
 * The embedded backend of evaluations: the embedded Arbor-compatible server started in-process
 * with the extractive policy, and LM clients pointed at its OpenAI-compatible `/v1`.
 *
 * @module
 */

import { createDefaultPolicy, type PolicyFactory } from "../embedded/mod.ts";
import { type EmbeddedServer, startEmbeddedServer } from "../embedded/server.ts";
import { createLmClient, type LmClient } from "../lm/client.ts";

/** The model name the untrained embedded policy answers under. */
export const EMBEDDED_MODEL = "memgrpo-embedded";

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
  /** Builds the policy. Default: the extractive policy (`createDefaultPolicy`). */
  createPolicy?: PolicyFactory;
  /** Folder for jobs (none are started by an evaluation). Default: `"./grpo_checkpoints"`. */
  outputDir?: string;
}

/** A running embedded backend. */
export interface EmbeddedBackend extends AsyncDisposable {
  /** The client of the policy under evaluation (the checkpoint's, or the untrained one). */
  lm: LmClient;
  /** The server. */
  server: EmbeddedServer;
  /** The `/v1` base URL. */
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
  const server = await startEmbeddedServer({
    createPolicy: options.createPolicy ?? createDefaultPolicy,
    port: 0,
    seed: options.seed ?? 0,
    loadCheckpoint: options.policyCheckpoint ?? null,
    ...(options.outputDir ? { outputDir: options.outputDir } : {}),
  });
  const baseUrl = server.url.replace(/\/+$/, "");
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
  const lm = clientFor(server.loadedModelNames[0] ?? EMBEDDED_MODEL);
  const close = async () => {
    for (const client of clients) client.close();
    await server.close();
  };
  return { lm, server, baseUrl, clientFor, close, [Symbol.asyncDispose]: close };
}
