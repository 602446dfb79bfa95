/**
 * Validation during GRPO: greedy answers on a fixed sample, scored with the official F1.
 *
 * @module
 */

import {
  ANSWERABLE_CATEGORIES,
  CATEGORY_IDS,
  CATEGORY_NAMES,
  type SplitExample,
} from "../data/mod.ts";
import type { LmClient } from "../lm/mod.ts";
import { locomoF1 } from "../metrics/mod.ts";
import { answerQuestion, type MemoryBank, type Program } from "../program/mod.ts";

/** The result of one validation pass. */
export interface ValidationResult {
  /** Mean official F1 over all validation questions (errors count 0). */
  score: number;
  /** Mean over categories 1–4. */
  answerableScore: number;
  /** Share of abstentions on categories 1–4. */
  abstentionRate: number;
  /** Mean F1 by category name. */
  byCategory: Record<string, number>;
  /** Questions scored. */
  count: number;
  /** Questions whose LM call failed. */
  errors: number;
  /** Format failures (empty answers). */
  formatFailures: number;
  /** Per-question rows: id, category, prediction, F1. */
  rows: { id: string; category: number; prediction: string; f1: number; error: string | null }[];
}

/**
 * Answers every example greedily (temperature 0) and scores it with `locomoF1`.
 */
export async function validate(
  program: Program,
  examples: readonly SplitExample[],
  context: {
    lm: LmClient;
    memories: MemoryBank;
    secrets?: readonly string[];
    signal?: AbortSignal;
  },
): Promise<ValidationResult> {
  const rows = await Promise.all(examples.map(async (example) => {
    const answer = await answerQuestion(program, { ...context, example }, {
      temperature: 0,
      ...(context.secrets ? { secrets: context.secrets } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
    });
    const f1 = answer.error ? 0 : locomoF1(answer.parsed.answer, example.answer, example.category);
    return {
      id: example.id,
      category: example.category,
      prediction: answer.parsed.answer,
      f1,
      error: answer.error,
      abstained: answer.parsed.abstained,
      formatFailure: answer.parsed.formatFailure,
    };
  }));
  const mean = (xs: number[]) => xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
  const answerable = rows.filter((r) => ANSWERABLE_CATEGORIES.includes(r.category as 1));
  const byCategory: Record<string, number> = {};
  for (const c of CATEGORY_IDS) {
    const inCat = rows.filter((r) => r.category === c);
    if (inCat.length > 0) byCategory[CATEGORY_NAMES[c]] = mean(inCat.map((r) => r.f1));
  }
  return {
    score: mean(rows.map((r) => r.f1)),
    answerableScore: mean(answerable.map((r) => r.f1)),
    abstentionRate: mean(answerable.map((r) => r.abstained ? 1 : 0)),
    byCategory,
    count: rows.length,
    errors: rows.filter((r) => r.error !== null).length,
    formatFailures: rows.filter((r) => r.formatFailure).length,
    rows: rows.map(({ id, category, prediction, f1, error }) => ({
      id,
      category,
      prediction,
      f1,
      error,
    })),
  };
}
