/**
 * memgrpo: train and evaluate a memory-augmented question-answering program on the LOCOMO
 * long-conversation benchmark with GRPO, against an Arbor RL server or the embedded
 * Arbor-compatible backend.
 *
 * This module re-exports the public API by name.
 *
 * The pipeline: {@link loadLocomo} → {@link splitLocomo} (by conversation) → {@link buildMemory}
 * (a token-bounded memory per conversation) → {@link retrieve} (a {@link RetrievalTrace}) →
 * {@link render} (chat messages of a {@link Program}) → an LM (Arbor, the embedded server, or any
 * OpenAI-compatible endpoint via {@link createLmClient}) → {@link parseAnswer} → {@link locomoF1}
 * / {@link judgeAll} → rewards ({@link computeReward}) → {@link trainGrpo} (GRPO over the Arbor
 * protocol) and {@link evaluate} (reports by category).
 *
 * @example Load a LOCOMO-shaped file and split it by conversation
 * ```ts
 * import { parseLocomo, splitLocomo } from "./mod.ts";
 *
 * const text = await Deno.readTextFile(new URL("./data/sample/mini_locomo.json", import.meta.url));
 * const dataset = parseLocomo(text, { file: "mini_locomo.json" });
 * const splits = splitLocomo(dataset, { trainRatio: 1 / 3, valRatio: 1 / 3, testRatio: 1 / 3 });
 * console.assert(splits.train.conversations.length === 1);
 * console.assert(dataset.questions.length === 13);
 * ```
 *
 * @example Score an answer with the official LOCOMO rules and retrieve memories
 * ```ts
 * import { buildMemory, locomoF1, parseLocomo, retrieve } from "./mod.ts";
 *
 * console.assert(locomoF1("Lake Tahoe", "Lake Tahoe", 4) === 1);
 * console.assert(locomoF1("Not mentioned in the conversation", null, 5) === 1);
 * const text = await Deno.readTextFile(new URL("./data/sample/mini_locomo.json", import.meta.url));
 * using memory = buildMemory(parseLocomo(text).conversations[0]!);
 * const trace = retrieve(memory, "Where did Ben go hiking?", { k: 3, evidence: ["D1:2"] });
 * console.assert(trace.diaIds[0] === "D1:2");
 * ```
 *
 * @module
 */

export type {
  Answer,
  Conversation,
  DatasetSource,
  LocomoDataset,
  Observation,
  Question,
  Session,
  SessionSummary,
  Turn,
} from "./lib/data/types.ts";
export {
  ANSWERABLE_CATEGORIES,
  CATEGORY_IDS,
  CATEGORY_MAPPING_NOTE,
  CATEGORY_NAMES,
  type CategoryId,
  categoryName,
  isCategoryId,
} from "./lib/data/categories.ts";
export {
  loadLocomo,
  type LoadLocomoOptions,
  normaliseEvidence,
  parseLocomo,
  type ParseLocomoOptions,
} from "./lib/data/load_locomo.ts";
export {
  LocomoFormatError,
  type LocomoFormatErrorFields,
  LocomoNotFoundError,
} from "./lib/data/errors.ts";
export { parseSessionDate } from "./lib/data/session_date.ts";
export {
  DEFAULT_LOCOMO_PATH,
  locateLocomo,
  type LocateLocomoOptions,
} from "./lib/data/locate_locomo.ts";
export {
  downloadLocomo,
  type DownloadLocomoOptions,
  type DownloadResult,
  LOCOMO_SHA256,
  LOCOMO_URL,
  LocomoDownloadError,
} from "./lib/data/download_locomo.ts";
export {
  type LocomoSplits,
  resolveSplitConfig,
  serializeSplit,
  SPLIT_FORMAT_VERSION,
  SPLIT_NAMES,
  type SplitConfig,
  type SplitExample,
  type SplitFile,
  splitLocomo,
  type SplitName,
  type SplitOptions,
  splitSizes,
} from "./lib/data/split_locomo.ts";
export {
  readSplit,
  readSplits,
  SplitFileError,
  splitPath,
  writeSplits,
} from "./lib/data/split_files.ts";
export { checkSplits, type SplitCounts, splitCounts } from "./lib/data/split_report.ts";
export { createRng, rngFromState, type RngState, type SeededRng } from "./lib/random/seeded_rng.ts";
export { type FileToWrite, writeFileAtomic, writeFilesAtomic } from "./lib/io/atomic_write.ts";

