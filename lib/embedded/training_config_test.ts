import assert from "node:assert/strict";
import { TrainerConfigError } from "./errors.ts";
import type { HeadInitializeBody } from "../protocol/mod.ts";
import { resolveHeadTraining, resolveMidTraining } from "./training_config.ts";

function head(trainer: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const raw = { model: "m", trainer_config: trainer, inference_config: { model: "m" }, ...extra };
  return resolveHeadTraining(raw as unknown as HeadInitializeBody, raw);
}

Deno.test("resolveHeadTraining() applies ArborGRPOConfig defaults to unsent fields", () => {
  const config = head({ max_steps: 10 });
  assert.equal(config.numGenerations, 8);
  assert.equal(config.maxSteps, 10);
  assert.deepEqual(config.hyperparams, {
    learningRate: 1e-6,
    beta: 0.001,
    scaleRewards: false,
    maxGradNorm: 1,
    groupsPerStep: 1,
    lrSchedule: { type: "linear", warmupSteps: 0, totalSteps: 10 },
    epsilon: 0.2,
    epsilonHigh: 0.28,
    temperature: 1,
  });
  assert.deepEqual(config.ignoredFields, []);
});

Deno.test("resolveHeadTraining() lists sent fields it cannot honour, with dotted names", () => {
  const config = head(
    { max_steps: 1, bf16: true, learning_rate: 0.1, max_completion_length: 64 },
    { gpu_config: { type: "multi", multi: { num_inference_gpus: 1, num_training_gpus: 1 } } },
  );
  assert.deepEqual(config.ignoredFields, [
    "trainer_config.bf16",
    "trainer_config.max_completion_length",
    "gpu_config",
  ]);
});

Deno.test("resolveHeadTraining() refuses a G that does not divide the generation batch", () => {
  assert.throws(() => head({ max_steps: 1, num_generations: 3 }), (error: unknown) => {
    assert.ok(error instanceof TrainerConfigError);
    assert.equal(error.field, "trainer_config.generation_batch_size");
    assert.equal(error.value, 8);
    return true;
  });
  assert.equal(
    head({ max_steps: 1, num_generations: 3, generation_batch_size: 9 }).numGenerations,
    3,
  );
});

Deno.test("resolveHeadTraining() needs max_completion_length above the soft penalty length", () => {
  assert.throws(
    () => head({ max_steps: 1, soft_completion_penalty_length: 10 }),
    /soft_completion_penalty_length = 10: needs max_completion_length > it \(got null\)/,
  );
});

Deno.test("resolveMidTraining() uses mid-2025 TRL defaults and lists unknown fields as ignored", () => {
  const raw = { model: "m", num_generations: 4, lora: false, mystery: 1 };
  const config = resolveMidTraining(raw, raw);
  assert.equal(config.maxSteps, null);
  assert.equal(config.hyperparams.beta, 0.04);
  assert.equal(config.hyperparams.scaleRewards, true);
  assert.deepEqual(config.ignoredFields, ["lora", "mystery"]);
});

Deno.test("resolveHeadTraining() takes one group per optimizer step, as Arbor 2025.11 does", () => {
  const config = head({
    max_steps: 400,
    num_generations: 8,
    per_device_train_batch_size: 2,
    gradient_accumulation_steps: 4,
    lr_scheduler_type: "constant_with_warmup",
    warmup_steps: 10,
  });
  assert.equal(config.hyperparams.groupsPerStep, 1);
  assert.deepEqual(config.hyperparams.lrSchedule, {
    type: "constant_with_warmup",
    warmupSteps: 10,
    totalSteps: 400,
  });
  assert.deepEqual(config.ignoredFields, ["trainer_config.per_device_train_batch_size"]);
});

Deno.test("resolveHeadTraining() runs a scheduler it does not know at a constant rate and says so", () => {
  const config = head({ max_steps: 5, lr_scheduler_type: "polynomial" });
  assert.equal(config.hyperparams.lrSchedule.type, "constant");
  assert.deepEqual(config.ignoredFields, ["trainer_config.lr_scheduler_type"]);
});

Deno.test("resolveMidTraining() sizes optimizer steps as TRL does (per-device batch × accumulation)", () => {
  const mid = (body: Record<string, unknown>) => resolveMidTraining({ model: "m", ...body }, body);
  const guide = mid({ per_device_train_batch_size: 2, gradient_accumulation_steps: 4 });
  assert.equal(guide.hyperparams.groupsPerStep, 1);
  const twoGroups = mid({ per_device_train_batch_size: 8, gradient_accumulation_steps: 2 });
  assert.equal(twoGroups.hyperparams.groupsPerStep, 2);
  const linear = mid({ lr_scheduler_type: "linear" });
  assert.equal(linear.hyperparams.lrSchedule.type, "constant", "no max_steps to decay over");
  assert.deepEqual(linear.ignoredFields, ["lr_scheduler_type"]);
  const warm = mid({ lr_scheduler_type: "constant_with_warmup" });
  assert.deepEqual(warm.hyperparams.lrSchedule, {
    type: "constant_with_warmup",
    warmupSteps: 0,
    totalSteps: null,
  });
  assert.deepEqual(warm.ignoredFields, []);
});
