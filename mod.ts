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
 * {@link liveChart}, {@link retrievalView} and the views of the data ({@link splitView},
 * {@link leakageView}, {@link recallView}), of a run ({@link readRun}), of rewards
 * ({@link rewardTable}) and of an evaluation ({@link gainTable}, {@link systemsTable}) display
 * results in a notebook: each returns a {@link View} (HTML or SVG in a notebook, its `text`
 * elsewhere).
 *
 * @example Load a LOCOMO-shaped file and split it by conversation
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseLocomo, splitLocomo } from "./mod.ts";
 *
 * const text = await Deno.readTextFile(new URL("./data/sample/mini_locomo.json", import.meta.url));
 * const dataset = parseLocomo(text, { file: "mini_locomo.json" });
 * const splits = splitLocomo(dataset, { trainRatio: 1 / 3, valRatio: 1 / 3, testRatio: 1 / 3 });
 * assert.ok(splits.train.conversations.length === 1);
 * assert.ok(dataset.questions.length === 13);
 * ```
 *
 * @example Score an answer with the official LOCOMO rules and retrieve memories
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildMemory, locomoF1, parseLocomo, retrieve } from "./mod.ts";
 *
 * assert.ok(locomoF1("Lake Tahoe", "Lake Tahoe", 4) === 1);
 * assert.ok(locomoF1("Not mentioned in the conversation", null, 5) === 1);
 * const text = await Deno.readTextFile(new URL("./data/sample/mini_locomo.json", import.meta.url));
 * using memory = buildMemory(parseLocomo(text).conversations[0]!);
 * const trace = retrieve(memory, "Where did Ben go hiking?", { k: 3, evidence: ["D1:2"] });
 * assert.ok(trace.diaIds[0] === "D1:2");
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
  loadLocomo,
  loadSplitData,
  locateLocomo,
  type LocateLocomoOptions,
  type LocomoDataset,
  LocomoFormatError,
  LocomoNotFoundError,
  type LocomoSplits,
  parseLocomo,
  type Question,
  type Session,
  splitCounts,
  type SplitExample,
  type SplitFile,
  splitLocomo,
  type SplitOptions,
  type Turn,
} from "./lib/data/mod.ts";

// Seeded randomness
export { createRng, type SeededRng } from "./lib/random/mod.ts";

// Memory and retrieval
export {
  buildMemory,
  type BuildMemoryOptions,
  type Memory,
  type MemoryUnit,
  recallAt,
  renderMemories,
  type RetrievalTrace,
  retrieve,
  type RetrieveOptions,
} from "./lib/memory/mod.ts";

// Answer text
export { isAbstention } from "./lib/text/mod.ts";

// The LM client
export {
  type ChatOptions,
  type ChatResult,
  createLmClient,
  type LmClient,
  type LmClientOptions,
  LmRequestError,
  type LmUsage,
} from "./lib/lm/mod.ts";

// Scoring, judge, reward
export {
  computeReward,
  judgeAll,
  JudgeConfigError,
  JudgeIncompleteError,
  type JudgeItem,
  type JudgeOptions,
  type JudgeResult,
  type JudgeScore,
  type JudgeVerdict,
  locomoF1,
  parseJudgeVerdict,
  resolveRewardConfig,
  type RewardBreakdown,
  type RewardConfig,
  type RewardInput,
  type ScoreSummary,
  type SystemComparison,
} from "./lib/metrics/mod.ts";

// The QA program
export {
  ABSTENTION,
  baselinePrograms,
  createMemoryBank,
  loadProgram,
  type MemoryBank,
  type ParsedAnswer,
  type Program,
  ProgramFileError,
  type ProgramOptions,
  resolveProgram,
  type SavedProgram,
  saveProgram,
} from "./lib/program/mod.ts";

// The wire
export { type ArborDialect, type ChatMessage } from "./lib/protocol/mod.ts";

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
  type StartArborOptions,
  startBackend,
  type StartEmbeddedOptions,
} from "./lib/backend/mod.ts";

// GRPO training
export {
  type AnsweredQuestion,
  checkpointsTable,
  type GroupRecord,
  groupStats,
  readRun,
  type RecordedRun,
  resolveTrainConfig,
  rewardChart,
  type RewardFunction,
  rewardTable,
  type RolloutGroup,
  rolloutGroup,
  rolloutGroupTable,
  RUN_FILES,
  type RunEvent,
  type RunState,
  runStepsTable,
  stratifiedSample,
  type TrainConfig,
  trainGrpo,
  type TrainProgress,
  type TrainRunOptions,
  type TrainRunResult,
  type ValidationResult,
  validationTable,
  zeroVarianceProbe,
  zeroVarianceTable,
} from "./lib/grpo/mod.ts";

// Evaluation
export {
  abstentionTable,
  categoryChart,
  categoryTable,
  type EvalSummary,
  type EvalSystem,
  evaluate,
  type EvaluateOptions,
  type EvaluationResult,
  gainTable,
  type GainTableOptions,
  type PredictionRow,
  type SystemCost,
  systemsTable,
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
  type ChartOptions,
  JUPYTER_DISPLAY,
  leakageView,
  lineChart,
  type LineChartOptions,
  type LiveChart,
  liveChart,
  type LiveChartOptions,
  type LiveTrainingChart,
  liveTrainingChart,
  recallView,
  retrievalView,
  type RetrievalViewOptions,
  splitView,
  table,
  type TableOptions,
  type View,
} from "./lib/viz/mod.ts";
