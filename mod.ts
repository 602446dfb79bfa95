/**
 * memgrpo: train and evaluate a memory-augmented question-answering program on the LOCOMO
 * long-conversation benchmark with GRPO, against an Arbor RL server or the embedded
 * Arbor-compatible backend.
 *
 * This module is the public API: what a researcher scripting the pipeline, a notebook or a library
 * user needs, re-exported from the folders' own `lib/<folder>/mod.ts` (which also hold what the
 * folders share among themselves).
 *
 * The pipeline: {@link loadLocomo} → {@link splitLocomo} (by conversation) → {@link buildMemory}
 * (a token-bounded memory per conversation) → {@link retrieve} (a {@link RetrievalTrace}, with the
 * retrieved dialogue ids in `diaIds`) → a {@link Program} ({@link resolveProgram}) answers with an
 * LM ({@link createLmClient}: Arbor, the embedded server, or any OpenAI-compatible endpoint) →
 * {@link locomoF1} / {@link judgeAll} → rewards ({@link computeReward}) → {@link trainGrpo} (GRPO
 * over the Arbor protocol, against {@link startBackend}'s embedded server or a real Arbor) and
 * {@link evaluate} (reports by category). {@link table}, {@link barChart}, {@link lineChart},
 * {@link liveChart} and {@link retrievalView} display results in a notebook.
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

// LOCOMO data, categories and splits
export {
  type Answer,
  ANSWERABLE_CATEGORIES,
  CATEGORY_IDS,
  CATEGORY_MAPPING_NOTE,
  type CategoryId,
  categoryName,
  checkSplits,
  type Conversation,
  type DatasetSource,
  loadLocomo,
  type LoadLocomoOptions,
  loadSplitData,
  type LocomoDataset,
  LocomoFormatError,
  LocomoNotFoundError,
  type LocomoSplits,
  type Observation,
  parseLocomo,
  type ParseLocomoOptions,
  type Question,
  type Session,
  type SessionSummary,
  type SplitCounts,
  splitCounts,
  type SplitData,
  type SplitExample,
  type SplitFile,
  splitLocomo,
  type SplitName,
  type SplitOptions,
  type Turn,
} from "./lib/data/mod.ts";

// Seeded randomness
export { createRng, type SeededRng } from "./lib/random/mod.ts";

// Memory and retrieval
export {
  buildMemory,
  type BuildMemoryOptions,
  type EvidenceHits,
  type Memory,
  type MemoryUnit,
  type RankedUnit,
  recallAt,
  type RenderedMemories,
  renderMemories,
  type RenderMemoriesOptions,
  type RetrievalTrace,
  retrieve,
  type RetrieveOptions,
  type TokenEncoding,
  type UnitSource,
} from "./lib/memory/mod.ts";

// Answer text
export { type AnalyzerOptions, isAbstention } from "./lib/text/mod.ts";

// The LM client
export {
  type ChatOptions,
  type ChatResult,
  createLmClient,
  type LmClient,
  type LmClientOptions,
  type LmFailureKind,
  LmRequestError,
  type LmUsage,
  type ResponseFormat,
  type TokenUsage,
} from "./lib/lm/mod.ts";

// Scoring, judge, reward
export {
  type CategorySummary,
  computeReward,
  type ConfidenceInterval,
  type DifferenceSummary,
  type GoldAnswer,
  type GroupSummary,
  judgeAll,
  JudgeConfigError,
  type JudgeFailure,
  JudgeIncompleteError,
  type JudgeItem,
  type JudgeLabel,
  type JudgeOptions,
  type JudgeResult,
  type JudgeScore,
  type JudgeVerdict,
  locomoF1,
  type ParsedVerdict,
  parseJudgeVerdict,
  resolveRewardConfig,
  type RewardBreakdown,
  type RewardConfig,
  type RewardInput,
  type RewardKind,
  type RewardOptions,
  type ScoreSummary,
  type SystemComparison,
} from "./lib/metrics/mod.ts";

// The QA program
export {
  ABSTENTION,
  baselinePrograms,
  type ContextMode,
  createMemoryBank,
  type FewShotDemo,
  loadProgram,
  type MemoryBank,
  type ParsedAnswer,
  type Program,
  PROGRAM_FORMAT,
  ProgramFileError,
  type ProgramOptions,
  type ProgramProvenance,
  resolveProgram,
  type SavedProgram,
  saveProgram,
  type SaveProgramOptions,
} from "./lib/program/mod.ts";

// The wire
export { type ArborDialect, type ChatMessage, type ChatRole } from "./lib/protocol/mod.ts";

// Arbor
export {
  ArborError,
  ArborUnavailableError,
  type ArborYamlConfig,
  arborYamlConfig,
  writeArborYaml,
} from "./lib/arbor/mod.ts";

// Starting a backend (embedded or Arbor)
export {
  type Backend,
  type BackendKind,
  type StartArborOptions,
  startBackend,
  type StartEmbeddedOptions,
} from "./lib/backend/mod.ts";

// GRPO training
export {
  type GroupStats,
  groupStats,
  type GrpoLoopResult,
  resolveTrainConfig,
  type RewardFunction,
  type RolloutGroup,
  rolloutGroup,
  RUN_FILES,
  type RunEvent,
  type RunState,
  stratifiedSample,
  type StratifyOptions,
  type TrainConfig,
  trainGrpo,
  type TrainProgress,
  type TrainRunOptions,
  type TrainRunResult,
  type ValidationResult,
} from "./lib/grpo/mod.ts";

// Evaluation
export {
  type EmbeddedBackend,
  type EmbeddedBackendOptions,
  type EvalFiles,
  type EvalProgress,
  type EvalSummary,
  type EvalSystem,
  evaluate,
  type EvaluateOptions,
  type EvaluationResult,
  type JudgeMode,
  type JudgeVerdictLabel,
  type LatencySummary,
  type PairedComparison,
  type PredictionRow,
  startEmbeddedBackend,
  type SystemSummary,
} from "./lib/eval/mod.ts";

// optimize: prompt optimisation (GEPA-style and MIPROv2-style), the alternative to GRPO
export {
  type Candidate,
  type OptimizeCost,
  type OptimizeOptions,
  optimizeProgram,
  type OptimizeProgress,
  type OptimizeResult,
} from "./lib/optimize/mod.ts";

// Notebook display helpers
export {
  barChart,
  type BarChartOptions,
  type CellValue,
  type ChartDatum,
  type ChartOptions,
  type ChartView,
  type Displayable,
  type DisplayBundle,
  JUPYTER_DISPLAY,
  lineChart,
  type LineChartOptions,
  type LiveChart,
  liveChart,
  type LiveChartOptions,
  type RetrievalRow,
  type RetrievalView,
  retrievalView,
  type RetrievalViewOptions,
  table,
  type TableColumn,
  type TableOptions,
  type TableRow,
  type TableView,
} from "./lib/viz/mod.ts";
