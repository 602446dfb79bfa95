/**
 * A bounded cache of prompt features: a GRPO group shares one prompt, and the server generates
 * and then trains on the same prompts, so features are computed once per prompt.
 *
 * @module
 */

import type { ChatMessage } from "../../protocol/mod.ts";
import { DECISION_GROUPS, featureMask, SPAN_GROUPS } from "./feature_layout.ts";
import { type FeatureConfig, type PromptFeatures, promptFeatures } from "./prompt_features.ts";
import type { ExtractivePolicyConfig } from "./policy_options.ts";

/** Least-recently-used cache of {@link PromptFeatures}, keyed by the messages' JSON. */
export class FeatureCache {
  readonly #config: FeatureConfig;
  readonly #size: number;
  readonly #entries = new Map<string, PromptFeatures>();

  /** Creates an empty cache for the policy's feature settings. */
  constructor(config: ExtractivePolicyConfig) {
    this.#config = {
      maxSpanLength: config.maxSpanLength,
      maxCandidates: config.maxCandidates,
      relativeDates: config.relativeDates,
      spanMask: featureMask(SPAN_GROUPS, config.disabledFeatureGroups),
      decisionMask: featureMask(DECISION_GROUPS, config.disabledFeatureGroups),
      yesNo: !config.disabledFeatureGroups.includes("yesno"),
    };
    this.#size = config.cacheSize;
  }

  /** The features of `messages`, computed on first use. */
  get(messages: readonly ChatMessage[]): PromptFeatures {
    const key = JSON.stringify(messages);
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const features = promptFeatures(messages, this.#config);
    this.#entries.set(key, features);
    if (this.#entries.size > this.#size) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    return features;
  }
}
