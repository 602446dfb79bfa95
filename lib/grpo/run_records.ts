/**
 * A training run's records on disk: `metrics.jsonl` (one event per line), `rollouts.jsonl` (every
 * group), `config.json` (resolved, without secrets), `state.json` (what `--resume` needs) and
 * `summary.json`. JSONL files are appended; `state.json` and `summary.json` are written atomically.
 *
 * @module
 */

import { join } from "node:path";
import { JsonFileError, readJsonObject, writeFileAtomic } from "../io/mod.ts";
import { messagesHash, type RolloutGroup } from "./rollout_group.ts";
import type { ValidationResult } from "./validation.ts";

/** What `--resume` needs: the last completed step and where training stands. */
export interface RunState {
  /** Format version. */
  version: 1;
  /** The last step whose groups were all sent and recorded (0: only the initial validation). */
  completedStep: number;
  /** The best validation score so far, and its step. */
  best: { score: number; step: number } | null;
  /** The backend's job: dialect, job id (2025.11), the chat model name, the last checkpoint. */
  job: {
    dialect: string;
    jobId: string | null;
    chatModel: string;
    resumeCheckpoint: string | null;
    bestCheckpoint: string | null;
  };
  /** Steps' zero-variance groups so far, and all groups. */
  groups: { total: number; zeroVariance: number };
  /** The latest validation score (sent to the trainer as `validation_score`), if any. */
  lastValidationScore?: number;
}

/** One `metrics.jsonl` event. Every event has a `type` and the `step` it belongs to. */
export type RunEvent = { type: string; step: number } & Record<string, unknown>;

const mean = (xs: readonly number[]) => xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;

/** The `metrics.jsonl` event of a validation pass. */
export function validationEvent(step: number, r: ValidationResult): RunEvent {
  return {
    type: "validation",
    step,
    score: r.score,
    answerableScore: r.answerableScore,
    abstentionRate: r.abstentionRate,
    byCategory: r.byCategory,
    count: r.count,
    errors: r.errors,
    formatFailures: r.formatFailures,
  };
}

/** The `rollouts.jsonl` record of one group sent to the trainer. */
export function groupRecord(step: number, group: RolloutGroup, batchId: number | null): RunEvent {
  return {
    type: "group",
    step,
    batchId,
    exampleId: group.example.id,
    category: group.example.category,
    messagesHash: messagesHash(group.items[0]!.messages),
    completions: group.items.map((it) => it.completion.content),
    rewards: group.rewards,
    advantages: group.advantages,
  };
}

/**
 * The `metrics.jsonl` event of a training step: its groups' rewards, zero-variance groups,
 * abstentions and format failures, failed groups, the trainer's figures (mean `loss`, `kl`,
 * `grad_norm` over the groups that reported them) and the step's duration.
 */
export function stepEvent(
  step: number,
  groups: readonly RolloutGroup[],
  details: {
    failures: readonly string[];
    serverMetrics: readonly Record<string, unknown>[];
    seconds: number;
  },
): RunEvent {
  const { failures, serverMetrics } = details;
  const rewards = groups.flatMap((g) => g.rewards);
  const zero = groups.filter((g) => g.zeroVariance).length;
  const numeric = (key: string) =>
    serverMetrics.map((m) => m[key]).filter((v): v is number => typeof v === "number");
  const count = (pick: (p: RolloutGroup["parsed"][number]) => boolean) =>
    groups.reduce((n, g) => n + g.parsed.filter(pick).length, 0);
  return {
    type: "step",
    step,
    groups: groups.length,
    failedGroups: failures.length,
    ...(failures.length > 0 ? { firstFailure: failures[0] } : {}),
    rewardMean: mean(rewards),
    rewardStd: Math.sqrt(mean(rewards.map((r) => (r - mean(rewards)) ** 2))),
    zeroVarianceGroups: zero,
    zeroVarianceShare: groups.length ? zero / groups.length : 0,
    abstentions: count((p) => p.abstained),
    formatFailures: count((p) => p.formatFailure),
    ...(numeric("loss").length ? { loss: mean(numeric("loss")) } : {}),
    ...(numeric("kl").length ? { kl: mean(numeric("kl")) } : {}),
    ...(numeric("grad_norm").length ? { gradNorm: mean(numeric("grad_norm")) } : {}),
    completionTokens: groups.reduce((n, g) => n + g.usage.completionTokens, 0),
    seconds: details.seconds,
  };
}

/** File names inside a run folder. */
export const RUN_FILES = {
  metrics: "metrics.jsonl",
  rollouts: "rollouts.jsonl",
  config: "config.json",
  state: "state.json",
  summary: "summary.json",
  program: "program.json",
} as const;

/** The run folder already holds a run (and `--resume` was not given), or holds none to resume. */
export class RunDirError extends Error {
  /** The run folder. */
  readonly runDir: string;

  /** Builds the error. */
  constructor(runDir: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "RunDirError";
    this.runDir = runDir;
  }
}

