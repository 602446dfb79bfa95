/**
 * Prompt optimisation, the alternative to GRPO: GEPA-style reflective evolution (the default)
 * and a MIPROv2-style search behind one entry point, {@link optimizeProgram}, on the
 * saved-program format (instructions, few-shot demos, memory configuration), within a budget of
 * task-LM calls ({@link autoBudget} gives DSPy's `auto` budgets).
 *
 * @module
 */

export {
  AUTO_LEVELS,
  type AutoBudget,
  autoBudget,
  type AutoLevel,
  MetricBudget,
} from "./budget.ts";
export {
  bestCandidate,
  type Candidate,
  type CandidateOrigin,
  describeMemory,
  MEMORY_SPACE,
  type MemoryConfig,
  paretoFront,
  selectParent,
} from "./candidate.ts";
export {
  type OptimizeOptions,
  optimizeProgram,
  type OptimizeProgress,
  type OptimizeResult,
  type OptimizerKind,
  OPTIMIZERS,
  scoreCurve,
} from "./optimize.ts";
export {
  datasetSummary,
  extractInstruction,
  type Proposal,
  reflectionMessages,
} from "./reflection.ts";
export {
  loadState,
  type OptimizeCost,
  type OptimizeEvent,
  optimizeFiles,
  OptimizeResumeError,
  type OptimizeState,
} from "./records.ts";
export { type ExampleTrace, type OptimizeMetric, scoreBatch } from "./score_batch.ts";
