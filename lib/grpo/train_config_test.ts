import assert from "node:assert/strict";
import { join } from "node:path";
import { RUN_FILES, RunDirError, RunRecords } from "./run_records.ts";
import { SettingError } from "./setting_rules.ts";
import {
  DEFAULT_TRAIN_CONFIG,
  resolveTrainConfig,
  ResumeConflictError,
  resumeTrainConfig,
} from "./train_config.ts";
import { TRAIN_SETTINGS } from "./train_settings.ts";
import { trainerSettingsFor } from "./trainer_settings.ts";

Deno.test("resolveTrainConfig() checks every value against the table, naming the flag", () => {
  assert.throws(
    () => resolveTrainConfig({ beta: -1 }),
    /^SettingError: --beta must be ≥ 0; got -1$/,
  );
  assert.throws(() => resolveTrainConfig({ model: "" }), SettingError);
  assert.throws(() => resolveTrainConfig({ learningRate: 0 }), /--learning-rate must be > 0/);
  assert.throws(() => resolveTrainConfig({ numTrainSteps: 1.5 }), /--num-train-steps .*integer/);
  assert.throws(() => resolveTrainConfig({ numGenerations: 1 }), /--num-generations/);
  assert.throws(
    () => resolveTrainConfig({ numGenerations: 3 }),
    /--num-generations 3 must divide .* = 16/,
  );
  assert.throws(() => resolveTrainConfig({ trainingGpus: "1,x" }), /--training-gpus/);
  assert.throws(
    () => resolveTrainConfig({ judge: "llm", judgeModel: "m", model: "m" }),
    /--judge-model .*--allow-same-judge/,
  );
  assert.throws(
    () => resolveTrainConfig({ backend: "gpu" as never }),
    /--backend must be one of arbor, embedded/,
  );
});

Deno.test("DEFAULT_TRAIN_CONFIG is the table's defaults", () => {
  for (const [key, row] of Object.entries(TRAIN_SETTINGS)) {
    assert.equal(DEFAULT_TRAIN_CONFIG[key as keyof typeof DEFAULT_TRAIN_CONFIG], row.default);
  }
  assert.deepEqual(resolveTrainConfig(), DEFAULT_TRAIN_CONFIG);
});

Deno.test("trainerSettingsFor() feeds the table's arbor rows and the fixed settings", () => {
  const s = trainerSettingsFor(resolveTrainConfig({ model: "openai/arbor:Qwen/Qwen2.5-3B" }));
  assert.equal(s.model, "Qwen/Qwen2.5-3B");
  assert.equal(s.maxSteps, 500 * 4);
  assert.equal(s.beta, 0.04);
  assert.equal(s.learningRate, 2e-5);
  assert.deepEqual([s.numInferenceGpus, s.numTrainingGpus], [1, 2]);
  assert.equal(s.lora?.r, 64);
  assert.equal(s.lora?.alpha, 16);
  assert.equal(s.lora?.dropout, 0.05);
  assert.equal(s.maxSeqLen, 4608);
  assert.equal(s.lossType, "dapo");
  assert.equal(s.runName, null);
  assert.equal(trainerSettingsFor(resolveTrainConfig(), { model: "ckpt/x" }).model, "ckpt/x");
  assert.throws(() => trainerSettingsFor(resolveTrainConfig(), { runName: "a/b" }), RangeError);
});

Deno.test("resumeTrainConfig() applies safe flags, refuses the others, ignores equal ones", () => {
  const recorded = { ...resolveTrainConfig({ numTrainSteps: 60, beta: 0.1 }), runDir: "runs/x" };
  const { resume: _r, ...stored } = recorded;
  const same = resumeTrainConfig(stored, { beta: 0.1 }, { resume: "runs/x" });
  assert.equal(same.config.numTrainSteps, 60);
  assert.deepEqual(same.applied, []);
  assert.equal(same.config.resume, "runs/x");

  const more = resumeTrainConfig(stored, { numTrainSteps: 250 }, { resume: "runs/x" });
  assert.equal(more.config.numTrainSteps, 250);
  assert.equal(more.config.beta, 0.1);
  assert.deepEqual(more.applied, [{ flag: "--num-train-steps", from: 60, to: 250 }]);

  assert.throws(
    () => resumeTrainConfig(stored, { beta: 0.04 }, { resume: "runs/x" }),
    (e: unknown) =>
      e instanceof ResumeConflictError && e.flag === "--beta" &&
      e.message ===
        "--beta differs from the run being resumed (0.1 there, 0.04 here); drop it or start a new run",
  );
  assert.throws(
    () => resumeTrainConfig(stored, { numTrainSteps: -3 }, { resume: "runs/x" }),
    /--num-train-steps must be an integer ≥ 1; got -3/,
  );
  // A run recorded before a setting existed gets its default.
  const { concurrency: _c, ...older } = stored;
  assert.equal(resumeTrainConfig(older, {}, { resume: "runs/x" }).config.concurrency, 8);
});

Deno.test("resumeTrainConfig() blames a bad recorded value on config.json and its key, not on a flag", () => {
  const { resume: _r, ...stored } = { ...resolveTrainConfig({}), runDir: "runs/x" };
  assert.throws(
    () => resumeTrainConfig({ ...stored, beta: -1 }, {}, { resume: "runs/x" }),
    (e: unknown) =>
      e instanceof RunDirError && e.runDir === "runs/x" &&
      e.message ===
        'cannot resume runs/x: runs/x/config.json is damaged: "beta" (--beta) must be ≥ 0; ' +
          "got -1; restore it or start a new run without --resume",
  );
  assert.throws(
    () => resumeTrainConfig({ ...stored, numGenerations: "eight" }, {}, { resume: "runs/x" }),
    /config\.json is damaged: "numGenerations" \(--num-generations\) must be an integer/,
  );
});

Deno.test("RunRecords.read() names the run file that is not valid JSON or not an object", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, RUN_FILES.state), '{"completedStep": 3}');
    await Deno.writeTextFile(join(dir, RUN_FILES.config), '{"beta": ');
    await assert.rejects(
      () => RunRecords.read(dir),
      (e: unknown) =>
        e instanceof RunDirError &&
        e.message.startsWith(
          `cannot resume ${dir}: ${join(dir, "config.json")} is not valid JSON (`,
        ),
    );
    await Deno.writeTextFile(join(dir, RUN_FILES.config), "[1]");
    await assert.rejects(() => RunRecords.read(dir), /config\.json is not a JSON object/);
    await Deno.remove(join(dir, RUN_FILES.state));
    await assert.rejects(() => RunRecords.read(dir), /no readable state\.json/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
