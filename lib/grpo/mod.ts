/**
 * GRPO training of the QA program's policy over the Arbor protocol: the settings table and the
 * run's config, batches, rollout groups and their advantages, the loop (validation, best
 * checkpoint, records, resume) behind the {@link GrpoBackend} port, and the port's Arbor
 * implementation. It never imports `lib/embedded`: the embedded server is reached over HTTP like
 * Arbor.
 *
 * - {@link trainGrpo}: one whole run from a {@link TrainConfig} ({@link resolveTrainConfig},
 *   every setting in {@link TRAIN_SETTINGS}).
 * - {@link runGrpoLoop}: the loop alone, against any {@link GrpoBackend} (e.g. {@link arborBackend}).
 * - Pieces: {@link stratifiedSample}, {@link rolloutGroup}, {@link groupStats}, {@link validate};
 *   the run folder's files: {@link RUN_FILES}, {@link RunRecords}; read back and shown in a
 *   notebook: {@link validationTable}, {@link readRun}, {@link runStepsTable},
 *   {@link rolloutGroupTable}, {@link zeroVarianceTable}.
 *
 * @module
 */

// Types of other folders that this folder's signatures use.
export type {
  ArborCallOptions,
  ArborCheckpoint,
  ArborClient,
  ArborJobState,
  ArborJobStatus,
  ArborStepOptions,
  FetchLike,
  GrpoLossType,
  LoraSettings,
  TrainerSettings,
} from "../arbor/mod.ts";
export type { Answer, CategoryId, SplitExample } from "../data/mod.ts";
export type {
  ChatOptions,
  ChatResult,
  LmClient,
  LmUsage,
  ResponseFormat,
  TokenUsage,
} from "../lm/mod.ts";
export type {
  Bm25Index,
  Memory,
  MemoryUnit,
  TokenCounter,
  TokenEncoding,
  UnitSource,
} from "../memory/mod.ts";
export type {
  ContextMode,
  FewShotDemo,
  MemoryBank,
  ParsedAnswer,
  Program,
} from "../program/mod.ts";
export type { ArborDialect, ChatMessage, ChatRole, GroupItem } from "../protocol/mod.ts";
export type { AnalyzerConfig } from "../text/mod.ts";

export { trainGrpo, type TrainRunOptions, type TrainRunResult } from "./train_run.ts";
export {
  type AppliedChange,
  DEFAULT_TRAIN_CONFIG,
  resolveTrainConfig,
  ResumeConflictError,
  resumeTrainConfig,
  type TrainConfig,
} from "./train_config.ts";
export { type ResumePolicy, TRAIN_SETTINGS, type TrainSetting } from "./train_settings.ts";
export {
  checkValue,
  describeRule,
  SettingError,
  type SettingType,
  type ValueRule,
} from "./setting_rules.ts";
export {
  FIXED_TRAINER_SETTINGS,
  trainerSettingsFor,
  type TrainerSettingsForOptions,
} from "./trainer_settings.ts";
export {
  type GrpoLoopConfig,
  type GrpoLoopContext,
  type GrpoLoopResult,
  runGrpoLoop,
  type TrainProgress,
} from "./train_loop.ts";
export type { GrpoBackend, RolloutItem } from "./backend_port.ts";
export { arborBackend, type ArborBackendOptions } from "./arbor_backend.ts";
export { type GroupStats, groupStats } from "./group_stats.ts";
export {
  messagesHash,
  type RewardFunction,
  type RolloutBatch,
  rolloutBatch,
  type RolloutGroup,
  rolloutGroup,
  ShortGroupError,
} from "./rollout_group.ts";
export { RUN_FILES, RunDirError, type RunEvent, RunRecords, type RunState } from "./run_records.ts";
export {
  type CappedValue,
  stepBatch,
  stratifiedOrder,
  stratifiedSample,
  type StratifyOptions,
  trainValSamples,
} from "./stratified_sample.ts";
export { validate, type ValidationResult } from "./validation.ts";
export { GrpoStepError } from "./step_error.ts";
export { makeReward } from "./train_reward.ts";
export {
  checkpointsTable,
  type GroupRecord,
  readRun,
  type RecordedRun,
  rolloutGroupTable,
  runStepsTable,
  validationTable,
  zeroVarianceTable,
} from "./run_views.ts";
export { type AnsweredQuestion, rewardChart, rewardTable } from "./reward_views.ts";
export { zeroVarianceProbe } from "./zero_variance_probe.ts";
