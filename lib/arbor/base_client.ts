/**
 * State and helpers both dialect clients share.
 *
 * @module
 */

import type { ArborDialect } from "../protocol/mod.ts";
import type { ArborClientConfig } from "./client_options.ts";
import { ArborStateError } from "./errors.ts";
import { callArbor, type RetryMode } from "./http.ts";
import type { TrainerSettings } from "./trainer_settings.ts";
import type { ArborCallOptions, ArborJobState } from "./types.ts";

/** Which timeout of the config a call uses. */
export type TimeoutKind = "status" | "step" | "long";

/** The shared part of both dialect clients. */
export abstract class BaseArborClient {
  /** The server's dialect. */
  abstract readonly dialect: ArborDialect;
  /** The resolved options. */
  protected readonly config: ArborClientConfig;
  /** Where the job is in its life. */
  state: ArborJobState = "new";
  /** The resolved settings sent by `initialize`. */
  settings: TrainerSettings | null = null;
  /** The model name chat requests should use now. */
  currentModel: string | null = null;
  /** Groups sent so far (including ones whose reply was lost). */
  batchesSent = 0;

  /** Wraps resolved options. */
  constructor(config: ArborClientConfig) {
    this.config = config;
  }

  /** The `/v1/` base URL. */
  get baseUrl(): string {
    return this.config.baseUrl;
  }

  /** Throws unless the job is running. */
  protected requireRunning(action: string): TrainerSettings {
    if (this.state !== "running" || this.settings === null) {
      throw new ArborStateError({ state: this.state, action });
    }
    return this.settings;
  }

  /**
   * Checks a checkpoint request: the job must be running and the name non-empty.
   *
   * @throws {TypeError} for an empty or non-string name.
   */
  protected requireCheckpointName(name: string): void {
    this.requireRunning("checkpoint");
    if (typeof name !== "string" || name === "") {
      throw new TypeError(
        `checkpoint name must be a non-empty string; got ${JSON.stringify(name)}`,
      );
    }
  }

  /** Marks the start of `initialize`, refusing a second one. */
  protected beginInitialize(settings: TrainerSettings): void {
    if (this.state !== "new") {
      throw new ArborStateError({ state: this.state, action: "initialize" });
    }
    this.state = "initializing";
    this.settings = settings;
  }

  /** POSTs a GRPO call (`grpo/<name>`) and returns the parsed body. */
  protected post(
    name: string,
    body: unknown,
    kind: TimeoutKind,
    retry: RetryMode,
    options: ArborCallOptions = {},
  ): Promise<unknown> {
    const timeouts = {
      status: this.config.statusTimeoutMs,
      step: this.config.stepTimeoutMs,
      long: this.config.longTimeoutMs,
    };
    return callArbor(this.config, {
      method: "POST",
      path: `v1/fine_tuning/grpo/${name}`,
      body,
      timeoutMs: options.timeoutMs ?? timeouts[kind],
      retry,
      signal: options.signal,
    });
  }
}
