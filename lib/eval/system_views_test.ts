import assert from "node:assert/strict";
import { testRow } from "../../tests/fixtures/eval_rows.ts";
import type { TableView } from "../viz/table.ts";
import type { PredictionRow } from "./eval_types.ts";
import { summarizeRows } from "./eval_summary.ts";
import { categoryTable, systemsTable } from "./system_views.ts";

const categories = [2, 2, 4, 4, 5, 5] as const;
function rowsOf(system: string, f1s: number[], verdicts: ("CORRECT" | "WRONG")[] = []) {
  return f1s.map((f1, i): PredictionRow =>
    testRow(system, `q${i}`, {
      category: categories[i]!,
      f1,
      judgeVerdict: categories[i] === 5 ? null : verdicts[i] ?? null,
    })
  );
}

const rowsOfView = (view: unknown) => (view as TableView).rows;

Deno.test("systemsTable() shows each system's F1, its paired gain over the baseline and its cost", () => {
  const summary = summarizeRows(["base", "tuned"], [
    ...rowsOf("base", [0, 0, 1, 0, 0, 0]),
    ...rowsOf("tuned", [1, 0, 1, 1, 1, 0]),
  ], { seed: 1 });
  const rows = rowsOfView(systemsTable(summary, {
    costs: {
      tuned: [{ calls: 10, rollouts: 80, tokens: 500, seconds: 2 }, {
        metricCalls: 30,
        taskPromptTokens: 900,
        taskCompletionTokens: 100,
        wallMs: 1500,
      }],
    },
  }));
  assert.deepEqual(rows.map((r) => [r.system, r["F1 %"], r["vs base (points)"]]), [
    ["base", "16.7", "–"],
    ["tuned", "66.7", rows[1]!["vs base (points)"]],
  ]);
  assert.match(String(rows[1]!["vs base (points)"]), /^50\.0 \[-?\d+\.\d, \d+\.\d\]$/);
  assert.deepEqual(
    [rows[1]!["policy calls"], rows[1]!.rollouts, rows[1]!.tokens, rows[1]!["wall time (s)"]],
    [40, 110, 1500, "3.5"],
  );
  assert.equal(rows[0]!["policy calls"], 0);
  assert.equal("J %" in rows[0]!, false);
  // Compared the other way round: the difference is flipped.
  const flipped = rowsOfView(systemsTable(summary, { baseline: "tuned" }));
  assert.match(String(flipped[0]!["vs tuned (points)"]), /^-50\.0 \[/);
  assert.throws(() => systemsTable(summary, { baseline: "nobody" }), RangeError);
  assert.throws(() => systemsTable(summary, { costs: { nobody: [] } }), RangeError);
});

Deno.test("categoryTable() puts official F1 next to J per category, J left empty on category 5", () => {
  const summary = summarizeRows(
    ["trained"],
    rowsOf("trained", [0.5, 0, 1, 0.5, 1, 0], ["CORRECT", "WRONG", "CORRECT", "CORRECT"]),
    { seed: 1, judgeMode: "both" },
  );
  const rows = rowsOfView(categoryTable(summary));
  assert.deepEqual(rows.map((r) => [r.category, r.questions, r["F1 (official)"], r["J (judge)"]]), [
    ["temporal", 2, 0.25, 0.5],
    ["single-hop", 2, 0.75, 1],
    ["adversarial", 2, 0.5, null],
    ["all", 6, 0.5, 0.75],
  ]);
  const without = rowsOfView(categoryTable(summarizeRows(["a"], rowsOf("a", [1, 1, 1, 1, 1, 1]))));
  assert.equal("J (judge)" in without[0]!, false);
  assert.throws(() => categoryTable(summary, { systems: ["nobody"] }), RangeError);
});
