/**
 * The GRPO loop's backend on top of the Arbor client: the same code drives a real Arbor (either
 * dialect) and the embedded server. The trainer's figures of each group (loss, KL, gradient norm)
 * are read over HTTP from `GET /v1/fine_tuning/grpo/metrics` where the server offers that route
 * (the embedded server does, in both dialects); a server without it (Arbor logs the figures on
 * its side) answers 404, and the run then simply has no such figures.
 *
 * @module
 */

import { type ArborClient, chatModelName, type FetchLike } from "../arbor/mod.ts";
import type { GrpoBackend, RolloutItem } from "./backend_port.ts";

/** Options of {@link arborBackend}. */
export interface ArborBackendOptions {
  /** Cancels every call of the job. Default: none. */
  signal?: AbortSignal;
  /**
   * Read the trainer's figures from the metrics route after each group (`"auto"`: until the
   * server answers 404), or never (`"off"`). Default: `"auto"`.
   */
  trainingStats?: "auto" | "off";
  /** Timeout of one metrics request, ms. Default: `30_000`. */
  statsTimeoutMs?: number;
  /** The fetch of the metrics requests (tests inject one). Default: global `fetch`. */
  fetch?: FetchLike;
}

/** One step entry of the metrics document (only the fields read here). */
interface MetricsStep {
  batch_id?: unknown;
  loss?: unknown;
  kl?: unknown;
  grad_norm?: unknown;
}

/**
 * Reads the figures of the group just sent from the server's metrics route: `null` when the
 * server has no such route (404/405), `{}` when the reply holds none for it.
 */
async function readTrainingStats(
  client: ArborClient,
  batchId: number,
  options: ArborBackendOptions,
): Promise<Record<string, number> | null> {
  const url = new URL("fine_tuning/grpo/metrics", client.baseUrl);
  if (client.jobId !== null) url.searchParams.set("job_id", client.jobId);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.statsTimeoutMs ?? 30_000);
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", onAbort, { once: true });
  let body: unknown;
  try {
    const response = await (options.fetch ?? fetch)(url, { signal: controller.signal });
    if (response.status === 404 || response.status === 405) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) {
      await response.body?.cancel();
      return {};
    }
    body = await response.json();
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    return {}; // The figures are for the records only; a failed read must not stop training.
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
  const steps = (body as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps) || steps.length === 0) return {};
  const entries = steps as MetricsStep[];
  // HEAD numbers the entries by the batch id sent; mid-2025 numbers groups itself.
  const entry =
    (client.dialect === "2025.11" ? entries.findLast((s) => s?.batch_id === batchId) : undefined) ??
      entries.at(-1);
  const stats: Record<string, number> = {};
  for (const key of ["loss", "kl", "grad_norm"] as const) {
    const value = entry?.[key];
    if (typeof value === "number" && Number.isFinite(value)) stats[key] = value;
  }
  return stats;
}

/**
 * Wraps an initialised {@link ArborClient} as a {@link GrpoBackend}: each group goes to the next
 * pending batch id (2025.11; the client waits, bounded by its idle timeout) or is pushed
 * (2025.06).
 *
 * @example
 * ```ts ignore
 * const client = await createArborClient(url);
 * await client.initialize(trainerSettingsFor(resolveTrainConfig({ model })));
 * const backend = arborBackend(client);
 * ```
 */
export function arborBackend(
  client: ArborClient,
  options: ArborBackendOptions = {},
): GrpoBackend {
  const signal = options.signal;
  let statsOffered = options.trainingStats !== "off";
  return {
    get dialect() {
      return client.dialect;
    },
    get jobId() {
      return client.jobId;
    },
    chatModel: () => chatModelName(client),
    async submitGroup(group: RolloutItem[], metrics: Record<string, unknown>) {
      const pending = await client.pendingBatchIds(signal ? { signal } : {});
      const batchId = pending[0]!;
      const clean: Record<string, number | string | boolean | null> = {};
      for (const [k, v] of Object.entries(metrics)) {
        if (v === null || ["number", "string", "boolean"].includes(typeof v)) {
          clean[k] = v as number | string | boolean | null;
        }
      }
      await client.step(group, {
        batchId,
        metrics: clean,
        ...(signal ? { signal } : {}),
      });
      let serverMetrics: Record<string, number> = {};
      if (statsOffered) {
        const stats = await readTrainingStats(client, batchId, options);
        if (stats === null) statsOffered = false;
        else serverMetrics = stats;
      }
      return { batchId: client.dialect === "2025.11" ? batchId : null, serverMetrics };
    },
    async checkpoint(name: string, metadata: Record<string, unknown>) {
      const status = await client.checkpoint(name, metadata, signal ? { signal } : {});
      return status.checkpoints[name]?.dir ?? name;
    },
    async terminate() {
      await client.terminate();
    },
  };
}
