import assert from "node:assert/strict";
import { headInitializeBody, midInitializeBody } from "./initialize_body.ts";
import type { TrainerSettings } from "./trainer_settings.ts";

/** The seed guide's settings as memgrpo's GRPO run resolves them (lib/grpo builds them). */
const SEED: TrainerSettings = {
  model: "Qwen/Qwen2.5-3B",
  numGenerations: 8,
  temperature: 1,
  maxSteps: 2000,
  perDeviceTrainBatchSize: 2,
  gradientAccumulationSteps: 4,
  learningRate: 2e-5,
  lrSchedulerType: "constant_with_warmup",
  warmupSteps: 10,
  beta: 0.04,
  lora: {
    r: 64,
    alpha: 16,
    dropout: 0.05,
    targetModules: ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
  },
  bf16: true,
  maxPromptLength: 4096,
  maxCompletionLength: 512,
  maxSeqLen: 4608,
  gradientCheckpointing: true,
  scaleRewards: true,
  maxGradNorm: 1,
  lossType: "dapo",
  loggingSteps: 10,
  logCompletions: true,
  numInferenceGpus: 1,
  numTrainingGpus: 2,
  runName: null,
};

Deno.test("headInitializeBody() carries the seed's GRPO settings in HEAD's field names", () => {
  const body = headInitializeBody(SEED);
  assert.equal(body.model, "Qwen/Qwen2.5-3B");
  const tc = body.trainer_config as Record<string, unknown>;
  assert.equal(tc.per_device_train_batch_size, 2);
  assert.equal(tc.gradient_accumulation_steps, 4);
  assert.equal(tc.learning_rate, 2e-5);
  assert.equal(tc.lr_scheduler_type, "constant_with_warmup");
  assert.equal(tc.beta, 0.04);
  assert.equal(tc.bf16, true);
  assert.equal(tc.max_prompt_length, 4096);
  assert.equal(tc.max_completion_length, 512);
  assert.equal(tc.max_seq_len, 4608);
  assert.deepEqual(
    Object.keys(tc.lora_config as object).sort(),
    ["lora_alpha", "lora_dropout", "r", "target_modules"],
  );
  assert.equal((tc.lora_config as { r: number }).r, 64);
  assert.equal((tc.lora_config as { lora_alpha: number }).lora_alpha, 16);
  assert.deepEqual(body.inference_config, {
    model: "Qwen/Qwen2.5-3B",
    max_seq_len: 4608,
    num_gpus: 1,
  });
  assert.equal("run_name" in body, false, "no run_name unless asked (same-day id collisions)");
});

Deno.test("headInitializeBody() refuses a group size HEAD's trainer would hang on", () => {
  const settings = { ...SEED, numGenerations: 4 };
  assert.throws(() => headInitializeBody(settings), /numGenerations 4 must be ≥ .* = 8/);
});

Deno.test("midInitializeBody() is flat, uses lora: true and max_context_length", () => {
  const body = midInitializeBody(SEED);
  assert.equal(body.lora, true);
  assert.equal(body.max_context_length, 4608);
  assert.equal(body.suffix, "memgrpo");
  assert.equal("trainer_config" in body, false);
  assert.equal("max_steps" in body, false);
  assert.equal("lora_config" in body, false);
});
