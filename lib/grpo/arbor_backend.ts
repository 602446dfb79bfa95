/**
 * The GRPO loop's backend on top of the Arbor client: the same code drives a real Arbor (either
 * dialect) and the embedded server.
 *
 * @module
 */

import { chatModelName } from "../arbor/create_client.ts";
import type { ArborClient } from "../arbor/types.ts";
import type { GrpoBackend, RolloutItem } from "./backend_port.ts";

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
  options: {
    signal?: AbortSignal;
    /**
     * Reads the trainer's figures (loss, KL, grad norm) of the last group, when the backend
     * exposes them (the embedded server does; a real Arbor logs them on its side). Default: none.
     */
    trainingStats?: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  } = {},
): GrpoBackend {
  const signal = options.signal;
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
      return {
        batchId: client.dialect === "2025.11" ? batchId : null,
        serverMetrics: (await options.trainingStats?.()) ?? {},
      };
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
