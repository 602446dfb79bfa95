/**
 * The policy factory the CLI and notebooks use by default: the trainable extractive policy,
 * restored from a checkpoint's snapshot when one is given.
 *
 * @module
 */

import { createExtractivePolicy, restorePolicy } from "./policy/extractive_policy.ts";
import type { PolicyInit } from "./policy_factory.ts";
import type { TrainablePolicy } from "./policy_types.ts";

/**
 * Builds the extractive policy for a job or a served model: fresh from `init.seed`, or restored
 * from `init.initialState` (a checkpoint's `policy.json`). The model name does not change the
 * policy (it has no pretrained weights).
 */
export function createDefaultPolicy(init: PolicyInit): TrainablePolicy {
  if (init.initialState !== undefined) return restorePolicy(init.initialState);
  return createExtractivePolicy({ seed: init.seed });
}
