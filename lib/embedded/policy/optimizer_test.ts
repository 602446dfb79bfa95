import assert from "node:assert/strict";
import { clipGradNorm, initialOptimizerState, optimizerStep } from "./optimizer.ts";

Deno.test("clipGradNorm() rescales to the threshold and returns the norm before", () => {
  const g = Float64Array.from([3, 4]);
  assert.equal(clipGradNorm(g, 1), 5);
  assert.ok(Math.abs(Math.hypot(g[0]!, g[1]!) - 1) < 1e-6);
  const h = Float64Array.from([3, 4]);
  clipGradNorm(h, 0);
  assert.deepEqual([...h], [3, 4]);
});

Deno.test("optimizerStep() descends: SGD by lr·g, Adam by about lr per coordinate", () => {
  const adam = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
  const sgd = Float64Array.from([1, 1]);
  optimizerStep("sgd", sgd, Float64Array.from([2, -1]), initialOptimizerState(2), {
    lr: 0.1,
    adam,
  });
  assert.deepEqual([...sgd].map((x) => +x.toFixed(12)), [0.8, 1.1]);
  const theta = Float64Array.from([1, 1]);
  const state = initialOptimizerState(2);
  optimizerStep("adam", theta, Float64Array.from([2, -1]), state, { lr: 0.1, adam });
  assert.ok(Math.abs(theta[0]! - 0.9) < 1e-6 && Math.abs(theta[1]! - 1.1) < 1e-6);
  assert.equal(state.t, 1);
});

Deno.test("optimizerStep() scales each parameter's step by lrScale (parameter groups)", () => {
  const adam = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
  const theta = Float64Array.from([1, 1]);
  optimizerStep("adam", theta, Float64Array.from([2, 2]), initialOptimizerState(2), {
    lr: 0.1,
    adam,
    lrScale: Float64Array.from([0.25, 1]),
  });
  assert.ok(Math.abs(theta[0]! - 0.975) < 1e-6 && Math.abs(theta[1]! - 0.9) < 1e-6);
});
