/**
 * The flags of `deno task train`: one per row of the training settings table
 * (`lib/grpo/train_settings.ts`), plus `--mode` and `--help`. Parsed and checked here, before
 * anything is read, written or started; with `--resume`, merged with the run's recorded config.
 *
 * @module
 */

import {
  type AppliedChange,
  resolveTrainConfig,
  ResumeConflictError,
  resumeTrainConfig,
  type TrainConfig,
} from "../grpo/train_config.ts";
import { describeRule } from "../grpo/setting_rules.ts";
import { TRAIN_SETTINGS, type TrainSetting } from "../grpo/train_settings.ts";
import { type FlagSpec, formatFlags, HELP_FLAG, parseFlags } from "./flags.ts";
import { UsageError } from "./run_cli.ts";

/** The resolved options of `deno task train`: a training config plus the mode and `--help`. */
export interface TrainCliConfig extends TrainConfig {
  /** `train` or `evaluate`. */
  mode: "train" | "evaluate";
  /** Show help. */
  help: boolean;
}

/** The command line before any resolution: mode, help and the settings the user typed. */
export interface TrainArgs {
  /** `train` or `evaluate`. */
  mode: "train" | "evaluate";
  /** Show help. */
  help: boolean;
  /** Only the settings whose flags were typed (never defaults). */
  given: Partial<TrainConfig>;
  /** The keys of the settings whose flags were typed. */
  typed: ReadonlySet<string>;
}

const MODE: FlagSpec = {
  name: "mode",
  key: "mode",
  type: "string",
  default: "train",
  help: "train or evaluate",
  rule: { type: "string", choices: ["train", "evaluate"] },
};

/** `--help` (train keeps `-h` free: its help lists long flags only). */
const { short: _short, ...TRAIN_HELP }: FlagSpec = HELP_FLAG;

/**
 * The flag of a training setting, for a command that shares it (evaluate, optimize, compare
 * take the judge and data settings as `train` does): name, type, default, rule and help come
 * from the settings table; `help` and `arg` may be worded for the command.
 */
export function settingFlag(
  key: keyof typeof TRAIN_SETTINGS,
  overrides: { help?: string; arg?: string } = {},
): FlagSpec {
  const row = TRAIN_SETTINGS[key] as TrainSetting<unknown>;
  return {
    name: row.flag,
    key,
    type: row.type,
    default: row.default,
    help: overrides.help ?? row.help,
    rule: row,
    ...(overrides.arg ? { arg: overrides.arg } : {}),
  };
}

/** Every flag with its default and help, in `--help` order (derived from the settings table). */
export const TRAIN_FLAGS: readonly FlagSpec[] = [
  MODE,
  ...(Object.entries(TRAIN_SETTINGS) as [string, TrainSetting<unknown>][]).map(([key, row]) => ({
    name: row.flag,
    key,
    type: row.type,
    default: row.default,
    help: row.help,
    range: describeRule(row),
  })),
  TRAIN_HELP,
];

/** The `--help` text listing every flag with its default and allowed range. */
export function trainHelp(): string {
  return [
    "deno task train --mode train|evaluate [options]",
    "",
    "GRPO training of the memory-augmented QA program on LOCOMO (the seed guide's workflow),",
    "against a running Arbor server (--backend arbor) or offline (--backend embedded).",
    "With --resume RUN, flags that change the training (e.g. --beta) must match the run's",
    "config.json; --num-train-steps, --num-steps-for-val, timeouts, --concurrency and paths",
    "may change.",
    "",
    ...formatFlags(TRAIN_FLAGS),
  ].join("\n");
}

/** Parses the command line without resolving it (values typed, not yet range-checked). */
export function parseTrainArgs(args: readonly string[]): TrainArgs {
  const { values, given } = parseFlags(args, TRAIN_FLAGS);
  const typed: Record<string, unknown> = {};
  for (const key of given) if (key in TRAIN_SETTINGS) typed[key] = values[key];
  return {
    mode: values.mode as TrainArgs["mode"],
    help: values.help as boolean,
    given: typed as Partial<TrainConfig>,
    typed: new Set(Object.keys(typed)),
  };
}

/** Options of {@link parseTrainFlags}. */
export interface ParseTrainFlagsOptions {
  /** With `--resume`: the run's recorded `config.json`. Default: none. */
  recorded?: Readonly<Record<string, unknown>>;
  /** Receives the flags `--resume` applied. Default: none. */
  onApplied?: (changes: AppliedChange[]) => void;
}

/**
 * Parses and checks the command line into a {@link TrainCliConfig}; with `--resume` (and
 * `recorded`), the resumed run's config with the typed flags applied or refused.
 *
 * @throws {UsageError} naming the flag: unknown flags, bad numbers, values out of range or
 *   outside their choices, a judge that is the policy model, a flag `--resume` cannot change.
 */
export function parseTrainFlags(
  args: readonly string[],
  options: ParseTrainFlagsOptions = {},
): TrainCliConfig {
  const { mode, help, given } = parseTrainArgs(args);
  try {
    let config: TrainConfig;
    if (given.resume !== undefined && options.recorded) {
      const resumed = resumeTrainConfig(options.recorded, given, { resume: given.resume });
      options.onApplied?.(resumed.applied);
      config = resumed.config;
    } else config = resolveTrainConfig(given);
    return { ...config, mode, help };
  } catch (cause) {
    if (
      cause instanceof RangeError || cause instanceof TypeError ||
      cause instanceof ResumeConflictError
    ) {
      throw new UsageError((cause as Error).message, { cause });
    }
    throw cause;
  }
}

/** The settings of a config (without `mode` and `help`): what `trainGrpo` takes. */
export function trainConfigOf(config: TrainCliConfig): TrainConfig {
  const { mode: _mode, help: _help, ...rest } = config;
  return rest;
}
