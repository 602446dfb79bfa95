/**
 * The trainer's hyperparameter rows of the training settings table (`TRAIN_SETTINGS`):
 * rollout temperature, batch size, gradient accumulation, learning rate, KL β, LoRA, precision
 * and sequence lengths. Each feeds an Arbor trainer setting (`arbor`); `train_settings.ts`
 * spreads these rows into its table at their place in `--help` order.
 *
 * @module
 */

import type { TrainSetting } from "./train_settings.ts";
import type { TrainConfig } from "./train_config.ts";

/** The {@link TrainConfig} fields that are trainer hyperparameters. */
export type TrainerHyperparameter =
  | "temperature"
  | "perDeviceTrainBatchSize"
  | "gradientAccumulationSteps"
  | "learningRate"
  | "beta"
  | "loraR"
  | "loraAlpha"
  | "bf16"
  | "maxPromptLength"
  | "maxCompletionLength";

/** The rows of the trainer's hyperparameters, in `--help` order. */
export const TRAINER_HYPERPARAMETERS: {
  readonly [K in TrainerHyperparameter]: TrainSetting<TrainConfig[K]>;
} = {
  temperature: {
    flag: "temperature",
    type: "number",
    default: 1.0,
    above: 0,
    help: "rollout temperature (groups need diversity)",
    arbor: "temperature",
  },
  perDeviceTrainBatchSize: {
    flag: "per-device-train-batch-size",
    type: "int",
    default: 2,
    min: 1,
    help: "per-device batch size",
    arbor: "perDeviceTrainBatchSize",
  },
  gradientAccumulationSteps: {
    flag: "gradient-accumulation-steps",
    type: "int",
    default: 4,
    min: 1,
    help: "gradient accumulation",
    arbor: "gradientAccumulationSteps",
  },
  learningRate: {
    flag: "learning-rate",
    type: "number",
    default: 2e-5,
    above: 0,
    help: "learning rate (constant with warmup)",
    arbor: "learningRate",
  },
  beta: {
    flag: "beta",
    type: "number",
    default: 0.04,
    min: 0,
    help: "KL penalty β",
    arbor: "beta",
  },
  loraR: { flag: "lora-r", type: "int", default: 64, min: 1, help: "LoRA rank", arbor: "lora.r" },
  loraAlpha: {
    flag: "lora-alpha",
    type: "int",
    default: 16,
    min: 1,
    help: "LoRA alpha",
    arbor: "lora.alpha",
  },
  bf16: {
    flag: "bf16",
    type: "boolean",
    default: true,
    help: "bfloat16 (--no-bf16 to disable)",
    arbor: "bf16",
  },
  maxPromptLength: {
    flag: "max-prompt-length",
    type: "int",
    default: 4096,
    min: 1,
    help: "max prompt tokens",
    arbor: "maxPromptLength",
  },
  maxCompletionLength: {
    flag: "max-completion-length",
    type: "int",
    default: 512,
    min: 1,
    help: "max completion tokens",
    arbor: "maxCompletionLength",
  },
};
