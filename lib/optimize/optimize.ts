/**
 * The one entry point of both optimizers: {@link optimizeProgram} runs GEPA-style reflective
 * evolution (the default) or a MIPROv2-style search on a program in the saved-program format,
 * within a task-LM call budget, with records that a later call can resume.
 *
 * @module
 */

import type { SplitExample } from "../data/mod.ts";
import type { LmClient } from "../lm/mod.ts";
import type { MemoryBank, Program } from "../program/mod.ts";
import { createRng, rngFromState, type SeededRng } from "../random/mod.ts";
import { MetricBudget } from "./budget.ts";
import { bestCandidate, type Candidate, makeCandidate } from "./candidate.ts";
import {
  appendEvent,
  loadState,
  type OptimizeCost,
  type OptimizeEvent,
  type OptimizeState,
  saveState,
} from "./records.ts";
import { runGepa } from "./gepa.ts";
import { runMipro } from "./mipro.ts";
import { type ExampleTrace, scoreBatch } from "./score_batch.ts";

/** The optimizers. */
export type OptimizerKind = "gepa" | "mipro";

/** Every {@link OptimizerKind}; the first is the default. */
export const OPTIMIZERS: readonly OptimizerKind[] = ["gepa", "mipro"];

/** Progress after each iteration or trial. */
export interface OptimizeProgress {
  /** Task-LM calls so far. */
  metricCalls: number;
  /** The budget. */
  maxMetricCalls: number;
  /** Iterations (GEPA) or trials (MIPROv2-style) so far. */
  iteration: number;
  /** The best validation score so far. */
  bestScore: number;
  /** Candidates in the pool. */
  poolSize: number;
}

/** Options of {@link optimizeProgram}. */
export interface OptimizeOptions {
  /** `gepa` or `mipro`. Default: `"gepa"`. */
  optimizer?: "gepa" | "mipro";
  /** The task-LM call budget (every call counts); never exceeded. */
  maxMetricCalls: number;
  /** The task LM (the program answers with it). */
  taskLm: LmClient;
  /** The reflection LM (GEPA) or proposer LM (MIPROv2-style). */
  reflectionLm: LmClient;
  /** Memories of the conversations the examples are about. */
  memories: MemoryBank;
  /** The run folder (`optimize.jsonl`, `state.json`, `summary.json`). */
  runDir: string;
  /** Continue the run in `runDir` (its pool and budget use) instead of starting one. Default: `false`. */
  resume?: boolean;
  /** The metric: official F1, the judge's verdict, or their mean. Default: `"f1"`. */
  metric?: "f1" | "llm" | "both";
  /** The judge's client for `llm`/`both`. Default: `null`. */
  judgeLm?: LmClient | null;
  /** Also search the memory configuration (top-k, token cap, context mode). Default: `true`. */
  searchMemory?: boolean;
  /** Reflection minibatch size (GEPA). Default: 3. */
  minibatchSize?: number;
  /** Seed. Default: 0. */
  seed?: number;
  /** Candidates (MIPROv2-style). Default: 6. */
  numCandidates?: number;
  /** Secrets to redact. Default: none. */
  secrets?: readonly string[];
  /** Called after each iteration or trial. Default: none. */
  onProgress?: (progress: OptimizeProgress) => void;
  /** Receives events as they are recorded (the notebook shows them). Default: none. */
  onEvent?: (event: { type: string } & Record<string, unknown>) => void;
  /** Cancels (the state saved after the last iteration stays resumable). Default: none. */
  signal?: AbortSignal;
}

/** What {@link optimizeProgram} returns. */
export interface OptimizeResult {
  /** The best candidate (by mean validation score; the seed on ties). */
  best: Candidate;
  /** The seed candidate (its validation score is the starting point). */
  seed: Candidate;
  /** Every validated candidate. */
  pool: Candidate[];
  /** Best validation score against task-LM calls, one point per validated candidate. */
  curve: { metricCalls: number; bestScore: number }[];
  /** The cost. */
  cost: OptimizeCost;
  /** The run folder. */
  runDir: string;
}

/** What an optimizer's loop works with. */
export interface OptimizerRuntime {
  /** The options. */
  options:
    & Required<Pick<OptimizeOptions, "minibatchSize" | "searchMemory" | "numCandidates">>
    & OptimizeOptions;
  /** Training examples (reflection minibatches, demo bootstrapping). */
  train: readonly SplitExample[];
  /** Validation examples. */
  val: readonly SplitExample[];
  /** The budget. */
  budget: MetricBudget;
  /** The seeded generator. */
  rng: SeededRng;
  /** The state (its pool grows; saved by {@link OptimizerRuntime.checkpoint}). */
  state: OptimizeState;
  /** Scores a program on examples; the caller has reserved the calls. */
  score(program: Program, examples: readonly SplitExample[]): Promise<ExampleTrace[]>;
  /** Validates a program (reserving the calls); `null` when the budget cannot fit it. */
  validate(
    program: Program,
    lineage: Pick<Candidate, "parent" | "origin">,
  ): Promise<Candidate | null>;
  /** Records an event (with the cost so far). */
  record(event: OptimizeEvent): Promise<void>;
  /** Saves the state and reports progress. */
  checkpoint(): Promise<void>;
  /** Counts a proposal and whether it failed. */
  countProposal(failed: boolean): void;
}

function emptyCost(maxMetricCalls: number): OptimizeCost {
  return {
    metricCalls: 0,
    maxMetricCalls,
    taskPromptTokens: 0,
    taskCompletionTokens: 0,
    reflectionCalls: 0,
    reflectionTokens: 0,
    proposals: 0,
    failedProposals: 0,
    wallMs: 0,
  };
}

