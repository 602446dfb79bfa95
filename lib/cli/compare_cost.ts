/**
 * What it cost to make each system of `deno task compare`: task-LM calls, rollouts, tokens and
 * wall time, read from the run records a saved program names in `provenance.run` (an optimize
 * run's `summary.json`; a GRPO run's `config.json` and `metrics.jsonl`).
 *
 * @module
 */

import { join } from "node:path";

/** The cost of making one system (`null` fields: not recorded). */
export interface BuildCost {
  /** How it was made: `none`, `optimize`, `grpo`, or `unknown`. */
  kind: string;
  /** Task-LM calls (GRPO: one request per group of G rollouts, plus validation answers). */
  taskCalls: number | null;
  /** Completions sampled from the task LM (GRPO: G per group, plus validation answers). */
  rollouts: number | null;
  /** Task-LM tokens (GRPO records completion tokens only). */
  tokens: number | null;
  /** Whether `tokens` counts completion tokens only (for GRPO's part). */
  completionTokensOnly: boolean;
  /** Reflection/proposer LM calls (optimize only). */
  reflectionCalls: number | null;
  /** Wall time in seconds (GRPO: the training steps). */
  seconds: number | null;
}

/** The cost of a system made from nothing (the base program). */
export const NO_COST: BuildCost = {
  kind: "none",
  taskCalls: 0,
  rollouts: 0,
  tokens: 0,
  completionTokensOnly: false,
  reflectionCalls: 0,
  seconds: 0,
};

const UNKNOWN: BuildCost = {
  kind: "unknown",
  taskCalls: null,
  rollouts: null,
  tokens: null,
  completionTokensOnly: false,
  reflectionCalls: null,
  seconds: null,
};

async function readJson(path: string): Promise<Record<string, unknown> | null> {
  try {
    return JSON.parse(await Deno.readTextFile(path));
  } catch {
    return null;
  }
}

/**
 * The build cost recorded in the run folder `runDir` (`unknown` when nothing is readable); an
 * optimize run that started from a trained program (`seedRun` in its summary) adds that run's.
 */
export async function buildCostOf(runDir: string | null, depth = 0): Promise<BuildCost> {
  if (runDir === null) return UNKNOWN;
  const summary = await readJson(join(runDir, "summary.json"));
  const cost = summary?.cost as Record<string, number> | undefined;
  if (cost && typeof cost.metricCalls === "number") {
    const own: BuildCost = {
      kind: "optimize",
      taskCalls: cost.metricCalls,
      rollouts: cost.metricCalls,
      tokens: (cost.taskPromptTokens ?? 0) + (cost.taskCompletionTokens ?? 0),
      completionTokensOnly: false,
      reflectionCalls: cost.reflectionCalls ?? null,
      seconds: (cost.wallMs ?? 0) / 1000,
    };
    // An optimization that started from a trained program also paid for that training.
    const seedRun = typeof summary!.seedRun === "string" ? summary!.seedRun : null;
    if (seedRun === null || depth > 3) return own;
    const seed = await buildCostOf(seedRun, depth + 1);
    if (seed.kind === "unknown") return own;
    const add = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
    return {
      kind: `${seed.kind} + optimize`,
      taskCalls: add(own.taskCalls, seed.taskCalls),
      rollouts: add(own.rollouts, seed.rollouts),
      tokens: add(own.tokens, seed.tokens),
      completionTokensOnly: seed.completionTokensOnly,
      reflectionCalls: add(own.reflectionCalls, seed.reflectionCalls),
      seconds: add(own.seconds, seed.seconds),
    };
  }
  const config = await readJson(join(runDir, "config.json"));
  let text: string;
  try {
    text = await Deno.readTextFile(join(runDir, "metrics.jsonl"));
  } catch {
    return UNKNOWN;
  }
  const g = Number(config?.numGenerations ?? 0);
  let groups = 0, validationAnswers = 0, tokens = 0, seconds = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(line);
    } catch {
      continue;
    }
    if (event.type === "step") {
      groups += Number(event.groups ?? 0);
      tokens += Number(event.completionTokens ?? 0);
      seconds += Number(event.seconds ?? 0);
    } else if (event.type === "validation") validationAnswers += Number(event.count ?? 0);
  }
  return {
    kind: "grpo",
    taskCalls: groups + validationAnswers,
    rollouts: groups * g + validationAnswers,
    tokens,
    completionTokensOnly: true,
    reflectionCalls: 0,
    seconds,
  };
}
