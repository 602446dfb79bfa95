/**
 * The embedded Arbor-compatible server (both wire dialects, validated against the schemas of
 * `lib/protocol`) and the trainable policy it serves. The client side never imports this folder;
 * only the code that starts a backend does.
 *
 * - {@link startEmbeddedServer} serves a {@link PolicyFactory}'s policies on a local port.
 * - {@link TrainablePolicy} is the contract between the server and a policy;
 *   {@link createDefaultPolicy} builds the trainable extractive policy.
 * - Checkpoint folders: {@link isCheckpointDir}, {@link readCheckpointDir},
 *   {@link writeCheckpointDir}.
 *
 * @module
 */

// Types of other folders that this folder's signatures use.
export type { ArborDialect, ChatMessage, ChatRole, GroupItem } from "../protocol/mod.ts";

export { type EmbeddedServer, startEmbeddedServer } from "./server.ts";
export {
  DEFAULT_MAX_BODY_BYTES,
  type EmbeddedServerOptions,
  type ResolvedServerConfig,
} from "./server_options.ts";
export type { ReadonlyJobStore } from "./job_store.ts";
export type { CheckpointRecord, GrpoJob, JobLifecycle, StepRecord } from "./grpo_job.ts";
export type { JobTrainingConfig } from "./training_config.ts";
export {
  type CheckpointMetadata,
  isCheckpointDir,
  METADATA_FILE,
  POLICY_FILE,
  readCheckpointDir,
  writeCheckpointDir,
} from "./checkpoint_files.ts";
export type {
  GenerateRequest,
  GrpoHyperparams,
  PolicyFactory,
  PolicyInit,
  PolicyState,
  StepStats,
  TrainablePolicy,
} from "./policy_types.ts";
export type { LrSchedule, LrSchedulerType } from "./lr_schedule.ts";
export {
  createDefaultPolicy,
  createExtractivePolicy,
  type ExtractivePolicy,
  type ExtractiveStepStats,
  restorePolicy,
} from "./policy/extractive_policy.ts";
export {
  ABSTAIN_TEXT,
  type ExtractivePolicyConfig,
  type ExtractivePolicyOptions,
  resolvePolicyOptions,
} from "./policy/policy_options.ts";
export {
  type ExtractivePolicyState,
  POLICY_STATE_FORMAT,
  PolicyStateError,
} from "./policy/policy_state.ts";
export { FEATURE_GROUPS } from "./policy/feature_layout.ts";
export type { OptimizerKind, OptimizerState } from "./policy/optimizer.ts";
export type { PriorKind } from "./policy/prior.ts";
