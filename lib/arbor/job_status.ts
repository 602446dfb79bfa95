/**
 * Reading GRPO replies of either dialect into {@link ArborJobStatus}.
 *
 * @module
 */

import { ArborProtocolError } from "./errors.ts";
import type { ArborCheckpoint, ArborJobStatus } from "./types.ts";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function readCheckpoints(value: unknown): Record<string, ArborCheckpoint> {
  const out: Record<string, ArborCheckpoint> = {};
  if (!isRecord(value)) return out;
  for (const [name, entry] of Object.entries(value)) {
    if (typeof entry === "string") {
      out[name] = { name, dir: entry, globalStep: null, metadata: null };
    } else if (isRecord(entry)) {
      out[name] = {
        name,
        dir: stringOrNull(entry.checkpoint_dir),
        globalStep: typeof entry.global_step === "number" ? entry.global_step : null,
        metadata: isRecord(entry.metadata) ? entry.metadata : null,
      };
    }
  }
  return out;
}

/**
 * Reads a GRPO reply (HEAD `GRPOStatus` or a mid-2025 `{status, current_model, …}`).
 *
 * @throws {ArborProtocolError} when the body is not an object (e.g. `null`) or, when
 *   `requireJobId`, has no string `job_id`, or its `pending_batch_ids` are not integers.
 */
export function readJobStatus(
  body: unknown,
  operation: string,
  requireJobId: boolean,
): ArborJobStatus {
  if (!isRecord(body)) {
    throw new ArborProtocolError({
      operation,
      problem: `expected a JSON object, got ${JSON.stringify(body)?.slice(0, 200)}`,
    });
  }
  const jobId = stringOrNull(body.job_id);
  if (requireJobId && jobId === null) {
    throw new ArborProtocolError({ operation, problem: "the reply has no string job_id" });
  }
  const pending = body.pending_batch_ids ?? [];
  if (!Array.isArray(pending) || !pending.every((id) => Number.isSafeInteger(id))) {
    throw new ArborProtocolError({
      operation,
      problem: `pending_batch_ids must be a list of integers, got ${JSON.stringify(pending)}`,
    });
  }
  return {
    jobId,
    status: stringOrNull(body.status),
    currentModel: stringOrNull(body.current_model),
    pendingBatchIds: pending as number[],
    checkpoints: readCheckpoints(body.checkpoints),
    lastCheckpoint: stringOrNull(body.last_checkpoint),
    raw: body,
  };
}
