import assert from "node:assert/strict";
import { clippedSurrogate, groupAdvantages } from "./grpo_objective.ts";

const close = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) < tol, `${a} vs ${b}`);

Deno.test("groupAdvantages() centres rewards and scales by the sample std + 1e-4", () => {
  assert.deepEqual(groupAdvantages([1, 0, 0, 1], false), [0.5, -0.5, -0.5, 0.5]);
  const std = Math.sqrt(1 / 3); // sample std (n − 1) of [1, 0, 0, 1]
  groupAdvantages([1, 0, 0, 1], true).forEach((a, i) =>
    close(a, [0.5, -0.5, -0.5, 0.5][i]! / (std + 1e-4))
  );
  assert.deepEqual(groupAdvantages([0.3, 0.3, 0.3], true), [0, 0, 0]);
});

Deno.test("clippedSurrogate() clips the ratio outside [1 − ε, 1 + ε_high] and stops its gradient", () => {
  const settings = { epsilon: 0.2, epsilonHigh: 0.28, beta: 0 };
  const inside = clippedSurrogate({ logp: 0.1, oldLogp: 0, refLogp: 0, advantage: 2 }, settings);
  assert.equal(inside.clipped, false);
  close(inside.dLogp, -2 * Math.exp(0.1));
  const high = clippedSurrogate({ logp: 0.5, oldLogp: 0, refLogp: 0, advantage: 2 }, settings);
  assert.equal(high.clipped, true);
  close(high.loss, -2 * 1.28);
  assert.equal(high.dLogp, 0);
  const low = clippedSurrogate({ logp: -0.5, oldLogp: 0, refLogp: 0, advantage: -1 }, settings);
  assert.equal(low.clipped, true);
  close(low.loss, 0.8);
  const lowPositive = clippedSurrogate(
    { logp: -0.5, oldLogp: 0, refLogp: 0, advantage: 1 },
    settings,
  );
  assert.equal(lowPositive.clipped, false, "a worse ratio with positive advantage is not clipped");
});

Deno.test("clippedSurrogate() adds β·k3 KL whose derivative pulls logp toward the reference", () => {
  const settings = { epsilon: 0.2, epsilonHigh: 0.28, beta: 0.5 };
  const at = (logp: number) =>
    clippedSurrogate({ logp, oldLogp: logp, refLogp: -1, advantage: 0 }, settings);
  const out = at(-0.5);
  close(out.kl, Math.exp(-0.5) + 0.5 - 1);
  close(out.dLogp, (at(-0.5 + 1e-6).loss - at(-0.5 - 1e-6).loss) / 2e-6, 1e-6);
  assert.ok(out.dLogp > 0, "above the reference, descending lowers logp");
  assert.equal(at(-1).kl, 0);
});
