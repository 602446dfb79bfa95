/**
 * The contract between the embedded Arbor-compatible server and the trainable policy it serves.
 *
 * The server speaks HTTP (both Arbor dialects) and owns jobs, batching, checkpoint files and
 * validation; the policy owns generation, log-probabilities and the GRPO update. A policy sees
 * only what a real LM sees: the chat messages.
 *
 * @module
 */

import type { ChatMessage, GroupItem } from "../protocol/mod.ts";
import type { LrSchedule } from "./lr_schedule.ts";

/** A generation request (one chat completion, possibly `n` samples). */
export interface GenerateRequest {
  /** The prompt messages. */
  messages: ChatMessage[];
  /** Sampling temperature; 0 means greedy with a fixed tie-break rule. */
  temperature: number;
  /** Upper bound on completion length in tokens (whitespace tokens are fine for the policy). */
  maxTokens: number;
  /** Number of samples to return. */
  n: number;
  /** Seed for sampling; the same seed, messages and weights give the same samples. */
  seed?: number;
}

/** GRPO hyper-parameters the policy's update honours (already resolved; no optional fields). */
export interface GrpoHyperparams {
  /** Step size. */
  learningRate: number;
  /** KL penalty weight to the frozen reference policy. */
  beta: number;
  /** Divide centred rewards by the group's sample std (+1e-4). */
  scaleRewards: boolean;
  /** Gradient-norm clipping threshold (`<= 0` disables clipping). */
  maxGradNorm: number;
  /**
   * Groups per optimizer step, as the real trainer batches them: 1 for Arbor 2025.11 (one
   * group is one trainer batch, split over ranks and gradient-accumulation micro-batches); for
   * 2025.06's TRL sizing, `per_device_train_batch_size × gradient_accumulation_steps /
   * num_generations` (one training process).
   */
  groupsPerStep: number;
  /** The learning-rate schedule over optimizer steps. */
  lrSchedule: LrSchedule;
  /** Lower clip range of the policy ratio (1 − epsilon). */
  epsilon: number;
  /** Upper clip range of the policy ratio (1 + epsilonHigh). */
  epsilonHigh: number;
  /** Sampling temperature used for the rollouts (log-probs are computed at it). */
  temperature: number;
}

/** What one group's update reports. */
export interface StepStats {
  /** The surrogate loss (to be minimised). */
  loss: number;
  /** Mean KL estimate to the reference policy over the group. */
  kl: number;
  /** Gradient norm before clipping (0 when no optimizer step ran). */
  gradNorm: number;
  /** Mean reward of the group. */
  rewardMean: number;
  /** Sample std of the group's rewards. */
  rewardStd: number;
  /** Advantages in item order. */
  advantages: number[];
  /** Whether an optimizer step was taken (a step may span several groups). */
  optimizerStep: boolean;
  /** Optimizer steps taken so far. */
  globalStep: number;
}

/** A JSON-serialisable snapshot of a policy (weights plus whatever config it needs). */
export type PolicyState = Record<string, unknown>;

/** A policy the embedded server can serve and train. */
export interface TrainablePolicy {
  /** Samples `n` completions for the messages. */
  generate(request: GenerateRequest): string[];
  /**
   * Applies one GRPO group (one `/step` batch, items as on the wire); defers the optimizer step
   * until `groupsPerStep` groups have arrived.
   */
  train(group: GroupItem[], hyperparams: GrpoHyperparams): StepStats;
  /** The current weights and config, JSON-serialisable, for checkpoints. */
  snapshot(): PolicyState;
}

/** What the server passes to a {@link PolicyFactory}. */
export interface PolicyInit {
  /** The model name the policy stands for (prefixes stripped), e.g. `Qwen/Qwen2.5-1.5B-Instruct`. */
  model: string;
  /** Seed for initial weights and sampling; the same seed gives the same untrained policy. */
  seed: number;
  /** A snapshot from `TrainablePolicy.snapshot()` to restore (a checkpoint's `policy.json`). */
  initialState?: PolicyState;
}

/**
 * Builds (or restores, given `initialState`) a policy. The server obtains policies only through
 * an injected factory, so it never depends on one policy implementation.
 */
export type PolicyFactory = (init: PolicyInit) => TrainablePolicy;
