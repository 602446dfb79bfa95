/**
 * A tiny deterministic policy for tests of the embedded server (never used for real training):
 * it answers with one word of the last user message, chosen by a softmax over per-word weights,
 * and its GRPO update is the plain policy gradient of those weights.
 *
 * @module
 */

import type {
  GenerateRequest,
  GrpoHyperparams,
  PolicyInit,
  PolicyState,
  StepStats,
  TrainablePolicy,
} from "../lib/embedded/mod.ts";
import type { ChatMessage } from "../mod.ts";
import type { GroupItem } from "../lib/protocol/mod.ts";

/** The `kind` tag of a fake policy's snapshot. */
export const FAKE_POLICY_KIND = "fake-word-policy";

function candidatesOf(messages: ChatMessage[]): string[] {
  const last = [...messages].reverse().find((m) => m.role === "user")?.content ?? "";
  const words = last.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return [...new Set(words)].slice(0, 32).concat(["none"]);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A word-choice policy with one weight per word. */
export class FakePolicy implements TrainablePolicy {
  /** Per-word logits (missing words weigh 0). */
  readonly weights: Map<string, number>;
  #globalStep: number;
  #accumulated: Map<string, number> = new Map();
  #groupsInStep = 0;

  /** Builds the policy, restoring `init.initialState` when given. */
  constructor(init: PolicyInit) {
    const state = init.initialState as { weights?: Record<string, number>; globalStep?: number };
    this.weights = new Map(Object.entries(state?.weights ?? {}));
    this.#globalStep = state?.globalStep ?? 0;
  }

  #probs(candidates: string[], temperature: number): number[] {
    const t = Math.max(temperature, 1e-6);
    const logits = candidates.map((c) => (this.weights.get(c) ?? 0) / t);
    const max = Math.max(...logits);
    const exps = logits.map((l) => Math.exp(l - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => e / sum);
  }

  /** Samples `n` one-word answers (greedy at temperature 0, first word wins ties). */
  generate(request: GenerateRequest): string[] {
    const candidates = candidatesOf(request.messages);
    if (request.temperature === 0) {
      let best = 0;
      candidates.forEach((c, i) => {
        if ((this.weights.get(c) ?? 0) > (this.weights.get(candidates[best]!) ?? 0)) best = i;
      });
      return Array.from({ length: request.n }, () => candidates[best]!);
    }
    const probs = this.#probs(candidates, request.temperature);
    const random = mulberry32(request.seed ?? 0);
    return Array.from({ length: request.n }, () => {
      let u = random();
      for (let i = 0; i < probs.length; i++) {
        u -= probs[i]!;
        if (u <= 0) return candidates[i]!;
      }
      return candidates[candidates.length - 1]!;
    });
  }

  /** Policy-gradient update on one group with group-normalised advantages. */
  train(group: GroupItem[], hp: GrpoHyperparams): StepStats {
    const rewards = group.map((item) => item.reward);
    const mean = rewards.reduce((a, b) => a + b, 0) / rewards.length;
    const std = Math.sqrt(
      rewards.reduce((a, r) => a + (r - mean) ** 2, 0) / Math.max(1, rewards.length - 1),
    );
    const advantages = rewards.map((r) => hp.scaleRewards ? (r - mean) / (std + 1e-4) : r - mean);
    let loss = 0;
    group.forEach((item, i) => {
      const candidates = candidatesOf(item.messages);
      const probs = this.#probs(candidates, hp.temperature);
      const chosen = candidates.indexOf(item.completion.content.trim().toLowerCase());
      if (chosen < 0) return;
      const a = advantages[i]!;
      loss -= (a * Math.log(probs[chosen]!)) / group.length;
      candidates.forEach((c, k) => {
        const grad = (-a * ((k === chosen ? 1 : 0) - probs[k]!)) / hp.temperature / group.length;
        this.#accumulated.set(c, (this.#accumulated.get(c) ?? 0) + grad);
      });
    });
    for (const [word, w] of this.weights) {
      this.#accumulated.set(word, (this.#accumulated.get(word) ?? 0) + hp.beta * w);
    }
    const kl = [...this.weights.values()].reduce((a, w) => a + 0.5 * w * w, 0);
    this.#groupsInStep += 1;
    const gradNorm = Math.sqrt([...this.#accumulated.values()].reduce((a, g) => a + g * g, 0));
    const optimizerStep = this.#groupsInStep >= hp.groupsPerStep;
    if (optimizerStep) {
      const scale = hp.maxGradNorm > 0 && gradNorm > hp.maxGradNorm ? hp.maxGradNorm / gradNorm : 1;
      for (const [word, g] of this.#accumulated) {
        this.weights.set(word, (this.weights.get(word) ?? 0) - hp.learningRate * scale * g);
      }
      this.#accumulated.clear();
      this.#groupsInStep = 0;
      this.#globalStep += 1;
    }
    return {
      loss,
      kl,
      gradNorm: optimizerStep ? gradNorm : 0,
      rewardMean: mean,
      rewardStd: std,
      advantages,
      optimizerStep,
      globalStep: this.#globalStep,
    };
  }

  /** The weights and step count. */
  snapshot(): PolicyState {
    return {
      kind: FAKE_POLICY_KIND,
      weights: Object.fromEntries(this.weights),
      globalStep: this.#globalStep,
    };
  }
}

/** A `PolicyFactory` building {@link FakePolicy} instances. */
export function createFakePolicy(init: PolicyInit): TrainablePolicy {
  return new FakePolicy(init);
}
