import assert from "node:assert/strict";
import type { JudgeVerdict } from "./judge_types.ts";
import { formatJudgeScore, sampleStd, scoreByCategory, scoreVerdicts } from "./judge_summary.ts";

const v = (run: number, category: 1 | 2, correct: boolean): JudgeVerdict => ({
  id: `q${run}${category}${correct}`,
  category,
  run,
  label: correct ? "CORRECT" : "WRONG",
  reason: "",
  cached: false,
});

Deno.test("sampleStd() uses n − 1 and is 0 for one value", () => {
  assert.equal(sampleStd([0.5]), 0);
  assert.ok(Math.abs(sampleStd([0.5, 0.7]) - Math.sqrt(0.02)) < 1e-12);
});

Deno.test("scoreVerdicts() gives the mean and std of per-run J", () => {
  const verdicts = [v(0, 1, true), v(0, 1, true), v(1, 1, true), v(1, 1, false)];
  const score = scoreVerdicts(verdicts, { runs: 2, questions: 2 });
  assert.deepEqual(score.perRun, [1, 0.5]);
  assert.equal(score.mean, 0.75);
  assert.ok(Math.abs(score.std! - Math.sqrt(0.125)) < 1e-12);
  assert.equal(formatJudgeScore(score), "75.00 ± 35.36");
});

Deno.test("scoreVerdicts() reports null, not zero, when nothing was judged", () => {
  const score = scoreVerdicts([], { runs: 2, questions: 3 });
  assert.equal(score.mean, null);
  assert.equal(formatJudgeScore(score), "n/a");
});

Deno.test("scoreByCategory() scores each category with questions on its own", () => {
  const out = scoreByCategory([v(0, 1, true), v(0, 2, false)], {
    runs: 1,
    questionsByCategory: { 1: 1, 2: 1 },
  });
  assert.equal(out[1]?.mean, 1);
  assert.equal(out[2]?.mean, 0);
  assert.equal(out[3], undefined);
});