// Memory and retrieval
export {
  buildMemory,
  type BuildMemoryConfig,
  type BuildMemoryOptions,
  DEFAULT_MEMORY_TOKENS,
  resolveBuildMemoryOptions,
} from "./lib/memory/build_memory.ts";
export type { Memory, MemoryUnit, UnitSource } from "./lib/memory/memory_types.ts";
export type { Bm25Index } from "./lib/memory/bm25_index.ts";
export {
  DEFAULT_SCORING,
  resolveRetrieveOptions,
  retrieve,
  type RetrieveConfig,
  type RetrieveOptions,
} from "./lib/memory/retrieve.ts";
export type { ScoringConfig } from "./lib/memory/score_units.ts";
export type { EvidenceHits, RankedUnit, RetrievalTrace } from "./lib/memory/retrieval_trace.ts";
export { recallAt } from "./lib/memory/retrieval_trace.ts";
export {
  type RenderedMemories,
  renderMemories,
  type RenderMemoriesOptions,
} from "./lib/memory/render_memories.ts";
export type { AnalyzerConfig, AnalyzerOptions } from "./lib/text/analyzer.ts";
export {
  createTokenCounter,
  createTokenCounterPool,
  DEFAULT_TOKEN_ENCODING,
  type TokenCounter,
  type TokenCounterPool,
  type TokenEncoding,
} from "./lib/memory/token_counter.ts";

// LM client
export { createLmClient, type LmClient } from "./lib/lm/client.ts";
export {
  type FetchFunction,
  type LmClientConfig,
  type LmClientOptions,
  resolveLmClientConfig,
  type SleepFunction,
} from "./lib/lm/config.ts";
export type {
  ChatOptions,
  ChatResult,
  LmUsage,
  ResponseFormat,
  TokenUsage,
} from "./lib/lm/types.ts";
export type { ChatMessage, ChatRole, GroupItem } from "./lib/protocol/chat.ts";
export {
  LmClientClosedError,
  type LmFailureKind,
  LmRequestError,
  type LmRequestErrorFields,
} from "./lib/lm/errors.ts";
export { redactSecrets } from "./lib/lm/errors.ts";

// Scoring, judge, reward
export { type GoldAnswer, locomoF1, multiAnswerF1 } from "./lib/metrics/locomo_f1.ts";
export { normalizeAnswer } from "./lib/text/answer_text.ts";
export { stemmedTokens, tokenF1, tokenListF1 } from "./lib/metrics/token_f1.ts";
export { porterStem } from "./lib/text/porter_stemmer.ts";
export { ABSTENTION_PHRASES, isAbstention } from "./lib/text/answer_text.ts";
export {
  type AggregateConfig,
  type AggregateOptions,
  aggregateScores,
  type CategorySummary,
  type GroupSummary,
  resolveAggregateConfig,
  type ScoredItem,
  type ScoreSummary,
} from "./lib/metrics/aggregate.ts";
export type { ConfidenceInterval } from "./lib/metrics/bootstrap.ts";
export {
  compareSystems,
  type DifferenceSummary,
  type SystemComparison,
} from "./lib/metrics/compare_systems.ts";
export {
  computeReward,
  resolveRewardConfig,
  type RewardBreakdown,
  type RewardConfig,
  type RewardInput,
  type RewardKind,
  type RewardOptions,
} from "./lib/metrics/reward.ts";
export { judgeAll } from "./lib/metrics/judge.ts";
export {
  type JudgeConfig,
  type JudgeOptions,
  resolveJudgeConfig,
} from "./lib/metrics/judge_config.ts";
export type {
  JudgeFailure,
  JudgeItem,
  JudgeResult,
  JudgeScore,
  JudgeVerdict,
} from "./lib/metrics/judge_types.ts";
export {
  JudgeConfigError,
  JudgeIncompleteError,
  JudgeParseError,
} from "./lib/metrics/judge_errors.ts";
export {
  type JudgeLabel,
  type ParsedVerdict,
  parseJudgeVerdict,
} from "./lib/metrics/judge_parse.ts";
export {
  buildJudgePrompt,
  JUDGE_PROMPT_VERSION,
  type JudgePromptInput,
} from "./lib/metrics/judge_prompt.ts";
export { formatJudgeScore } from "./lib/metrics/judge_summary.ts";

