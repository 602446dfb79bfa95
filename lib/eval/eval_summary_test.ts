import assert from "node:assert/strict";
import { abstentionNotes, answerableMean } from "./abstention.ts";
import { summarizeRows } from "./eval_summary.ts";
import { testRow } from "../../tests/fixtures/eval_rows.ts";

const rowsOf = (system: string, f1s: number[], error: (i: number) => string | null = () => null) =>
  f1s.map((f1, i) =>
    testRow(system, `q${i}`, {
      category: i % 2 === 0 ? 2 : 4,
      f1,
      error: error(i),
      judgeVerdict: error(i) !== null ? "WRONG" : f1 > 0.5 ? "CORRECT" : "WRONG",
    })
  );

Deno.test("summarizeRows() counts failed rows as wrong per category and overall", () => {
  // q0 and q2 (temporal) score 1, but q2 failed: temporal is 0.5, not 1.
  const rows = rowsOf("memory", [1, 0, 1, 0], (i) => i === 2 ? "HTTP 500" : null);
  const summary = summarizeRows(["memory"], rows, { judgeMode: "both" });
  const s = summary.systems[0]!;
  assert.equal(s.errors, 1);
  assert.equal(s.f1.byCategory.find((c) => c.category === 2)!.mean, 0.5);
  assert.equal(s.f1.overall.mean, 0.25);
  assert.equal(s.judge!.overall.mean, 0.25);
  assert.equal(summary.failedRows, 1);
  assert.equal(s.f1.byCategory.find((c) => c.category === 2)!.count, 2);
});

Deno.test("summarizeRows() leaves J out when only the official F1 was asked", () => {
  const summary = summarizeRows(["memory"], rowsOf("memory", [1, 0]), { judgeMode: "f1" });
  assert.equal(summary.systems[0]!.judge, null);
  assert.equal(summary.comparisons.length, 0);
});

Deno.test("summarizeRows() compares systems question by question", () => {
  const rows = [...rowsOf("a", [1, 1, 1, 1, 0, 1]), ...rowsOf("b", [0, 0, 0, 0, 0, 0])];
  const summary = summarizeRows(["a", "b"], rows, { seed: 7 });
  const c = summary.comparisons[0]!;
  assert.equal(c.a, "a");
  assert.ok(Math.abs(c.f1.overall.difference - 5 / 6) < 1e-12);
  assert.ok(c.f1.overall.ci.low > 0, "a clear win excludes 0");
});

Deno.test("summarizeRows() gives the same intervals for the same seed", () => {
  const rows = rowsOf("memory", [1, 0, 0.5, 0.2, 0.9, 0]);
  const a = summarizeRows(["memory"], rows, { seed: 3 });
  const b = summarizeRows(["memory"], rows, { seed: 3 });
  assert.deepEqual(a.systems[0]!.f1.overall.ci, b.systems[0]!.f1.overall.ci);
});

Deno.test("summarizeRows() refuses systems answered on different questions", () => {
  const rows = [...rowsOf("a", [1, 1]), ...rowsOf("b", [1])];
  assert.throws(() => summarizeRows(["a", "b"], rows), RangeError);
});

Deno.test("summarizeRows() reports latency percentiles and tokens over answered rows", () => {
  const rows = [10, 20, 30, 40, 1000].map((latencyMs, i) =>
    testRow("m", `q${i}`, {
      latencyMs,
      promptTokens: i === 4 ? 0 : 100,
      error: i === 4 ? "x" : null,
    })
  );
  const s = summarizeRows(["m"], rows).systems[0]!;
  assert.equal(s.latencyMs!.p50, 25);
  assert.equal(s.promptTokensPerQuestion, 100);
});

Deno.test("summarizeRows(): a row not judged keeps its F1 and is left out of J, counted apart", () => {
  const rows = [
    testRow("memory", "q0", { f1: 1, judgeVerdict: "CORRECT" }),
    testRow("memory", "q1", { f1: 0.8, judgeError: "judge failed: timeout" }),
    testRow("memory", "q2", { f1: 0, judgeVerdict: "WRONG" }),
  ];
  const s = summarizeRows(["memory"], rows, { judgeMode: "both" }).systems[0]!;
  assert.equal(s.f1.overall.mean, 0.6, "F1 counts the unjudged row's 0.8");
  assert.equal(s.judge!.overall.mean, 0.5, "J over the two verdicts only");
  assert.equal(s.judge!.overall.count, 2);
  assert.equal(s.notJudged, 1);
});

Deno.test("abstentionNotes() names a system whose F1 comes mostly from abstaining", () => {
  const cats = [1, 2, 4, 5] as const;
  const rows = [
    ...cats.map((c, i) => testRow("abstains", `q${i}`, { category: c, f1: c === 5 ? 1 : 0 })),
    ...cats.map((c, i) => testRow("answers", `q${i}`, { category: c, f1: c === 5 ? 0 : 0.5 })),
  ];
  const summary = summarizeRows(["abstains", "answers"], rows);
  const notes = abstentionNotes(summary);
  assert.equal(notes.length, 1);
  assert.match(notes[0]!, /^abstains: 100 % of its overall F1 .* categories 1–4 it scores 0\.0/);
  const answers = summary.systems.find((s) => s.name === "answers")!;
  assert.equal(answerableMean(answers.f1), 0.5);
});

Deno.test("summarizeRows() reports abstention on answerable and adversarial questions apart", () => {
  const abstain = "Not mentioned in the conversation";
  const rows = [
    testRow("memory", "q1", { category: 1, prediction: abstain }),
    testRow("memory", "q2", { category: 4 }),
    testRow("memory", "q3", { category: 4 }),
    testRow("memory", "q4", { category: 4 }),
    testRow("memory", "q5", { category: 5, prediction: abstain }),
    testRow("memory", "q6", { category: 5, prediction: "Berlin" }),
  ];
  const [memory] = summarizeRows(["memory"], rows).systems;
  assert.deepEqual(memory!.abstention, { answerable: 0.25, adversarial: 0.5 });
  const none = summarizeRows(["memory"], rows.slice(0, 4)).systems[0]!;
  assert.equal(none.abstention.adversarial, null);
});
