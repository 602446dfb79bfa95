/**
 * Scoring a candidate program on a batch of examples with traces: the program's own rendering
 * and answering (`lib/program`), the official LOCOMO F1 and, when set, the LLM judge
 * (`lib/metrics`). Every example is one task-LM call.
 *
 * @module
 */

import { pLimit } from "../deps.ts";
import type { SplitExample } from "../data/mod.ts";
import type { LmClient } from "../lm/mod.ts";
import { judgeAll, locomoF1 } from "../metrics/mod.ts";
import { answerQuestion, type MemoryBank, type Program } from "../program/mod.ts";

/** How an answer is scored: official F1, the judge's verdict, or their mean. */
export type OptimizeMetric = "f1" | "llm" | "both";

/** One scored example with what the reflection LM is shown. */
export interface ExampleTrace {
  /** The question id. */
  id: string;
  /** The LOCOMO category. */
  category: number;
  /** The question. */
  question: string;
  /** The memory lines the program showed, in prompt order. */
  memories: string[];
  /** The program's answer (parsed), or `""` when the call failed. */
  answer: string;
  /** The gold answer (`null` for most category-5 questions). */
  gold: string | null;
  /** The official LOCOMO F1. */
  f1: number;
  /** The judge's verdict (1 correct, 0 wrong), or `null` when not judged. */
  verdict: 0 | 1 | null;
  /** The score the optimizer uses. */
  score: number;
  /** The LM error, when the call failed (the score is then 0). */
  error: string | null;
}

/** What a batch needs. */
export interface ScoreContext {
  /** The task LM. */
  lm: LmClient;
  /** Memories of the conversations. */
  memories: MemoryBank;
  /** The metric. Default: `"f1"`. */
  metric?: OptimizeMetric;
  /** The judge's client, needed for `llm` and `both`. Default: `null`. */
  judgeLm?: LmClient | null;
  /** Calls in flight at once. Default: the LM client's concurrency. */
  concurrency?: number;
  /** Secrets to redact from errors. Default: none. */
  secrets?: readonly string[];
  /** Cancels the batch. Default: none. */
  signal?: AbortSignal;
}

/** The mean of `xs` (0 for none). */
export function meanOf(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

async function verdicts(
  traces: readonly ExampleTrace[],
  examples: readonly SplitExample[],
  judgeLm: LmClient,
  policyModel: string,
  signal: AbortSignal | undefined,
): Promise<Map<string, 0 | 1>> {
  const items = traces.filter((t) => t.category !== 5 && t.error === null).map((t) => ({
    id: t.id,
    question: t.question,
    answer: examples.find((e) => e.id === t.id)!.answer,
    category: t.category as 1 | 2 | 3 | 4,
    prediction: t.answer,
  }));
  if (items.length === 0) return new Map();
  const result = await judgeAll(items, {
    lm: judgeLm,
    policyModel,
    runs: 1,
    cacheDir: null,
    maxFailures: items.length,
    ...(signal ? { signal } : {}),
  });
  return new Map(result.verdicts.map((v) => [v.id, v.label === "CORRECT" ? 1 : 0]));
}

/**
 * Runs `program` on every example (one task-LM call each; failures score 0 and are kept in the
 * trace) and scores the answers. Traces come back in example order.
 */
export async function scoreBatch(
  program: Program,
  examples: readonly SplitExample[],
  context: ScoreContext,
): Promise<ExampleTrace[]> {
  const limit = pLimit(context.concurrency ?? context.lm.concurrency);
  const traces = await Promise.all(
    examples.map((example) =>
      limit(async (): Promise<ExampleTrace> => {
        context.signal?.throwIfAborted();
        const answer = await answerQuestion(program, {
          lm: context.lm,
          memories: context.memories,
          example,
        }, {
          temperature: 0,
          secrets: context.secrets ?? [],
          ...(context.signal ? { signal: context.signal } : {}),
        });
        const text = answer.error === null ? answer.parsed.answer : "";
        const f1 = answer.error === null ? locomoF1(text, example.answer, example.category) : 0;
        return {
          id: example.id,
          category: example.category,
          question: example.question,
          memories: answer.prompt.units.map((u) => u.line),
          answer: text,
          gold: example.answer === null ? null : String(example.answer),
          f1,
          verdict: null,
          score: f1,
          error: answer.error,
        };
      })
    ),
  );
  const metric = context.metric ?? "f1";
  if (metric === "f1" || !context.judgeLm) return traces;
  const judged = await verdicts(
    traces,
    examples,
    context.judgeLm,
    context.lm.model,
    context.signal,
  );
  return traces.map((t) => {
    const verdict = judged.get(t.id) ?? null;
    if (verdict === null) return t;
    return { ...t, verdict, score: metric === "llm" ? verdict : (t.f1 + verdict) / 2 };
  });
}
