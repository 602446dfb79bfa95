/**
 * Evaluation of QA systems (baselines and saved programs) on a split: predictions (resumable),
 * LOCOMO F1 and the optional LLM judge, summaries by category with confidence intervals and
 * paired comparisons, and the report files.
 *
 * - {@link evaluate}: one evaluation from {@link EvaluateOptions} → {@link EvaluationResult}.
 * - {@link startEmbeddedBackend}: LM clients of the embedded backend's policy (untrained or a
 *   checkpoint's).
 * - {@link selectSystems}, {@link parseSystemList}: which systems to evaluate.
 * - {@link gainTable}, {@link abstentionTable}, {@link categoryChart}: a summary in a notebook.
 *
 * @module
 */

// Types of other folders that this folder's signatures use.
export type {
  Backend,
  BackendKind,
  GenerateRequest,
  GrpoHyperparams,
  PolicyFactory,
  PolicyInit,
  PolicyState,
  StartEmbeddedOptions,
  StepStats,
  TrainablePolicy,
} from "../backend/mod.ts";
export type {
  Answer,
  CategoryId,
  Conversation,
  DatasetSource,
  Observation,
  Session,
  SessionSummary,
  SplitExample,
  SplitFile,
  SplitName,
  Turn,
} from "../data/mod.ts";
export type {
  ChatOptions,
  ChatResult,
  LmClient,
  LmUsage,
  ResponseFormat,
  TokenUsage,
} from "../lm/mod.ts";
export type {
  AggregateConfig,
  CategorySummary,
  ConfidenceInterval,
  DifferenceSummary,
  GroupSummary,
  JudgeConfig,
  ScoreSummary,
  SystemComparison,
} from "../metrics/mod.ts";
export type {
  ContextMode,
  FewShotDemo,
  Program,
  PROGRAM_FORMAT,
  ProgramProvenance,
  SavedProgram,
} from "../program/mod.ts";
export type { ArborDialect, ChatMessage, ChatRole, GroupItem } from "../protocol/mod.ts";

export { evaluate, type EvaluationResult } from "./evaluate.ts";
export {
  EVALUATE_DEFAULTS,
  type EvaluateConfig,
  type EvaluateOptions,
  resolveEvaluateConfig,
} from "./evaluate_options.ts";
export {
  type EvalProgress,
  type EvalSystem,
  JUDGE_MODES,
  type JudgeMode,
  type JudgeVerdictLabel,
  type PredictionRow,
} from "./eval_types.ts";
export type {
  EvalSummary,
  LatencySummary,
  PairedComparison,
  SystemSummary,
} from "./eval_summary.ts";
export { type EvalFiles, formatSummaryTable } from "./write_outputs.ts";
export { parseSystemList, type SelectedSystem, selectSystems } from "./select_systems.ts";
export { checkSplitSource, SplitSourceMismatchError } from "./split_source.ts";
export {
  EMBEDDED_MODEL,
  type EmbeddedBackend,
  type EmbeddedBackendOptions,
  startEmbeddedBackend,
} from "./embedded_backend.ts";
export {
  checkFolderSettings,
  FOLDER_SETTINGS_FILE,
  type FolderSettings,
  FolderSettingsError,
  readFolderSettings,
  writeFolderSettings,
} from "./folder_settings.ts";
export {
  abstentionNotes,
  type AbstentionRates,
  abstentionRates,
  answerableMean,
} from "./abstention.ts";
export {
  abstentionTable,
  categoryChart,
  gainTable,
  type GainTableOptions,
} from "./summary_views.ts";
export { categoryTable, type SystemCost, systemsTable } from "./system_views.ts";