// The QA program
export {
  ABSTENTION,
  baselinePrograms,
  CONTEXT_MODES,
  type ContextMode,
  DEFAULT_INSTRUCTIONS,
  type FewShotDemo,
  type Program,
  type ProgramOptions,
  resolveProgram,
} from "./lib/program/program_config.ts";
export {
  packUnits,
  type QuestionInput,
  recentWindow,
  render,
  type RenderedPrompt,
} from "./lib/program/render_prompt.ts";
export { parseAnswer, type ParsedAnswer } from "./lib/program/parse_answer.ts";
export {
  loadProgram,
  PROGRAM_FORMAT,
  PROGRAM_VERSION,
  ProgramFileError,
  type ProgramProvenance,
  type SavedProgram,
  saveProgram,
  type SaveProgramOptions,
} from "./lib/program/saved_program.ts";
export { createMemoryBank, type MemoryBank } from "./lib/program/memory_bank.ts";
export {
  type AnswerOptions,
  answerQuestion,
  type ProgramAnswer,
} from "./lib/program/answer_question.ts";
export {
  MEMORY_HEADER,
  MEMORY_LINE_PATTERN,
  QUESTION_PREFIX,
} from "./lib/protocol/prompt_format.ts";

// Arbor
export {
  type ArborYamlConfig,
  arborYamlConfig,
  ensureArborYaml,
  type EnsureArborYamlResult,
  formatArborYaml,
  parseArborYaml,
  readArborYaml,
  writeArborYaml,
} from "./lib/arbor/arbor_yaml.ts";
export { assertDisjointGpus, formatGpuIds, parseGpuIds } from "./lib/arbor/gpu_ids.ts";
export {
  type GrpoLossType,
  type LoraSettings,
  type TrainerSettings,
} from "./lib/arbor/trainer_settings.ts";
export {
  chatModelName,
  createArborClient,
  type CreateArborClientOptions,
} from "./lib/arbor/create_client.ts";
export { type ArborClientOptions, DEFAULT_ARBOR_URL } from "./lib/arbor/client_options.ts";
export { ARBOR_DIALECTS, type ArborDialect } from "./lib/protocol/arbor_schemas.ts";
export { detectDialect, type DetectDialectOptions } from "./lib/arbor/dialect.ts";
export type { FetchLike } from "./lib/arbor/http.ts";
export { withArborJob, type WithArborJobOptions } from "./lib/arbor/with_job.ts";
export type {
  ArborCallOptions,
  ArborCheckpoint,
  ArborClient,
  ArborJobState,
  ArborJobStatus,
  ArborStepOptions,
} from "./lib/arbor/types.ts";
export {
  ArborConnectionError,
  ArborError,
  ArborHttpError,
  ArborProtocolError,
  ArborRequestTimeoutError,
  ArborStateError,
  ArborTimeoutError,
  ArborUnavailableError,
} from "./lib/arbor/errors.ts";
export { arborChatModel, arborModelName } from "./lib/protocol/model_name.ts";

// The embedded Arbor-compatible backend
export { type EmbeddedServer, startEmbeddedServer } from "./lib/embedded/server.ts";
export type { ReadonlyJobStore } from "./lib/embedded/job_store.ts";
export type {
  CheckpointRecord,
  GrpoJob,
  JobLifecycle,
  StepRecord,
} from "./lib/embedded/grpo_job.ts";
export type { JobTrainingConfig } from "./lib/embedded/training_config.ts";
export type { CheckpointMetadata } from "./lib/embedded/checkpoint_files.ts";
export type { EmbeddedServerOptions } from "./lib/embedded/server_options.ts";
export type {
  GenerateRequest,
  GrpoHyperparams,
  PolicyFactory,
  PolicyInit,
  PolicyState,
  StepStats,
  TrainablePolicy,
} from "./lib/embedded/policy_types.ts";
export {
  createDefaultPolicy,
  createExtractivePolicy,
  type ExtractivePolicy,
  type ExtractiveStepStats,
  restorePolicy,
} from "./lib/embedded/policy/extractive_policy.ts";
export type {
  ExtractivePolicyConfig,
  ExtractivePolicyOptions,
} from "./lib/embedded/policy/policy_options.ts";
export {
  type ExtractivePolicyState,
  POLICY_STATE_FORMAT,
} from "./lib/embedded/policy/policy_state.ts";
export type { OptimizerKind, OptimizerState } from "./lib/embedded/policy/optimizer.ts";
export type { PriorKind } from "./lib/embedded/policy/prior.ts";

