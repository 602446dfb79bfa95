/**
 * How the embedded server obtains policies: an injected factory, so the server never depends on
 * one policy implementation.
 *
 * @module
 */

import type { PolicyState, TrainablePolicy } from "./policy_types.ts";

/** What the server passes to a {@link PolicyFactory}. */
export interface PolicyInit {
  /** The model name the policy stands for (prefixes stripped), e.g. `Qwen/Qwen2.5-1.5B-Instruct`. */
  model: string;
  /** Seed for initial weights and sampling; the same seed gives the same untrained policy. */
  seed: number;
  /** A snapshot from `TrainablePolicy.snapshot()` to restore (a checkpoint's `policy.json`). */
  initialState?: PolicyState;
}

/** Builds (or restores, given `initialState`) a policy. */
export type PolicyFactory = (init: PolicyInit) => TrainablePolicy;
