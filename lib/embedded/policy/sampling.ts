/**
 * Drawing an action from the policy: first answer-or-abstain, then the answer's form (span or
 * yes/no) and which candidate. Temperature divides the logits; temperature 0 is greedy (answer
 * when the decision logit is ≥ 0; yes/no when the form logit is > 0; the highest-scoring
 * candidate of the form, ties going to the earliest).
 *
 * @module
 */

import { distribution, type PolicyAction } from "./log_linear.ts";
import { ABSTAIN_TEXT } from "./policy_options.ts";
import type { PromptFeatures } from "./prompt_features.ts";
import type { SeededRng } from "../../random/mod.ts";

/**
 * Samples one action. Always draws two uniforms (decision, span), so the `k`-th sample of a
 * seeded stream does not depend on earlier decisions.
 */
export function samplePolicy(
  pf: PromptFeatures,
  theta: Float64Array,
  temperature: number,
  rng: SeededRng,
): PolicyAction {
  const greedy = temperature <= 0;
  const dist = distribution(pf, theta, greedy ? 1 : 1 / temperature);
  const u1 = rng.float();
  const u2 = rng.float();
  const n = pf.candidates.length;
  if (n === 0) return { abstain: true };
  if (greedy) {
    if (dist.decisionLogit < 0) return { abstain: true };
    const [from, to] = dist.formLogit > 0 ? [pf.spanCount, n] : [0, pf.spanCount];
    let best = from;
    for (let c = from + 1; c < to; c++) if (dist.logits[c]! > dist.logits[best]!) best = c;
    return { abstain: false, matches: [best] };
  }
  if (u1 >= dist.pAnswer) return { abstain: true };
  let acc = 0;
  for (let c = 0; c < n; c++) {
    acc += dist.probs[c]!;
    if (u2 < acc) return { abstain: false, matches: [c] };
  }
  return { abstain: false, matches: [n - 1] };
}

/** The completion text of an action, cut to `maxTokens` whitespace-separated words. */
export function completionFromAction(
  pf: PromptFeatures,
  action: PolicyAction,
  maxTokens: number,
): string {
  const text = action.abstain ? ABSTAIN_TEXT : pf.candidates[action.matches[0]!]!.text;
  return text.split(" ").slice(0, Math.max(1, maxTokens)).join(" ");
}