// GRPO training
export {
  DEFAULT_TRAIN_CONFIG,
  resolveTrainConfig,
  type TrainConfig,
} from "./lib/grpo/train_config.ts";
export { trainerSettingsFor, type TrainerSettingsForOptions } from "./lib/grpo/trainer_settings.ts";
export { trainGrpo, type TrainRunOptions, type TrainRunResult } from "./lib/grpo/train_run.ts";
export {
  type GrpoLoopConfig,
  type GrpoLoopContext,
  type GrpoLoopResult,
  runGrpoLoop,
  type TrainProgress,
} from "./lib/grpo/train_loop.ts";
export type { GrpoBackend, RolloutItem } from "./lib/grpo/backend_port.ts";
export { arborBackend, type ArborBackendOptions } from "./lib/grpo/arbor_backend.ts";
export {
  type Backend,
  BACKEND_KINDS,
  type BackendKind,
  type StartArborOptions,
  startBackend,
  type StartEmbeddedOptions,
} from "./lib/backend/start_backend.ts";
export { type GroupStats, groupStats } from "./lib/grpo/group_stats.ts";
export {
  messagesHash,
  type RewardFunction,
  type RolloutGroup,
  rolloutGroup,
} from "./lib/grpo/rollout_group.ts";
export {
  RUN_FILES,
  RunDirError,
  type RunEvent,
  RunRecords,
  type RunState,
} from "./lib/grpo/run_records.ts";
export {
  stepBatch,
  stratifiedOrder,
  stratifiedSample,
  type StratifyOptions,
} from "./lib/grpo/stratified_sample.ts";
export { validate, type ValidationResult } from "./lib/grpo/validation.ts";
export { GrpoStepError } from "./lib/grpo/step_error.ts";
export { makeReward } from "./lib/grpo/train_reward.ts";

// Evaluation
export { evaluate, type EvaluationResult } from "./lib/eval/evaluate.ts";
export type { EvalFiles } from "./lib/eval/write_outputs.ts";
export type { EvaluateConfig, EvaluateOptions } from "./lib/eval/evaluate_options.ts";
export {
  type EvalProgress,
  type EvalSystem,
  JUDGE_MODES,
  type JudgeMode,
  type JudgeVerdictLabel,
  type PredictionRow,
} from "./lib/eval/eval_types.ts";
export type {
  EvalSummary,
  LatencySummary,
  PairedComparison,
  SystemSummary,
} from "./lib/eval/eval_summary.ts";
export {
  EMBEDDED_MODEL,
  type EmbeddedBackend,
  type EmbeddedBackendOptions,
  startEmbeddedBackend,
} from "./lib/eval/embedded_backend.ts";

// Notebook display helpers
export {
  type CellValue,
  table,
  type TableColumn,
  type TableConfig,
  type TableOptions,
  type TableRow,
  type TableView,
} from "./lib/viz/table.ts";
export { barChart, type BarChartOptions } from "./lib/viz/bar_chart.ts";
export { lineChart, type LineChartOptions } from "./lib/viz/line_chart.ts";
export type { ChartDatum, ChartView } from "./lib/viz/chart_view.ts";
export type { ChartOptions } from "./lib/viz/chart_options.ts";
export {
  type RetrievalRow,
  type RetrievalView,
  retrievalView,
  type RetrievalViewConfig,
  type RetrievalViewOptions,
} from "./lib/viz/retrieval_view.ts";
export {
  type DisplayFunction,
  type LiveChart,
  liveChart,
  type LiveChartOptions,
  type LiveDisplayOptions,
} from "./lib/viz/live_chart.ts";
export { escapeHtml } from "./lib/viz/display_bundle.ts";
export {
  type Displayable,
  type DisplayBundle,
  displayBundle,
  JUPYTER_DISPLAY,
} from "./lib/viz/display_bundle.ts";
