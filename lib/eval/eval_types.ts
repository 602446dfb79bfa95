/**
 * The systems an evaluation compares and the per-question rows it writes.
 *
 * @module
 */

import type { CategoryId } from "../data/categories.ts";
import type { LmClient } from "../lm/client.ts";
import type { JudgeLabel, JudgeVerdict } from "../metrics/mod.ts";
import type { Program } from "../program/program_config.ts";
import type { EvaluateOptions } from "./evaluate_options.ts";

/** How answers are scored: the official F1 only, the LLM judge (J) only, or both. */
export type JudgeMode = NonNullable<EvaluateOptions["judge"]>;

/** Every judge mode. */
export const JUDGE_MODES: readonly JudgeMode[] = ["f1", "llm", "both"];

/** One system of an evaluation: a program under a display name. */
export interface EvalSystem {
  /** The name in rows and reports (unique within an evaluation). */
  name: string;
  /** The program that answers. */
  program: Program;
  /**
   * The client that answers for this system (e.g. a trained checkpoint served by the embedded
   * server under its own model name). Default: the evaluation's `lm`.
   */
  lm?: LmClient;
}

/** A judge label as stored in a row (the judge's own label, {@link JudgeLabel}). */
export type JudgeVerdictLabel = JudgeLabel;

/** One line of `predictions.jsonl`: one system on one question. */
export interface PredictionRow {
  /** The system's name. */
  system: string;
  /** The split's example id (e.g. `conv-26:q0`). */
  questionId: string;
  /** The conversation the question is about. */
  sampleId: string;
  /** The raw LOCOMO category id. */
  category: CategoryId;
  /** The question. */
  question: string;
  /** The parsed answer (`""` when the call failed). */
  prediction: string;
  /** The gold answer as text (`String(answer)`), or `null` when the item has none. */
  gold: string | null;
  /** The official LOCOMO score (0 when `error` is set). */
  f1: number;
  /**
   * The judge's label, or `null` when not judged (judge mode `f1`, or category 5, which J
   * excludes). A row with an error is `WRONG`.
   */
  judgeVerdict: JudgeVerdict["label"] | null;
  /** The judge's one-sentence reason (or why the row counts as wrong), or `null`. */
  judgeReason: string | null;
  /**
   * Why the judge gave no verdict (it failed or was unavailable), or `null`. Such a row is "not
   * judged": its F1 stands, and it is left out of J and counted apart.
   */
  judgeError: string | null;
  /** The dia_ids shown to the LM, in prompt order. */
  retrievedDiaIds: string[];
  /** Share of the evidence dia_ids among those shown, or `null` when the item has no evidence. */
  evidenceRecall: number | null;
  /** Prompt tokens reported by the server (0 on error). */
  promptTokens: number;
  /** Completion tokens reported by the server (0 on error). */
  completionTokens: number;
  /** Milliseconds of the answer call, retries included (≈0 when served from the cache). */
  latencyMs: number;
  /** Whether the answer came from the LM response cache. */
  cached: boolean;
  /** `null`, or what went wrong once retries were spent (secrets redacted). */
  error: string | null;
}

/** Progress of a running evaluation. */
export type EvalProgress = Parameters<NonNullable<EvaluateOptions["onProgress"]>>[0];
