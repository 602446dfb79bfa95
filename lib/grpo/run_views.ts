/**
 * A run shown in a notebook: its validation history ({@link validationTable}), its
 * `metrics.jsonl` and `rollouts.jsonl` read back, the step events and checkpoints as tables, one
 * rollout group up close, and the share of zero-variance groups by category.
 *
 * @module
 */

import { join, relative } from "node:path";
import { CATEGORY_IDS, categoryName } from "../data/mod.ts";
import { isAbstention } from "../text/mod.ts";
import type { View } from "../viz/display_bundle.ts";
import { table } from "../viz/table.ts";
import { groupStats } from "./group_stats.ts";
import { readJsonLines, RUN_FILES, type RunEvent, type RunState } from "./run_records.ts";
import type { ValidationResult } from "./validation.ts";

/** One line of `rollouts.jsonl`: a group of G rollouts sent to the trainer. */
export interface GroupRecord {
  /** The training step. */
  step: number;
  /** The split's example id of the question. */
  exampleId: string;
  /** The question's LOCOMO category id. */
  category: number;
  /** The G completions, as sampled. */
  completions: string[];
  /** Their rewards. */
  rewards: number[];
  /** Their group-normalised advantages. */
  advantages: number[];
}

/** A run folder's records, read back (see {@link readRun}). */
export interface RecordedRun {
  /** The run folder. */
  runDir: string;
  /** `metrics.jsonl`: step, validation and checkpoint events, in order. */
  events: RunEvent[];
  /** `rollouts.jsonl`: every group sent to the trainer, in order. */
  groups: GroupRecord[];
  /**
   * What the run cost in policy calls, from its records: `calls` (one per group sent, plus one
   * per validation answer), `rollouts` (completions sampled for the groups, plus validation
   * answers), `tokens` (completion tokens of the training steps) and `seconds` (wall time of the
   * training steps; validation passes are not timed).
   */
  cost: { calls: number; rollouts: number; tokens: number; seconds: number };
}

async function readJsonl<T>(path: string): Promise<T[]> {
  return (await readJsonLines(path)).map(({ value }) => value as T);
}

const num = (value: unknown) => typeof value === "number" ? value : null;

/** The sum of a numeric field over the events of one type (missing values count 0). */
function total(events: readonly RunEvent[], type: string, field: string): number {
  return events.filter((e) => e.type === type).reduce((n, e) => n + (num(e[field]) ?? 0), 0);
}

/**
 * Reads a run folder's `metrics.jsonl` and `rollouts.jsonl` (as `trainGrpo` wrote them), and
 * adds up what the run cost ({@link RecordedRun.cost}).
 */
export async function readRun(runDir: string): Promise<RecordedRun> {
  const events = await readJsonl<RunEvent>(join(runDir, RUN_FILES.metrics));
  const groups = await readJsonl<GroupRecord>(join(runDir, RUN_FILES.rollouts));
  const validationAnswers = total(events, "validation", "count");
  return {
    runDir,
    events,
    groups,
    cost: {
      calls: total(events, "step", "groups") + validationAnswers,
      rollouts: groups.reduce((n, g) => n + g.completions.length, 0) + validationAnswers,
      tokens: total(events, "step", "completionTokens"),
      seconds: total(events, "step", "seconds"),
    },
  };
}

/**
 * The step events of a run, one row per step whose number is a multiple of `every` (default 1):
 * groups, mean and spread of the rewards, zero-variance groups, abstaining rollouts, seconds.
 *
 * @throws {RangeError} when `every` is not a positive integer.
 */