/** Reads a JSONL file, dropping a torn last line (a crash mid-write) and lines after `maxStep`. */
async function readEvents(path: string, maxStep: number): Promise<string[]> {
  return (await readJsonLines(path)).flatMap(({ line, value }) => {
    const step = (value as { step?: unknown } | null)?.step;
    return typeof step === "number" && step <= maxStep ? [line] : [];
  });
}

/**
 * The lines of a JSONL run file with their parsed values; a missing file has none, and a line
 * that does not parse (torn by a crash mid-write) is dropped.
 */
export async function readJsonLines(path: string): Promise<{ line: string; value: unknown }[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  return text.split("\n").flatMap((line) => {
    if (line.trim() === "") return [];
    try {
      return [{ line, value: JSON.parse(line) as unknown }];
    } catch {
      return []; // a torn line from a crash: dropped
    }
  });
}

/** The records of one run, appended as training goes. */
export class RunRecords {
  /** The run folder. */
  readonly dir: string;

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** Path of a file in the run folder. */
  path(name: keyof typeof RUN_FILES): string {
    return join(this.dir, RUN_FILES[name]);
  }

  /**
   * Starts a new run in `dir` and writes its resolved config.
   *
   * @throws {RunDirError} when `dir` already holds a run (use `--resume`, or another `--run-dir`).
   */
  static async create(dir: string, config: unknown): Promise<RunRecords> {
    const records = new RunRecords(dir);
    try {
      await Deno.stat(records.path("state"));
      throw new RunDirError(
        dir,
        `${dir} already holds a run; continue it with --resume ${dir}, or choose another --run-dir`,
      );
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    await Deno.mkdir(dir, { recursive: true });
    for (const name of ["metrics", "rollouts"] as const) {
      await Deno.writeTextFile(records.path(name), "");
    }
    await writeFileAtomic(records.path("config"), JSON.stringify(config, null, 2) + "\n");
    return records;
  }

  /**
   * Opens a run to resume: reads `state.json` and drops events of steps after the last completed
   * one (the step in flight when the run stopped), rewriting the JSONL files atomically.
   *
   * @throws {RunDirError} when there is no state to resume from.
   */
  static async resume(dir: string): Promise<{ records: RunRecords; state: RunState }> {
    const records = new RunRecords(dir);
    const { state } = await RunRecords.read(dir);
    for (const name of ["metrics", "rollouts"] as const) {
      const kept = await readEvents(records.path(name), state.completedStep);
      await writeFileAtomic(records.path(name), kept.map((l) => l + "\n").join(""));
    }
    return { records, state };
  }

  /**
   * Reads a run's `state.json` and `config.json` without changing anything (to decide, before
   * any side effect, how a `--resume` goes).
   *
   * @throws {RunDirError} when there is no state or config to resume from.
   */
  static async read(dir: string): Promise<{ state: RunState; config: Record<string, unknown> }> {
    const records = new RunRecords(dir);
    const readJson = async (name: "state" | "config", why: string) => {
      try {
        return await readJsonObject(records.path(name));
      } catch (cause) {
        const missing = cause instanceof JsonFileError && cause.problem === "unreadable";
        throw new RunDirError(
          dir,
          missing
            ? `cannot resume ${dir}: no readable ${RUN_FILES[name]} (${why}); start it again ` +
              "without --resume"
            : `cannot resume ${dir}: ${(cause as Error).message}; restore it or start a new ` +
              "run without --resume",
          { cause },
        );
      }
    };
    const state = await readJson("state", "the run stopped before its first validation finished");
    const config = await readJson("config", "the run folder is incomplete");
    return { state: state as unknown as RunState, config };
  }

  /** Rewrites `config.json` (a resumed run that applied changed flags). */
  async saveConfig(config: unknown): Promise<void> {
    await writeFileAtomic(this.path("config"), JSON.stringify(config, null, 2) + "\n");
  }

  /** The config the run was started with. */
  async readConfig(): Promise<unknown> {
    return JSON.parse(await Deno.readTextFile(this.path("config")));
  }

  /** Appends one event to `metrics.jsonl`. */
  async event(event: RunEvent): Promise<void> {
    await Deno.writeTextFile(this.path("metrics"), JSON.stringify(event) + "\n", { append: true });
  }

  /** Appends group records to `rollouts.jsonl`. */
  async rollouts(groups: readonly RunEvent[]): Promise<void> {
    if (groups.length === 0) return;
    const text = groups.map((g) => JSON.stringify(g) + "\n").join("");
    await Deno.writeTextFile(this.path("rollouts"), text, { append: true });
  }

  /** Writes `state.json` atomically (the step is then complete). */
  async saveState(state: RunState): Promise<void> {
    await writeFileAtomic(this.path("state"), JSON.stringify(state, null, 2) + "\n");
  }

  /** Writes `summary.json` atomically. */
  async saveSummary(summary: unknown): Promise<void> {
    await writeFileAtomic(this.path("summary"), JSON.stringify(summary, null, 2) + "\n");
  }

  /** All events of `metrics.jsonl`. */
  async events(): Promise<RunEvent[]> {
    return (await readEvents(this.path("metrics"), Infinity)).map((l) => JSON.parse(l));
  }
}
