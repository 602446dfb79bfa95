/**
 * Which policy answers a chat request, under Arbor's model-naming rules (§5 of the protocol
 * notes): prefixes stripped, then HEAD routes a job id to that job's policy and mid-2025 routes
 * the job's base model or output-folder path to the job's policy; any other name is a checkpoint
 * folder (restored) or a base model (a fresh, untrained policy, as Arbor would launch vLLM on it).
 *
 * @module
 */

import { basename, resolve } from "node:path";
import { isCheckpointDir, readCheckpointDir } from "./checkpoint_files.ts";
import { CheckpointNotFoundError, JobStateError } from "./errors.ts";
import type { GrpoJob } from "./grpo_job.ts";
import type { JobStore } from "./job_store.ts";
import { stripModelPrefixes } from "../protocol/mod.ts";
import type { PolicyFactory, TrainablePolicy } from "./policy_types.ts";
import type { ResolvedServerConfig } from "./server_options.ts";

/** The policy chosen for a request. */
export interface ServedPolicy {
  /** The policy. */
  policy: TrainablePolicy;
  /** The name echoed in responses (the stripped requested name). */
  servedName: string;
  /** The job, when a job's policy answers. */
  job?: GrpoJob;
}

/** A checkpoint folder's policy, with the base model and job it came from. */
export interface RestoredCheckpoint {
  /** The restored policy. */
  policy: TrainablePolicy;
  /** The base model its metadata names (else the folder's name). */
  model: string;
  /** The job its metadata names (else the folder's name). */
  jobId: string;
}

/**
 * Restores the policy of a checkpoint folder with `createPolicy` (seeded with `seed`), as the
 * server does when it serves the folder; callers use it to check a folder before a long run.
 *
 * @throws {CheckpointNotFoundError} when the folder holds no readable `policy.json`, or one the
 * factory cannot restore (e.g. written by another version of the policy).
 */
export async function restoreCheckpoint(
  dir: string,
  createPolicy: PolicyFactory,
  seed: number,
): Promise<RestoredCheckpoint> {
  const { policy, metadata } = await readCheckpointDir(dir);
  const model = metadata?.model ?? basename(dir);
  let restored: TrainablePolicy;
  try {
    restored = createPolicy({ model, seed, initialState: policy });
  } catch (error) {
    // The factory rejects a snapshot it cannot restore with a TypeError.
    if (!(error instanceof TypeError)) throw error;
    throw new CheckpointNotFoundError(dir, `its policy.json cannot be restored: ${error.message}`, {
      cause: error,
    });
  }
  return { policy: restored, model, jobId: metadata?.job_id ?? basename(dir) };
}

/** Resolves model names to policies and keeps standalone (non-job) policies. */
export class PolicyRegistry {
  #config: ResolvedServerConfig;
  #jobs: JobStore;
  #standalone: Map<string, TrainablePolicy> = new Map();

  /** Builds a registry over the server's config and jobs. */
  constructor(config: ResolvedServerConfig, jobs: JobStore) {
    this.#config = config;
    this.#jobs = jobs;
  }

  /** Names of standalone policies (loaded checkpoints and base models served so far). */
  standaloneNames(): string[] {
    return [...this.#standalone.keys()];
  }

  /** Serves `policy` under each of `names`. */
  register(names: readonly string[], policy: TrainablePolicy): void {
    for (const name of names) this.#standalone.set(name, policy);
  }

  /**
   * Restores a policy from a checkpoint folder with the injected factory.
   *
   * @throws {CheckpointNotFoundError} see {@link restoreCheckpoint}.
   */
  restore(dir: string): Promise<RestoredCheckpoint> {
    return restoreCheckpoint(dir, this.#config.createPolicy, this.#config.seed);
  }

  /**
   * Loads a checkpoint folder and serves it under its path, its job id and its base model name.
   * Returns the names it is served under.
   */
  async load(dir: string): Promise<string[]> {
    const absolute = resolve(dir);
    const { policy, model, jobId } = await this.restore(absolute);
    const names = [...new Set([absolute, jobId, model])];
    this.register(names, policy);
    return names;
  }

  /**
   * The policy for a requested model name.
   *
   * @throws {JobStateError} when the name is a cancelled job (its inference server is gone).
   */
  async resolve(requested: string): Promise<ServedPolicy> {
    const name = stripModelPrefixes(requested);
    const job = this.#jobFor(name);
    if (job) {
      if (job.lifecycle === "cancelled") {
        throw new JobStateError({ jobId: job.id, state: "cancelled", action: "serve chat for" });
      }
      return { policy: job.policy, servedName: name, job };
    }
    const known = this.#standalone.get(name);
    if (known) return { policy: known, servedName: name };
    if (await isCheckpointDir(resolve(name))) {
      const { policy } = await this.restore(resolve(name));
      this.register([name], policy);
      return { policy, servedName: name };
    }
    const policy = this.#config.createPolicy({ model: name, seed: this.#config.seed });
    this.register([name], policy);
    return { policy, servedName: name };
  }

  #jobFor(name: string): GrpoJob | undefined {
    if (this.#config.dialect === "2025.11") return this.#jobs.find(name);
    const job = this.#jobs.latest();
    if (job && (name === job.model || name === job.dir)) return job;
    return undefined;
  }
}