export function runStepsTable(
  run: Pick<RecordedRun, "events">,
  options: { every?: number } = {},
): View {
  const every = options.every ?? 1;
  if (!Number.isInteger(every) || every < 1) {
    throw new RangeError(`every must be a positive integer, got ${every}`);
  }
  return table(
    run.events.filter((e) => e.type === "step" && e.step % every === 0).map((e) => ({
      step: e.step,
      groups: num(e.groups),
      "reward mean": num(e.rewardMean),
      "reward std": num(e.rewardStd),
      "zero-variance groups": num(e.zeroVarianceGroups),
      "abstaining rollouts": num(e.abstentions),
      seconds: num(e.seconds),
    })),
    {
      caption: `${RUN_FILES.metrics}: ${every === 1 ? "every step" : `every ${every} steps`}`,
    },
  );
}

/**
 * The validation history of a `trainGrpo` result, one row per validation: step, overall F1,
 * F1 on categories 1–4, abstention on categories 1–4 and on category 5 (its F1: the official rule
 * scores 1 exactly for an abstention). The default caption names the question count and the best
 * step (by overall F1, the one whose checkpoint is kept).
 */
export function validationTable(
  result: {
    validations: readonly {
      step: number;
      result: Pick<
        ValidationResult,
        "score" | "answerableScore" | "abstentionRate" | "byCategory" | "count"
      >;
    }[];
    state: Pick<RunState, "best">;
  },
  options: { caption?: string } = {},
): View {
  const best = result.state.best;
  const count = result.validations[0]?.result.count ?? 0;
  return table(
    result.validations.map(({ step, result: v }) => ({
      step,
      F1: v.score,
      "F1, categories 1–4": v.answerableScore,
      "abstains on 1–4": v.abstentionRate,
      "abstains on 5": v.byCategory[categoryName(5)] ?? null,
    })),
    {
      caption: options.caption ??
        `Validation (${count} questions); ` +
          (best === null
            ? "no best step yet"
            : `best overall F1 ${best.score.toFixed(3)} at step ${best.step}`),
    },
  );
}

/**
 * The checkpoints the run asked the trainer to save: step, name and folder (relative to
 * `relativeTo` when given).
 */
export function checkpointsTable(
  run: Pick<RecordedRun, "events">,
  options: { relativeTo?: string; caption?: string } = {},
): View {
  const folder = (path: string) =>
    options.relativeTo === undefined ? path : relative(options.relativeTo, path);
  return table(
    run.events.filter((e) => e.type === "checkpoint").map((e) => ({
      step: e.step,
      name: String(e.name),
      folder: folder(String(e.checkpoint)),
    })),
    { caption: options.caption ?? "Checkpoints saved" },
  );
}

/** One group's rollouts: completion, whether it abstains, reward and advantage. */
export function rolloutGroupTable(group: GroupRecord): View {
  return table(
    group.completions.map((completion, i) => ({
      rollout: i + 1,
      completion,
      abstains: isAbstention(completion) ? "yes" : "",
      reward: group.rewards[i],
      advantage: group.advantages[i],
    })),
    {
      caption: `One group of ${group.completions.length} rollouts, step ${group.step}, ` +
        `${group.exampleId} (${RUN_FILES.rollouts})`,
    },
  );
}

/**
 * Zero-variance groups (every reward equal: no gradient signal) by category and in all: groups,
 * how many were flat, and the share.
 */
export function zeroVarianceTable(
  groups: readonly Pick<GroupRecord, "category" | "rewards">[],
): View {
  const names = [...CATEGORY_IDS.map(categoryName), "all"];
  const counts = new Map(names.map((name) => [name, { groups: 0, zero: 0 }]));
  for (const g of groups) {
    const zero = groupStats(g.rewards, { scaleRewards: true }).zeroVariance;
    for (const name of [categoryName(g.category), "all"]) {
      const row = counts.get(name)!;
      row.groups++;
      if (zero) row.zero++;
    }
  }
  return table(
    [...counts].filter(([, row]) => row.groups > 0).map(([category, { groups, zero }]) => ({
      category,
      groups,
      "zero-variance": zero,
      share: `${(100 * zero / groups).toFixed(1)} %`,
    })),
    { caption: "Zero-variance groups by category" },
  );
}
