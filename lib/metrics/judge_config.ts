/**
 * Options of the LLM judge, their defaults, and the rule that the judge is not the policy.
 *
 * @module
 */

import type { LmClient } from "../lm/client.ts";
import { JudgeConfigError } from "./judge_errors.ts";

/** Options of {@link judgeAll}; every field but `lm` and `policyModel` has a default. */
export interface JudgeOptions {
  /**
   * The client of the judge model (its `model` is the judge model). Its retries, backoff,
   * `Retry-After` handling, timeout and concurrency limit apply to every judge call.
   */
  lm: LmClient;
  /** The model whose answers are judged; the judge must be another model. */
  policyModel: string;
  /** Allow the judge to be the policy model (biased: a model grading itself). Default: `false`. */
  allowSameModel?: boolean;
  /** Judge runs; J is reported as mean ± std over runs. Default: `1`. */
  runs?: number;
  /**
   * Folder of the judge cache (verdicts keyed by judge model, prompt version, the exact prompt,
   * run, and call settings), so a rerun costs no requests; `null` turns it off. Unlike the LM
   * response cache (off by default), this one is on. Default: `".cache/judge"` (relative to the
   * working folder).
   */
  cacheDir?: string | null;
  /** `max_tokens` of a judge call. Default: `256`. */
  maxTokens?: number;
  /** Ask the server for JSON (`response_format: json_object`). Default: `true`. */
  jsonMode?: boolean;
  /** Calls per question and run when the reply has no readable label. Default: `2`. */
  parseAttempts?: number;
  /**
   * Failed judgements tolerated before {@link judgeAll} throws `JudgeIncompleteError` (failures
   * are always listed in the result and never counted as WRONG). Default: `0`.
   */
  maxFailures?: number;
  /** Cancels the whole run. Default: none. */
  signal?: AbortSignal;
  /** Called after each judgement with (done, total). Default: none. */
  onProgress?: (done: number, total: number) => void;
}

/** {@link JudgeOptions} with defaults filled in. */
export interface JudgeConfig {
  /** The judge client. */
  lm: LmClient;
  /** The judge model (`lm.model`). */
  judgeModel: string;
  /** The policy model. */
  policyModel: string;
  /** Runs. */
  runs: number;
  /** Cache folder or `null`. */
  cacheDir: string | null;
  /** `max_tokens`. */
  maxTokens: number;
  /** JSON mode. */
  jsonMode: boolean;
  /** Calls per judgement on unreadable replies. */
  parseAttempts: number;
  /** Failures tolerated. */
  maxFailures: number;
  /** Cancellation, or `null`. */
  signal: AbortSignal | null;
  /** Progress callback, or `null`. */
  onProgress: ((done: number, total: number) => void) | null;
}

/** A model name compared loosely: trimmed, lower case, without a provider prefix (`org/`). */
export function modelIdentity(model: string): string {
  const trimmed = model.trim().toLowerCase();
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`judge option ${name} must be a positive integer, got ${value}`);
  }
  return value;
}

/**
 * Checks the options and fills in defaults.
 *
 * @throws {JudgeConfigError} when the judge model is the policy model (compared by
 * {@link modelIdentity}) and `allowSameModel` is not `true`.
 * @throws {TypeError} / {RangeError} for missing or out-of-range options.
 */
export function resolveJudgeConfig(options: JudgeOptions): JudgeConfig {
  if (!options.lm || typeof options.lm.chat !== "function") {
    throw new TypeError("judge option lm must be an LM client (createLmClient)");
  }
  if (typeof options.policyModel !== "string" || options.policyModel.trim() === "") {
    throw new TypeError(
      `judge option policyModel must name the judged model, got ${options.policyModel}`,
    );
  }
  const judgeModel = options.lm.model;
  if (
    modelIdentity(judgeModel) === modelIdentity(options.policyModel) &&
    options.allowSameModel !== true
  ) {
    throw new JudgeConfigError({
      judgeModel,
      policyModel: options.policyModel,
      problem: "the judge must be a different model from the one being evaluated or trained " +
        "(pass allowSameModel: true to override, knowing the scores will be biased)",
    });
  }
  const maxFailures = options.maxFailures ?? 0;
  if (!(maxFailures >= 0)) {
    throw new RangeError(`judge option maxFailures must be ≥ 0, got ${maxFailures}`);
  }
  return {
    lm: options.lm,
    judgeModel,
    policyModel: options.policyModel,
    runs: positiveInteger("runs", options.runs ?? 1),
    cacheDir: options.cacheDir === undefined ? ".cache/judge" : options.cacheDir,
    maxTokens: positiveInteger("maxTokens", options.maxTokens ?? 256),
    jsonMode: options.jsonMode ?? true,
    parseAttempts: positiveInteger("parseAttempts", options.parseAttempts ?? 2),
    maxFailures,
    signal: options.signal ?? null,
    onProgress: options.onProgress ?? null,
  };
}
