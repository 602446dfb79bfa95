/**
 * The LLM judge ("J", mem0's protocol; see docs/locomo.md): one temperature-0 call per question
 * and run, a CORRECT/WRONG label with a one-sentence reason, category 5 excluded, J reported as
 * mean ± std over runs.
 *
 * @module
 */

import { pLimit } from "../deps.ts";
import { createJsonFileCache, type JsonFileCache, type JsonValue } from "../lm/json_file_cache.ts";
import type { ChatMessage } from "../lm/mod.ts";
import { type JudgeConfig, type JudgeOptions, resolveJudgeConfig } from "./judge_config.ts";
import { JudgeIncompleteError, JudgeParseError, JudgeUnavailableError } from "./judge_errors.ts";
import { createLmClient } from "../lm/client.ts";
import type { LmClientOptions } from "../lm/config.ts";
import { LmRequestError } from "../lm/errors.ts";
import { type JudgeLabel, type ParsedVerdict, parseJudgeVerdict } from "./judge_parse.ts";
import { buildJudgePrompt, JUDGE_PROMPT_VERSION } from "./judge_prompt.ts";
import { scoreByCategory, scoreVerdicts } from "./judge_summary.ts";
import type { JudgeFailure, JudgeItem, JudgeResult, JudgeVerdict } from "./judge_types.ts";
import type { CategoryId } from "../data/categories.ts";

type Judged = ParsedVerdict & { cached: boolean };

function cacheKey(config: JudgeConfig, messages: ChatMessage[], run: number): JsonValue {
  return {
    v: 1,
    prompt: JUDGE_PROMPT_VERSION,
    model: config.judgeModel,
    messages: messages.map((m) => ({ role: m.role, content: m.content })),
    run,
    maxTokens: config.maxTokens,
    jsonMode: config.jsonMode,
  };
}

function fromCache(value: JsonValue | null): ParsedVerdict | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const label = value.label as JudgeLabel;
  if (label !== "CORRECT" && label !== "WRONG") return null;
  return { label, reason: typeof value.reason === "string" ? value.reason : "" };
}

async function judgeOne(
  item: JudgeItem,
  run: number,
  context: { config: JudgeConfig; cache: JsonFileCache | null },
): Promise<Judged> {
  const { config, cache } = context;
  const messages = buildJudgePrompt({
    question: item.question,
    goldAnswer: item.answer ?? "",
    generatedAnswer: item.prediction,
  });
  const key = cacheKey(config, messages, run);
  const hit = cache ? fromCache(await cache.get(key)) : null;
  if (hit) return { ...hit, cached: true };
  let lastError: JudgeParseError | null = null;
  for (let attempt = 0; attempt < config.parseAttempts; attempt++) {
    const reply = await config.lm.chat(messages, {
      temperature: 0,
      maxTokens: config.maxTokens,
      responseFormat: config.jsonMode ? "json_object" : "text",
      ...(config.signal ? { signal: config.signal } : {}),
    });
    try {
      const verdict = parseJudgeVerdict(reply.text);
      if (cache) await cache.set(key, { label: verdict.label, reason: verdict.reason });
      return { ...verdict, cached: false };
    } catch (error) {
      if (!(error instanceof JudgeParseError)) throw error;
      lastError = error;
    }
  }
  throw lastError!;
}

function checkItems(items: readonly JudgeItem[]): void {
  if (!Array.isArray(items)) throw new TypeError("judgeAll() needs an array of items");
  items.forEach((item, i) => {
    if (typeof item?.prediction !== "string" || typeof item.question !== "string") {
      throw new TypeError(
        `judge item ${i} (${item?.id}) needs string question and prediction, got ` +
          `${typeof item?.question} / ${typeof item?.prediction}`,
      );
    }
    if (![1, 2, 3, 4, 5].includes(item.category)) {
      throw new RangeError(`judge item ${i} (${item.id}) has category ${item.category}, not 1–5`);
    }
  });
}

/**
 * Judges every category 1–4 item in each of `runs` runs (category 5 is skipped and only
 * counted) and returns J overall and per category as mean ± std over runs. Calls run
 * concurrently up to the LM client's limit; verdicts come from the cache when present.
 * Failed judgements (after the client's retries) are listed with their error, excluded from J
 * and never counted as WRONG; with more than `maxFailures` of them the run throws.
 *
 * @example
 * ```ts ignore
 * const judge = createLmClient({ baseUrl, model: "gpt-4o-mini", apiKey });
 * const result = await judgeAll(items, { lm: judge, policyModel: "Qwen/Qwen3-0.6B", runs: 3 });
 * console.log(formatJudgeScore(result.overall)); // "66.88 ± 0.41"
 * ```
 * @throws {JudgeConfigError} when the judge is the policy model (unless `allowSameModel`).
 * @throws {JudgeIncompleteError} when more than `maxFailures` judgements failed (the error
 * carries the full result).
 * @throws the signal's reason when cancelled.
 */
