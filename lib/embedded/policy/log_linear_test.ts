import assert from "node:assert/strict";
import { DECISION_FEATURES, DECISION_GROUPS, featureMask, SPAN_GROUPS } from "./feature_layout.ts";
import {
  actionLogProb,
  distribution,
  FORM_OFFSET,
  PARAMETER_SIZE,
  type PolicyAction,
} from "./log_linear.ts";
import { promptFeatures } from "./prompt_features.ts";
import { priorWeights } from "./prior.ts";
import { testPrompt } from "./test_prompt.ts";

const config = {
  maxSpanLength: 5,
  maxCandidates: 1500,
  relativeDates: true,
  spanMask: featureMask(SPAN_GROUPS, []),
  decisionMask: featureMask(DECISION_GROUPS, []),
  yesNo: true,
};
const pf = promptFeatures(testPrompt(), config);

function checkGradient(
  action: PolicyAction,
  invT: number,
  minNonZero: number,
  prompt = pf,
): Float64Array {
  const theta = priorWeights("hand");
  for (let i = 0; i < theta.length; i++) theta[i] = theta[i]! + 0.1 * Math.sin(i * 1.7);
  const grad = new Float64Array(PARAMETER_SIZE);
  actionLogProb(prompt, distribution(prompt, theta, invT), invT, action, grad);
  const h = 1e-6;
  let checked = 0;
  for (let i = 0; i < PARAMETER_SIZE; i++) {
    const plus = Float64Array.from(theta);
    const minus = Float64Array.from(theta);
    plus[i] = plus[i]! + h;
    minus[i] = minus[i]! - h;
    const numeric = (actionLogProb(prompt, distribution(prompt, plus, invT), invT, action) -
      actionLogProb(prompt, distribution(prompt, minus, invT), invT, action)) / (2 * h);
    assert.ok(Math.abs(numeric - grad[i]!) < 1e-5, `param ${i}: ${numeric} vs ${grad[i]}`);
    if (grad[i] !== 0) checked++;
  }
  assert.ok(checked >= minNonZero, `only ${checked} non-zero partials`);
  return grad;
}

Deno.test("actionLogProb() gradient of an answer matches finite differences", () => {
  const matches = pf.candidates.flatMap((c, i) => (c.key === "2023" ? [i] : []));
  assert.ok(matches.length >= 2, "the answer text is shown by several candidates");
  checkGradient({ abstain: false, matches }, 1 / 0.7, 20);
});

Deno.test("actionLogProb() gradient of a yes/no answer and of a span beside it match finite differences", () => {
  const yesNo = promptFeatures(testPrompt("Did Ben's brother adopt two cats?"), config);
  const yes = yesNo.candidates.findIndex((c) => c.text === "Yes");
  assert.equal(yes, yesNo.spanCount);
  const formBias = FORM_OFFSET + DECISION_FEATURES.indexOf("bias");
  const g = checkGradient({ abstain: false, matches: [yes] }, 1, 3, yesNo);
  assert.ok(g[formBias]! > 0, "answering Yes raises the yes/no form");
  const span = yesNo.candidates.findIndex((c) => c.text === "two cats");
  const h = checkGradient({ abstain: false, matches: [span] }, 1, 20, yesNo);
  assert.ok(h[formBias]! < 0, "answering a span lowers the yes/no form");
});

Deno.test("actionLogProb() gradient of an abstention matches finite differences", () => {
  checkGradient({ abstain: true }, 1, 3);
});

Deno.test("distribution() makes abstention one decision, not one of the spans", () => {
  const d = distribution(pf, new Float64Array(PARAMETER_SIZE), 1);
  assert.equal(d.pAnswer, 0.5);
  const logAbstain = actionLogProb(pf, d, 1, { abstain: true });
  assert.ok(Math.abs(logAbstain - Math.log(0.5)) < 1e-12);
  const total = Math.exp(logAbstain) +
    pf.candidates.reduce(
      (a, _, i) => a + Math.exp(actionLogProb(pf, d, 1, { abstain: false, matches: [i] })),
      0,
    );
  assert.ok(Math.abs(total - 1) < 1e-9, `probabilities sum to ${total}`);
});
