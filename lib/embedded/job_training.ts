/**
 * The training settings of one job, as resolved from an `initialize` body.
 *
 * @module
 */

import type { GrpoHyperparams } from "./policy_types.ts";

/** The resolved training settings of one job. */
export interface JobTrainingConfig {
  /** Group size G: every `/step` batch must hold exactly this many items. */
  numGenerations: number;
  /** Optimizer steps after which the trainer stops requesting batches (`null`: unbounded). */
  maxSteps: number | null;
  /** Hyper-parameters passed to `TrainablePolicy.train`. */
  hyperparams: GrpoHyperparams;
  /** Reward shaping length L0 (`soft_completion_penalty_length`), or `null`. */
  softCompletionPenaltyLength: number | null;
  /** `max_completion_length` (whitespace tokens), or `null`. */
  maxCompletionLength: number | null;
  /** Dotted names of sent fields the embedded trainer accepts but cannot honour. */
  ignoredFields: string[];
}
