/**
 * Options of {@link evaluate} and their defaults, resolved once.
 *
 * @module
 */

import type { Conversation } from "../data/types.ts";
import type { LmClient } from "../lm/client.ts";
import { type JudgeConfig, resolveJudgeConfig } from "../metrics/judge_config.ts";
import type { EvalProgress, JudgeMode } from "./eval_types.ts";
import { JUDGE_MODES } from "./eval_types.ts";

/** The defaults of {@link EvaluateOptions} that the `evaluate` command shares. */
export const EVALUATE_DEFAULTS: Readonly<
  { judge: JudgeMode; judgeCacheDir: string; seed: number; resamples: number }
> = { judge: "f1", judgeCacheDir: ".cache/judge", seed: 42, resamples: 1000 };

/** Options of `evaluate`; `lm` and `conversations` are required. */
export interface EvaluateOptions {
  /** The client that answers (a system's own `lm` overrides it). Its model must not be the judge's. */
  lm: LmClient;
  /** The conversations the questions are about (their memories are built once each). */
  conversations: readonly Conversation[];
  /**
   * Folder of `predictions.jsonl`, `summary.json`, `report.md` and `chart.svg`; finished rows
   * already in its `predictions.jsonl` are reused. `null` writes nothing. Default: `null`.
   */
  outDir?: string | null;
  /**
   * How answers are scored: the official F1 only (`f1`), the LLM judge (J) only (`llm`), or
   * both. Default: `"f1"`.
   */
  judge?: "f1" | "llm" | "both";
  /** The judge's client, required when `judge` is `"llm"` or `"both"`. Default: `null`. */
  judgeLm?: LmClient | null;
  /**
   * Let the judge be the answering model (its scores are then biased). Default: `false` (refuse
   * with a `JudgeConfigError`).
   */
  allowSameJudge?: boolean;
  /** Folder of the judge's verdict cache, or `null` for none. Default: `".cache/judge"`. */
  judgeCacheDir?: string | null;
  /**
   * Why the judge is not to be asked (e.g. its probe failed and failures are allowed): every
   * row of categories 1–4 is then "not judged" with this reason. Default: `null` (ask it).
   */
  judgeUnavailable?: string | null;
  /** Questions answered at once, at most. Default: the answering client's concurrency. */
  concurrency?: number;
  /** Token budget of each conversation's memory. Default: the memory's (20,000). */
  memoryTokens?: number;
  /** Seed of the bootstrap intervals. Default: `42`. */
  seed?: number;
  /** Bootstrap resamples. Default: `1000`. */
  resamples?: number;
  /** Secret values (API keys) to redact from every error. Default: none. */
  secrets?: readonly string[];
  /** Facts about the run shown in `report.md` and stored in `summary.json`. Default: none. */
  runInfo?: Readonly<Record<string, string | number>>;
  /**
   * Called after each finished row (and once at the start) with the rows finished (`done`,
   * reused ones included), all rows (`total`: systems × questions), rows finished with an error
   * so far (`errors`: answer failed, or not judged) and rows reused from an earlier run in the
   * same folder (`reused`). Default: none.
   */
  onProgress?: (progress: { done: number; total: number; errors: number; reused: number }) => void;
  /** Cancels the run; finished rows stay in `predictions.jsonl`. Default: none. */
  signal?: AbortSignal;
}

/** {@link EvaluateOptions} with every default filled in. */
export interface EvaluateConfig {
  /** The answering client. */
  lm: LmClient;
  /** The conversations. */
  conversations: readonly Conversation[];
  /** Output folder or `null`. */
  outDir: string | null;
  /** Judge mode. */
  judge: JudgeMode;
  /** The judge's settings, or `null` when the mode is `"f1"`. */
  judgeConfig: JudgeConfig | null;
  /** Why the judge is not asked, or `null`. */
  judgeUnavailable: string | null;
  /** Concurrency. */
  concurrency: number;
  /** Memory budget, or `null` for the memory's default. */
  memoryTokens: number | null;
  /** Bootstrap seed. */
  seed: number;
  /** Bootstrap resamples. */
  resamples: number;
  /** Secrets to redact. */
  secrets: readonly string[];
  /** Run facts. */
  runInfo: Readonly<Record<string, string | number>>;
  /** Progress callback or `null`. */
  onProgress: ((progress: EvalProgress) => void) | null;
  /** Cancellation or `null`. */
  signal: AbortSignal | null;
}

/**
 * Checks the options and fills in defaults.
 *
 * @throws {TypeError} for a missing client or conversations, an unknown judge mode, or a judge
 *   mode that needs `judgeLm` without one.
 * @throws {RangeError} for a concurrency or resample count below 1.
 * @throws {JudgeConfigError} when the judge model is the answering model.
 */
export function resolveEvaluateConfig(options: EvaluateOptions): EvaluateConfig {
  if (!options?.lm || typeof options.lm.chat !== "function") {
    throw new TypeError("evaluate() needs options.lm, an LM client (createLmClient)");
  }
  if (!Array.isArray(options.conversations)) {
    throw new TypeError("evaluate() needs options.conversations (the dataset's conversations)");
  }
  const judge = options.judge ?? EVALUATE_DEFAULTS.judge;
  if (!JUDGE_MODES.includes(judge)) {
    throw new TypeError(`judge must be one of ${JUDGE_MODES.join(", ")}, got ${judge}`);
  }
  let judgeConfig: JudgeConfig | null = null;
  if (judge !== "f1") {
    if (!options.judgeLm) {
      throw new TypeError(`judge mode ${judge} needs options.judgeLm (the judge's LM client)`);
    }
    judgeConfig = resolveJudgeConfig({
      lm: options.judgeLm,
      policyModel: options.lm.model,
      allowSameModel: options.allowSameJudge === true,
      cacheDir: options.judgeCacheDir === undefined
        ? EVALUATE_DEFAULTS.judgeCacheDir
        : options.judgeCacheDir,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }
  const concurrency = options.concurrency ?? options.lm.concurrency;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be an integer ≥ 1, got ${concurrency}`);
  }
  const resamples = options.resamples ?? EVALUATE_DEFAULTS.resamples;
  if (!Number.isSafeInteger(resamples) || resamples < 1) {
    throw new RangeError(`resamples must be an integer ≥ 1, got ${resamples}`);
  }
  return {
    lm: options.lm,
    conversations: options.conversations,
    outDir: options.outDir ?? null,
    judge,
    judgeConfig,
    judgeUnavailable: options.judgeUnavailable ?? null,
    concurrency,
    memoryTokens: options.memoryTokens ?? null,
    seed: options.seed ?? EVALUATE_DEFAULTS.seed,
    resamples,
    secrets: options.secrets ?? [],
    runInfo: options.runInfo ?? {},
    onProgress: options.onProgress ?? null,
    signal: options.signal ?? null,
  };
}