export async function judgeAll(
  items: readonly JudgeItem[],
  options: JudgeOptions,
): Promise<JudgeResult> {
  const config = resolveJudgeConfig(options);
  checkItems(items);
  const judged = items.filter((item) => item.category !== 5);
  const cache = config.cacheDir === null ? null : createJsonFileCache(config.cacheDir);
  const total = judged.length * config.runs;
  let done = 0;
  const verdicts: (JudgeVerdict | null)[] = new Array(total).fill(null);
  const failures: (JudgeFailure | null)[] = new Array(total).fill(null);
  // Bounds judgements in progress (cache reads included) without starving the client's limit.
  const pending = pLimit(config.lm.concurrency * 2);
  const tasks: Promise<void>[] = [];
  for (let run = 0; run < config.runs; run++) {
    judged.forEach((item, index) => {
      const slot = run * judged.length + index;
      const base = { id: item.id, category: item.category, run };
      tasks.push(
        pending(() => judgeOne(item, run, { config, cache })).then(
          (v) => void (verdicts[slot] = { ...base, ...v }),
          (error: unknown) => {
            if (config.signal?.aborted) throw config.signal.reason;
            const e = error instanceof Error ? error : new Error(String(error));
            failures[slot] = { ...base, errorName: e.name, error: e.message };
          },
        ).finally(() => config.onProgress?.(++done, total)),
      );
    });
  }
  await Promise.all(tasks);
  const questionsByCategory: Partial<Record<CategoryId, number>> = {};
  for (const item of judged) {
    questionsByCategory[item.category] = (questionsByCategory[item.category] ?? 0) + 1;
  }
  const given = verdicts.filter((v): v is JudgeVerdict => v !== null);
  const failed = failures.filter((f): f is JudgeFailure => f !== null);
  const result: JudgeResult = {
    judgeModel: config.judgeModel,
    policyModel: config.policyModel,
    promptVersion: JUDGE_PROMPT_VERSION,
    runs: config.runs,
    questions: judged.length,
    excludedCategory5: items.length - judged.length,
    overall: scoreVerdicts(given, { runs: config.runs, questions: judged.length }),
    byCategory: scoreByCategory(given, { runs: config.runs, questionsByCategory }),
    verdicts: given,
    failures: failed,
    cacheHits: given.filter((v) => v.cached).length,
  };
  if (failed.length > config.maxFailures) {
    throw new JudgeIncompleteError({
      failed: failed.length,
      total,
      firstError: `${failed[0]!.id} run ${failed[0]!.run}: ${failed[0]!.error}`,
      result,
    });
  }
  return result;
}

/** Options of {@link probeJudge}. */
export interface ProbeJudgeOptions {
  /** The judge's API key (`""`: none). Default: `""`. */
  apiKey?: string;
  /** Where the key comes from, named in the message of a refused key. Default: none. */
  keyHint?: string;
  /** Time limit of each of the (at most two) attempts, ms. Default: `10_000`. */
  timeoutMs?: number;
  /** The fetch used (tests inject one). Default: global `fetch`. */
  fetch?: LmClientOptions["fetch"];
  /** Cancels the probe. Default: none. */
  signal?: AbortSignal;
  /** Which LM is probed, named in the error (the answering LM can be probed too). Default: `"judge"`. */
  role?: string;
}

/**
 * Sends the judge one tiny request (one token, temperature 0) so that a judge that cannot be
 * reached, refuses the key or does not serve the model is found before a run starts, not
 * row by row. A reply without usable text still counts as reachable.
 *
 * @example
 * ```ts ignore
 * await probeJudge("https://api.openai.com/v1", "gpt-4o-mini", { apiKey, keyHint: "JUDGE_API_KEY" });
 * ```
 *
 * @throws {JudgeUnavailableError} saying what is wrong (unreachable, unauthorized, unknown model).
 */
export async function probeJudge(
  baseUrl: string,
  judgeModel: string,
  options: ProbeJudgeOptions = {},
): Promise<void> {
  const lm = createLmClient({
    baseUrl,
    model: judgeModel,
    apiKey: options.apiKey ?? "",
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRetries: 1,
    initialRetryDelayMs: 200,
    concurrency: 1,
    cacheDir: null,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  try {
    await lm.chat([{ role: "user", content: "Reply with the word OK." }], {
      temperature: 0,
      maxTokens: 1,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (!(error instanceof LmRequestError) || error.kind === "invalid_response") {
      if (error instanceof LmRequestError) return; // it answered, just not with text
      throw error;
    }
    const status = error.status;
    const problem = error.kind !== "http"
      ? "unreachable"
      : status === 401 || status === 403
      ? "unauthorized"
      : status === 404
      ? "unknown_model"
      : "refused";
    throw new JudgeUnavailableError({
      baseUrl,
      judgeModel,
      problem,
      status,
      detail: `${error.kind}: ${error.detail}`.slice(0, 300),
      ...(options.keyHint ? { keyHint: options.keyHint } : {}),
      ...(options.role ? { role: options.role } : {}),
    }, { cause: error });
  } finally {
    lm.close();
  }
}
