import assert from "node:assert/strict";
import type { SplitExample } from "../data/split_locomo.ts";
import type { ProgramAnswer } from "../program/answer_question.ts";
import { buildPredictionRow, evidenceRecall, goldText, withError } from "./prediction_row.ts";
import { testRow } from "../../tests/fixtures/eval_rows.ts";

const example: SplitExample = {
  id: "conv-x:q3",
  sampleId: "conv-x",
  question: "Where did Ana move?",
  answer: "Berlin",
  category: 4,
  evidence: ["D1:2", "D2:5"],
};

function answer(text: string, error: string | null = null): ProgramAnswer {
  return {
    prompt: {
      messages: [],
      units: [],
      diaIds: ["D1:1", "D1:2"],
      memoryTokens: 12,
      omittedUnits: 0,
    },
    completions: error ? [] : [text],
    parsed: { answer: error ? "" : text, abstained: false, formatFailure: error !== null },
    result: error ? undefined : {
      text,
      texts: [text],
      finishReason: "stop",
      usage: { promptTokens: 120, completionTokens: 3 },
      latencyMs: 42,
      cached: false,
      attempts: 1,
    },
    error,
  };
}

Deno.test("buildPredictionRow() scores the answer with the official F1 and evidence recall", () => {
  const row = buildPredictionRow(example, answer("Berlin"), { system: "memory" });
  assert.equal(row.f1, 1);
  assert.equal(row.evidenceRecall, 0.5);
  assert.deepEqual(row.retrievedDiaIds, ["D1:1", "D1:2"]);
  assert.equal(row.promptTokens, 120);
  assert.equal(row.gold, "Berlin");
  assert.equal(row.error, null);
});

Deno.test("buildPredictionRow() counts a failed call as wrong, for the judge too", () => {
  const row = buildPredictionRow(example, answer("", "HTTP 500 after 5 attempts"), {
    system: "memory",
    judged: true,
  });
  assert.equal(row.f1, 0);
  assert.equal(row.judgeVerdict, "WRONG");
  assert.equal(row.error, "HTTP 500 after 5 attempts");
  assert.equal(row.prediction, "");
});

Deno.test("withError() leaves category 5 unjudged (J excludes it)", () => {
  const row = withError(testRow("memory", "q", { category: 5 }), "timeout", { judged: true });
  assert.equal(row.judgeVerdict, null);
  assert.equal(row.f1, 0);
});

Deno.test("evidenceRecall() is null without evidence and counts each evidence id once", () => {
  assert.equal(evidenceRecall(["D1:1"], []), null);
  assert.equal(evidenceRecall([], ["D1:1"]), 0);
  assert.equal(evidenceRecall(["D1:1", "D1:1"], ["D1:1", "D1:1"]), 1);
});

Deno.test("goldText() stringifies integer answers like the official scorer", () => {
  assert.equal(goldText(2022), "2022");
  assert.equal(goldText(null), null);
});
