import assert from "node:assert/strict";
import { lrFactor, type LrSchedule } from "./lr_schedule.ts";

const schedule = (type: LrSchedule["type"], warmupSteps = 10, totalSteps: number | null = 110) => ({
  type,
  warmupSteps,
  totalSteps,
});

Deno.test("lrFactor() warms up linearly from 0, as Hugging Face's schedulers do", () => {
  for (const type of ["constant_with_warmup", "linear", "cosine"] as const) {
    assert.equal(lrFactor(schedule(type), 0), 0, type);
    assert.equal(lrFactor(schedule(type), 5), 0.5, type);
    assert.equal(lrFactor(schedule(type), 10), 1, type);
  }
  assert.equal(lrFactor(schedule("constant"), 0), 1, "constant ignores the warm-up");
});

Deno.test("lrFactor() decays linear and cosine schedules to 0 at totalSteps", () => {
  assert.equal(lrFactor(schedule("linear"), 60), 0.5);
  assert.equal(lrFactor(schedule("linear"), 110), 0);
  assert.ok(Math.abs(lrFactor(schedule("cosine"), 60) - 0.5) < 1e-12);
  assert.equal(lrFactor(schedule("cosine"), 200), 0);
  assert.equal(lrFactor(schedule("constant_with_warmup"), 1000), 1);
  assert.equal(lrFactor(schedule("linear", 0, null), 1000), 1, "no decay without a total");
});
