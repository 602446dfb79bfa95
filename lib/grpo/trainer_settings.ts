/**
 * The GRPO trainer settings memgrpo sends to Arbor's `initialize`, built from a checked
 * {@link TrainConfig}: every row of the settings table with an `arbor` field, plus the few
 * settings no flag sets. Arbor's client takes the result as it is (it neither defaults nor checks).
 *
 * @module
 */

import { parseGpuIds, type TrainerSettings } from "../arbor/mod.ts";
import { arborModelName } from "../protocol/mod.ts";
import type { TrainConfig } from "./train_config.ts";
import { TRAIN_SETTINGS, type TrainSetting } from "./train_settings.ts";

/** Trainer settings that no flag sets (DSPy's and Arbor's values). */
export const FIXED_TRAINER_SETTINGS: Readonly<
  Pick<
    TrainerSettings,
    | "lrSchedulerType"
    | "warmupSteps"
    | "gradientCheckpointing"
    | "scaleRewards"
    | "maxGradNorm"
    | "lossType"
    | "loggingSteps"
    | "logCompletions"
  > & { loraDropout: number; loraTargetModules: readonly string[] }
> = {
  lrSchedulerType: "constant_with_warmup",
  warmupSteps: 10,
  gradientCheckpointing: true,
  scaleRewards: true,
  maxGradNorm: 1.0,
  lossType: "dapo",
  loggingSteps: 10,
  logCompletions: true,
  loraDropout: 0.05,
  loraTargetModules: ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
};

/** How a row's value becomes its trainer setting, when not copied as is. */
const TO_TRAINER: Partial<Record<keyof TrainConfig, (config: TrainConfig) => unknown>> = {
  numTrainSteps: (c) => c.numTrainSteps * c.examplesPerStep,
  model: (c) => arborModelName(c.model),
  inferenceGpus: (c) => parseGpuIds(c.inferenceGpus, "--inference-gpus").length,
  trainingGpus: (c) => parseGpuIds(c.trainingGpus, "--training-gpus").length,
};

/** Options of {@link trainerSettingsFor}. */
export interface TrainerSettingsForOptions {
  /** The model to start from instead of `config.model` (a checkpoint, on resume). Default: none. */
  model?: string;
  /** Arbor run name (HEAD `run_name`, 2025.06 `suffix`). Default: `null` (Arbor picks one). */
  runName?: string | null;
}

/**
 * The trainer settings sent to Arbor's `initialize`: every table row with an `arbor` field,
 * plus {@link FIXED_TRAINER_SETTINGS}. `config` must come from `resolveTrainConfig` (checked).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveTrainConfig } from "./train_config.ts";
 * import { trainerSettingsFor } from "./trainer_settings.ts";
 * const settings = trainerSettingsFor(resolveTrainConfig({ numTrainSteps: 10 }));
 * assert.ok(settings.maxSteps === 40 && settings.beta === 0.04);
 * ```
 */
export function trainerSettingsFor(
  config: TrainConfig,
  options: TrainerSettingsForOptions = {},
): TrainerSettings {
  const source = options.model === undefined ? config : { ...config, model: options.model };
  const { loraDropout, loraTargetModules, ...fixed } = FIXED_TRAINER_SETTINGS;
  const lora: Record<string, unknown> = {
    dropout: loraDropout,
    targetModules: [...loraTargetModules],
  };
  const fed: Record<string, unknown> = {};
  for (
    const [key, row] of Object.entries(TRAIN_SETTINGS) as [
      keyof TrainConfig,
      TrainSetting<unknown>,
    ][]
  ) {
    if (row.arbor === undefined) continue;
    const value = TO_TRAINER[key]?.(source) ?? source[key];
    if (row.arbor.startsWith("lora.")) lora[row.arbor.slice(5)] = value;
    else fed[row.arbor] = value;
  }
  const settings = {
    ...fixed,
    ...fed,
    lora,
    maxSeqLen: source.maxPromptLength + source.maxCompletionLength,
    runName: options.runName ?? null,
  };
  if (settings.runName !== null && !/^[A-Za-z0-9._-]+$/.test(settings.runName)) {
    throw new RangeError(
      `runName must be letters, digits, ".", "_" or "-" (it becomes part of a path); ` +
        `got ${JSON.stringify(settings.runName)}`,
    );
  }
  return settings as unknown as TrainerSettings;
}
