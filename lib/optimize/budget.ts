/**
 * The metric-call budget: how many task-LM calls an optimization may make (every call counts:
 * minibatches, validations, demo bootstrapping), DSPy's `auto` budgets, and the counter that
 * refuses a batch that would not fit, so the budget is never exceeded.
 *
 * @module
 */

/** DSPy's `auto` levels. */
export type AutoLevel = "light" | "medium" | "heavy";

/** Every {@link AutoLevel}, lightest first. */
export const AUTO_LEVELS: readonly AutoLevel[] = ["light", "medium", "heavy"];

const AUTO_CANDIDATES: Record<AutoLevel, number> = { light: 6, medium: 12, heavy: 18 };

/** What {@link autoBudget} returns. */
export interface AutoBudget {
  /** Instruction (and demo-set) candidates: 6, 12 or 18. */
  numCandidates: number;
  /** Minibatch trials: `max(4·p·log2(n), 1.5·n)` for `p` predictors and `n` candidates. */
  numTrials: number;
  /** The task-LM calls those trials need, with DSPy's full validations (the budget). */
  maxMetricCalls: number;
}

/**
 * DSPy's `auto` budget for `valSize` validation examples (GEPA's `auto_budget`, which MIPROv2's
 * `auto` settings share): one full validation of the seed, 5 bootstrap calls per candidate,
 * `numTrials` minibatches of 35 and a full validation every 5 trials. For 100 validation
 * examples and one predictor: 780 / 1,190 / 1,735 calls.
 *
 * @example
 * ```ts
 * import { autoBudget } from "./budget.ts";
 * console.assert(autoBudget("light", 100).maxMetricCalls === 780);
 * console.assert(autoBudget("heavy", 100).maxMetricCalls === 1735);
 * ```
 *
 * @throws {TypeError} for an unknown level. @throws {RangeError} for a bad `valSize`.
 */
export function autoBudget(
  level: AutoLevel,
  valSize: number,
  options: { predictors?: number; minibatchSize?: number; fullEvalSteps?: number } = {},
): AutoBudget {
  const n = AUTO_CANDIDATES[level];
  if (n === undefined) throw new TypeError(`auto must be one of ${AUTO_LEVELS.join(", ")}`);
  if (!Number.isSafeInteger(valSize) || valSize < 1) {
    throw new RangeError(`valSize must be a positive integer, got ${valSize}`);
  }
  const predictors = options.predictors ?? 1;
  const m = options.minibatchSize ?? 35;
  const steps = options.fullEvalSteps ?? 5;
  const numTrials = Math.trunc(Math.max(2 * (predictors * 2) * Math.log2(n), 1.5 * n));
  let total = valSize + n * 5 + numTrials * m;
  const periodic = Math.floor((numTrials + 1) / steps) + 1;
  total += (periodic + (numTrials < steps ? 1 : 0)) * valSize;
  return { numCandidates: n, numTrials, maxMetricCalls: total };
}

/**
 * Counts task-LM calls against a limit. A batch is reserved whole before it runs
 * ({@link MetricBudget.tryReserve}), so a batch that would not fit never starts.
 */
export class MetricBudget {
  /** The most calls allowed. */
  readonly limit: number;
  #used: number;

  /**
   * Builds a counter.
   *
   * @throws {RangeError} for a limit below 1 or a negative `used`.
   */
  constructor(limit: number, used = 0) {
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new RangeError(`the metric-call budget must be a positive integer, got ${limit}`);
    }
    if (!Number.isSafeInteger(used) || used < 0) throw new RangeError(`bad used count ${used}`);
    this.limit = limit;
    this.#used = used;
  }

  /** Calls reserved so far. */
  get used(): number {
    return this.#used;
  }

  /** Calls left. */
  get remaining(): number {
    return Math.max(0, this.limit - this.#used);
  }

  /** Reserves `calls` when they fit (returns `true`); otherwise reserves nothing. */
  tryReserve(calls: number): boolean {
    if (calls > this.remaining) return false;
    this.#used += calls;
    return true;
  }
}