/** Best score against calls, from the pool in validation order. */
export function scoreCurve(pool: readonly Candidate[]): OptimizeResult["curve"] {
  let best = -Infinity;
  return [...pool].sort((a, b) => a.metricCalls - b.metricCalls).map((c) => {
    best = Math.max(best, c.valScore);
    return { metricCalls: c.metricCalls, bestScore: best };
  });
}

/**
 * Optimizes `seed` on `train`/`val`: GEPA-style (a Pareto-front parent, a reflection minibatch
 * of 3 with traces, the reflection LM rewrites the instructions, or a memory setting changes; a
 * child is kept only when its minibatch score is strictly higher, then validated) or
 * MIPROv2-style (bootstrapped demo sets × proposed instructions × memory configurations, minibatch
 * trials, periodic full validation). Task-LM calls never exceed `maxMetricCalls`; the seed is
 * validated first, so the best program's validation score is never below the seed's.
 *
 * @throws {RangeError} for a bad budget or empty example lists, or a budget too small to
 *   validate the seed.
 * @throws {OptimizeResumeError} when `resume` finds no state in `runDir`.
 */
export async function optimizeProgram(
  seed: Program,
  data: { train: readonly SplitExample[]; val: readonly SplitExample[] },
  options: OptimizeOptions,
): Promise<OptimizeResult> {
  const optimizer = options.optimizer ?? "gepa";
  if (!OPTIMIZERS.includes(optimizer)) {
    throw new TypeError(`optimizer must be one of ${OPTIMIZERS.join(", ")}, got ${optimizer}`);
  }
  if (data.train.length === 0 || data.val.length === 0) {
    throw new RangeError("optimizeProgram() needs training and validation examples");
  }
  const started = performance.now();
  const previous = options.resume ? await loadState(options.runDir) : null;
  const budget = new MetricBudget(options.maxMetricCalls, previous?.cost.metricCalls ?? 0);
  if (!previous && budget.limit < data.val.length) {
    throw new RangeError(
      `the budget of ${budget.limit} metric calls cannot validate the seed program on ` +
        `${data.val.length} validation examples; raise it or lower the validation size`,
    );
  }
  const state: OptimizeState = previous
    ? { ...previous, cost: { ...previous.cost, maxMetricCalls: budget.limit } }
    : {
      optimizer,
      iteration: 0,
      rng: createRng(options.seed ?? 0).state(),
      pool: [],
      cost: emptyCost(budget.limit),
      extra: {},
    };
  const rng = rngFromState(state.rng);
  const base = { ...state.cost };
  const usageOf = (lm: LmClient) => lm.usage();
  const updateCost = () => {
    const task = usageOf(options.taskLm);
    const refl = usageOf(options.reflectionLm);
    state.cost.metricCalls = budget.used;
    state.cost.taskPromptTokens = base.taskPromptTokens + task.promptTokens;
    state.cost.taskCompletionTokens = base.taskCompletionTokens + task.completionTokens;
    state.cost.reflectionCalls = base.reflectionCalls + refl.calls;
    state.cost.reflectionTokens = base.reflectionTokens + refl.promptTokens +
      refl.completionTokens;
    state.cost.wallMs = base.wallMs + (performance.now() - started);
  };
  const scoreCtx = {
    lm: options.taskLm,
    memories: options.memories,
    metric: options.metric ?? "f1",
    judgeLm: options.judgeLm ?? null,
    secrets: options.secrets ?? [],
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const rt: OptimizerRuntime = {
    options: { minibatchSize: 3, searchMemory: true, numCandidates: 6, ...options },
    train: data.train,
    val: data.val,
    budget,
    rng,
    state,
    score: (program, examples) => scoreBatch(program, examples, scoreCtx),
    async validate(program, lineage) {
      if (!budget.tryReserve(data.val.length)) return null;
      const traces = await scoreBatch(program, data.val, scoreCtx);
      const candidate = makeCandidate({
        id: state.pool.length,
        ...lineage,
        program,
        valScores: traces.map((t) => t.score),
        metricCalls: budget.used,
      });
      state.pool.push(candidate);
      return candidate;
    },
    async record(event) {
      updateCost();
      const full = { ...event, cost: { ...state.cost } };
      await appendEvent(options.runDir, full);
      options.onEvent?.(full);
    },
    async checkpoint() {
      updateCost();
      state.rng = rng.state();
      await saveState(options.runDir, state);
      options.onProgress?.({
        metricCalls: budget.used,
        maxMetricCalls: budget.limit,
        iteration: state.iteration,
        bestScore: bestCandidate(state.pool).valScore,
        poolSize: state.pool.length,
      });
    },
    countProposal(failed) {
      state.cost.proposals++;
      if (failed) state.cost.failedProposals++;
    },
  };
  if (state.pool.length === 0) {
    const seedCandidate = (await rt.validate(seed, { parent: null, origin: "seed" }))!;
    await rt.record({
      type: "seed",
      candidate: seedCandidate.id,
      valScore: seedCandidate.valScore,
      program: seed,
    });
    await rt.checkpoint();
  } else if (previous) {
    await rt.record({ type: "resume", iteration: state.iteration, pool: state.pool.length });
  }
  await (state.optimizer === "mipro" ? runMipro(rt) : runGepa(rt));
  updateCost();
  const best = bestCandidate(state.pool);
  const result: OptimizeResult = {
    best,
    seed: state.pool[0]!,
    pool: state.pool,
    curve: scoreCurve(state.pool),
    cost: { ...state.cost },
    runDir: options.runDir,
  };
  await rt.record({ type: "done", best: best.id, valScore: best.valScore });
  await saveState(options.runDir, state);
  return result;
}
