/**
 * An optimization run's records: `optimize.jsonl` (one event per line: every candidate, its
 * parent, the minibatch scores, accepted or not, the validation score, LM calls and tokens so
 * far), `state.json` (what `resume` continues from) and `summary.json` (the result and its cost).
 *
 * @module
 */

import { join } from "node:path";
import { writeFileAtomic } from "../io/mod.ts";
import type { RngState } from "../random/mod.ts";
import type { Candidate } from "./candidate.ts";

/** Running cost of an optimization (over resumes). */
export interface OptimizeCost {
  /** Task-LM calls (the metric calls; every one counts). */
  metricCalls: number;
  /** The budget. */
  maxMetricCalls: number;
  /** Task-LM prompt tokens. */
  taskPromptTokens: number;
  /** Task-LM completion tokens. */
  taskCompletionTokens: number;
  /** Reflection/proposer LM calls. */
  reflectionCalls: number;
  /** Reflection/proposer LM tokens (prompt and completion). */
  reflectionTokens: number;
  /** Proposals asked for. */
  proposals: number;
  /** Proposals without a usable instruction (no fenced block, empty, LM error). */
  failedProposals: number;
  /** Wall time in milliseconds. */
  wallMs: number;
}

/** What `state.json` holds: enough to continue the pool. */
export interface OptimizeState {
  /** `gepa` or `mipro`. */
  optimizer: string;
  /** Iterations (GEPA) or trials (MIPROv2-style) done. */
  iteration: number;
  /** The random generator's state. */
  rng: RngState;
  /** The validated pool, in creation order (the seed first). */
  pool: Candidate[];
  /** The cost so far. */
  cost: OptimizeCost;
  /** Optimizer-specific state (MIPROv2-style: candidates and trials). */
  extra: Record<string, unknown>;
}

/** One `optimize.jsonl` event. */
export type OptimizeEvent = { type: string } & Record<string, unknown>;

/** A run folder's files. */
export interface OptimizeFiles {
  /** `optimize.jsonl`. */
  log: string;
  /** `state.json`. */
  state: string;
  /** `summary.json`. */
  summary: string;
}

/** The files of the run in `dir`. */
export function optimizeFiles(dir: string): OptimizeFiles {
  return {
    log: join(dir, "optimize.jsonl"),
    state: join(dir, "state.json"),
    summary: join(dir, "summary.json"),
  };
}

/** Appends an event to `optimize.jsonl`. */
export async function appendEvent(dir: string, event: OptimizeEvent): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(optimizeFiles(dir).log, JSON.stringify(event) + "\n", { append: true });
}

/** Saves `state.json` atomically. */
export async function saveState(dir: string, state: OptimizeState): Promise<void> {
  await writeFileAtomic(optimizeFiles(dir).state, JSON.stringify(state) + "\n");
}

/** A run folder holds no optimization state to resume. */
export class OptimizeResumeError extends Error {
  /** The folder. */
  readonly dir: string;

  /** Builds the error. */
  constructor(dir: string, message: string, options?: ErrorOptions) {
    super(`Cannot resume ${dir}: ${message}`, options);
    this.name = "OptimizeResumeError";
    this.dir = dir;
  }
}

/**
 * Reads `state.json` of a run.
 *
 * @throws {OptimizeResumeError} when it is missing or unreadable.
 */
export async function loadState(dir: string): Promise<OptimizeState> {
  let text: string;
  try {
    text = await Deno.readTextFile(optimizeFiles(dir).state);
  } catch (cause) {
    throw new OptimizeResumeError(dir, "no state.json (not an optimize run folder?)", { cause });
  }
  try {
    const state = JSON.parse(text) as OptimizeState;
    if (!Array.isArray(state.pool) || state.pool.length === 0) throw new Error("empty pool");
    return state;
  } catch (cause) {
    throw new OptimizeResumeError(dir, `state.json is unreadable (${(cause as Error).message})`, {
      cause,
    });
  }
}
