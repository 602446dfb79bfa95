/**
 * The Arbor 2025.06 (mid-2025) client: one global job, flat `initialize`, push-style `step`.
 * There are no pending batch ids on the wire; the client numbers its groups 0, 1, 2, … and
 * offers the next number, so callers drive both dialects the same way.
 *
 * @module
 */

import { BaseArborClient } from "./base_client.ts";
import type { ArborDialect, GroupItem } from "../protocol/mod.ts";
import { ArborUnavailableError } from "./errors.ts";
import { wireGroup } from "./group_items.ts";
import { checkStepOptions, sendCertainlyFailed } from "./head_client.ts";
import { midInitializeBody } from "./initialize_body.ts";
import { readJobStatus } from "./job_status.ts";
import type { TrainerSettings } from "./trainer_settings.ts";
import type { ArborCallOptions, ArborClient, ArborJobStatus, ArborStepOptions } from "./types.ts";

const OP = "POST /v1/fine_tuning/grpo/";

/** A GRPO job on an Arbor 2025.06 server. */
export class MidArborClient extends BaseArborClient implements ArborClient {
  /** Always `"2025.06"`. */
  readonly dialect: ArborDialect = "2025.06";
  /** Always `null`: mid-2025 Arbor has one global job without an id. */
  readonly jobId: string | null = null;
  #initializeReached = false;

  /**
   * Whether the server may hold the job: after `initialize` reached the server (even when it
   * then failed, since the trainer may be half started), until `terminate`.
   */
  get needsTerminate(): boolean {
    return this.#initializeReached && (this.state === "running" || this.state === "failed");
  }

  /** See {@link ArborClient.initialize}. The reply is `{"status": "success"}`. */
  async initialize(
    settings: TrainerSettings,
    options?: ArborCallOptions,
  ): Promise<ArborJobStatus> {
    const body = midInitializeBody(settings);
    this.beginInitialize(settings);
    try {
      const reply = await this.post("initialize", body, "long", "unsent-only", options);
      this.#initializeReached = true;
      const status = readJobStatus(reply, `${OP}initialize`, false);
      this.currentModel = settings.model;
      this.state = "running";
      return status;
    } catch (error) {
      this.#initializeReached = !(error instanceof ArborUnavailableError);
      this.state = "failed";
      throw error;
    }
  }

  /** See {@link ArborClient.pendingBatchIds}: `[batchesSent]` at once (push-style). */
  pendingBatchIds(): Promise<number[]> {
    this.requireRunning("ask for pending batches");
    return Promise.resolve([this.batchesSent]);
  }

  /** See {@link ArborClient.step}. `metrics` are not sent (the 2025.06 step has no field). */
  async step(group: readonly GroupItem[], options: ArborStepOptions): Promise<ArborJobStatus> {
    const settings = this.requireRunning("step");
    checkStepOptions(options);
    if (options.batchId !== this.batchesSent) {
      throw new RangeError(
        `batch id ${options.batchId} is not pending (pending: [${this.batchesSent}]); ` +
          "ids already sent are never sent again",
      );
    }
    const body = { model: this.currentModel, batch: wireGroup(group, settings.numGenerations) };
    this.batchesSent += 1;
    let reply: unknown;
    try {
      reply = await this.post("step", body, "step", "unsent-only", options);
    } catch (error) {
      if (sendCertainlyFailed(error)) this.batchesSent -= 1;
      throw error;
    }
    const status = readJobStatus(reply, `${OP}step`, false);
    this.currentModel = status.currentModel ?? this.currentModel;
    return status;
  }

  /**
   * See {@link ArborClient.checkpoint}. Mid-2025 takes only `checkpoint_name`; `metadata` is
   * not sent.
   */
  async checkpoint(
    name: string,
    _metadata: Record<string, unknown> | null = null,
    options?: ArborCallOptions,
  ): Promise<ArborJobStatus> {
    this.requireCheckpointName(name);
    const reply = await this.post(
      "checkpoint",
      { checkpoint_name: name },
      "long",
      "unsent-only",
      options,
    );
    return readJobStatus(reply, `${OP}checkpoint`, false);
  }

  /** See {@link ArborClient.terminate}. Sent without a body, as mid-2025 DSPy did. */
  async terminate(options?: ArborCallOptions): Promise<ArborJobStatus | null> {
    if (!this.needsTerminate) return null;
    const reply = await this.post("terminate", undefined, "long", "unsent-only", options);
    this.state = "terminated";
    const status = readJobStatus(reply, `${OP}terminate`, false);
    this.currentModel = status.currentModel ?? this.currentModel;
    return status;
  }

  /** Mid-2025 Arbor has no `/cancel`; this terminates the job instead. */
  async cancel(options?: ArborCallOptions): Promise<void> {
    await this.terminate(options);
  }
}
