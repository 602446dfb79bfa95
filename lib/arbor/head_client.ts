/**
 * The Arbor 2025.11 (HEAD) client: job ids, `/status` polling for pending batch ids and one
 * group per pending id, never the same id twice.
 *
 * @module
 */

import { abortableSleep } from "../lm/mod.ts";
import { BaseArborClient } from "./base_client.ts";
import type { ArborDialect, GroupItem } from "../protocol/mod.ts";
import {
  ArborHttpError,
  ArborStateError,
  ArborTimeoutError,
  ArborUnavailableError,
} from "./errors.ts";
import { wireGroup } from "./group_items.ts";
import { headInitializeBody } from "./initialize_body.ts";
import { readJobStatus } from "./job_status.ts";
import type { TrainerSettings } from "./trainer_settings.ts";
import type { ArborCallOptions, ArborClient, ArborJobStatus, ArborStepOptions } from "./types.ts";

const OP = "POST /v1/fine_tuning/grpo/";

/** Whether a failed send certainly did not hand the group to the trainer. */
export function sendCertainlyFailed(error: unknown): boolean {
  return error instanceof ArborUnavailableError ||
    (error instanceof ArborHttpError && error.status < 500);
}

/** Checks a step's batch id and metrics. */
export function checkStepOptions(options: ArborStepOptions): void {
  if (!Number.isSafeInteger(options?.batchId) || options.batchId < 0) {
    throw new TypeError(`step needs batchId, a non-negative integer; got ${options?.batchId}`);
  }
  const metrics = options.metrics;
  if (metrics !== undefined && (typeof metrics !== "object" || metrics === null)) {
    throw new TypeError(`metrics must be an object of numbers/strings; got ${metrics}`);
  }
}

/** A GRPO job on an Arbor 2025.11 server. */
export class HeadArborClient extends BaseArborClient implements ArborClient {
  /** Always `"2025.11"`. */
  readonly dialect: ArborDialect = "2025.11";
  /** The job id after `initialize`. */
  jobId: string | null = null;
  #sent = new Set<number>();
  #offered: number[] = [];

  /** Whether a job exists that is neither terminated nor cancelled. */
  get needsTerminate(): boolean {
    return this.jobId !== null && this.state === "running";
  }

  /** See {@link ArborClient.initialize}. */
  async initialize(
    settings: TrainerSettings,
    options?: ArborCallOptions,
  ): Promise<ArborJobStatus> {
    const body = headInitializeBody(settings);
    this.beginInitialize(settings);
    try {
      const reply = await this.post("initialize", body, "long", "unsent-only", options);
      const status = readJobStatus(reply, `${OP}initialize`, true);
      this.jobId = status.jobId;
      this.currentModel = status.currentModel ?? status.jobId;
      this.state = "running";
      return status;
    } catch (error) {
      this.state = "failed";
      throw error;
    }
  }

  /** See {@link ArborClient.pendingBatchIds}. */
  async pendingBatchIds(options: ArborCallOptions = {}): Promise<number[]> {
    this.requireRunning("poll status");
    const start = this.config.now();
    while (true) {
      const reply = await this.post(
        "status",
        { job_id: this.jobId },
        "status",
        "idempotent",
        options,
      );
      const status = readJobStatus(reply, `${OP}status`, false);
      if (status.status === "cancelled") {
        this.state = "cancelled";
        throw new ArborStateError({ state: "cancelled on the server", action: "poll status" });
      }
      const fresh = [...new Set(status.pendingBatchIds)].filter((id) => !this.#sent.has(id));
      if (fresh.length > 0) {
        this.#offered = fresh.sort((a, b) => a - b);
        return [...this.#offered];
      }
      const waited = this.config.now() - start;
      if (waited >= this.config.idleTimeoutMs) {
        throw new ArborTimeoutError({
          jobId: this.jobId ?? "?",
          waitedMs: waited,
          batchesSent: this.batchesSent,
        });
      }
      const pause = Math.min(this.config.pollIntervalMs, this.config.idleTimeoutMs - waited);
      await abortableSleep(pause, options.signal);
    }
  }

  /** See {@link ArborClient.step}. */
  async step(group: readonly GroupItem[], options: ArborStepOptions): Promise<ArborJobStatus> {
    const settings = this.requireRunning("step");
    checkStepOptions(options);
    const id = options.batchId;
    if (this.#sent.has(id)) {
      throw new RangeError(`batch id ${id} was already sent; a second group would be mis-filed`);
    }
    if (!this.#offered.includes(id)) {
      throw new RangeError(
        `batch id ${id} is not pending (pending: [${this.#offered.join(", ")}]); ` +
          "call pendingBatchIds() and send one group per returned id",
      );
    }
    const body: Record<string, unknown> = {
      job_id: this.jobId,
      model: this.currentModel,
      batch_id: id,
      batch: wireGroup(group, settings.numGenerations),
    };
    if (options.metrics !== undefined) body.metrics = options.metrics;
    this.#sent.add(id);
    this.#offered = this.#offered.filter((x) => x !== id);
    this.batchesSent += 1;
    let reply: unknown;
    try {
      reply = await this.post("step", body, "step", "unsent-only", options);
    } catch (error) {
      if (sendCertainlyFailed(error)) {
        this.#sent.delete(id);
        this.#offered = [...this.#offered, id].sort((a, b) => a - b);
        this.batchesSent -= 1;
      }
      throw error;
    }
    const status = readJobStatus(reply, `${OP}step`, false);
    this.currentModel = status.currentModel ?? this.currentModel;
    return status;
  }

  /** See {@link ArborClient.checkpoint}. */
  async checkpoint(
    name: string,
    metadata: Record<string, unknown> | null = null,
    options?: ArborCallOptions,
  ): Promise<ArborJobStatus> {
    this.requireCheckpointName(name);
    const body: Record<string, unknown> = { job_id: this.jobId, checkpoint_name: name };
    if (metadata !== null) body.metadata = metadata;
    const reply = await this.post("checkpoint", body, "long", "unsent-only", options);
    return readJobStatus(reply, `${OP}checkpoint`, false);
  }

  /** See {@link ArborClient.terminate}. */
  async terminate(options?: ArborCallOptions): Promise<ArborJobStatus | null> {
    if (!this.needsTerminate) return null;
    const reply = await this.post(
      "terminate",
      { job_id: this.jobId },
      "long",
      "unsent-only",
      options,
    );
    this.state = "terminated";
    const status = readJobStatus(reply, `${OP}terminate`, false);
    this.currentModel = status.currentModel ?? this.currentModel;
    return status;
  }

  /** See {@link ArborClient.cancel}. A job the server no longer knows (404) counts as gone. */
  async cancel(options?: ArborCallOptions): Promise<void> {
    if (!this.needsTerminate) return;
    try {
      await this.post("cancel", { job_id: this.jobId }, "long", "unsent-only", options);
    } catch (error) {
      if (!(error instanceof ArborHttpError && error.status === 404)) throw error;
    }
    this.state = "cancelled";
  }
}
