/**
 * Prediction rows for the harness's unit tests.
 *
 * @module
 */

import type { CategoryId } from "../data/categories.ts";
import type { PredictionRow } from "./eval_types.ts";

/** A finished row of `system` on question `questionId`; fields can be overridden. */
export function testRow(
  system: string,
  questionId: string,
  fields: Partial<PredictionRow> & { category?: CategoryId } = {},
): PredictionRow {
  return {
    system,
    questionId,
    sampleId: "conv-x",
    category: 4,
    question: `question ${questionId}?`,
    prediction: "Berlin",
    gold: "Berlin",
    f1: 1,
    judgeVerdict: null,
    judgeReason: null,
    retrievedDiaIds: ["D1:1"],
    evidenceRecall: 1,
    promptTokens: 100,
    completionTokens: 2,
    latencyMs: 10,
    cached: false,
    error: null,
    ...fields,
  };
}
