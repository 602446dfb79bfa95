import assert from "node:assert/strict";
import { testRow } from "../../tests/fixtures/eval_rows.ts";
import type { TableView } from "../viz/table.ts";
import type { PredictionRow } from "./eval_types.ts";
import { summarizeRows } from "./eval_summary.ts";
import { abstentionTable, categoryChart, gainTable } from "./summary_views.ts";

const ABSTAIN = "Not mentioned in the conversation";

/** Six questions: two temporal (2), two single-hop (4), two adversarial (5). */
function rowsOf(system: string, f1s: number[], predictions: string[]): PredictionRow[] {
  const categories = [2, 2, 4, 4, 5, 5] as const;
  return f1s.map((f1, i) =>
    testRow(system, `q${i}`, { category: categories[i]!, f1, prediction: predictions[i]! })
  );
}

const trained = rowsOf("trained", [1, 0.5, 1, 0, 1, 1], ["a", "b", "c", ABSTAIN, ABSTAIN, ABSTAIN]);
const untrained = rowsOf("untrained", [0, 0.5, 0, 0, 0, 0], ["x", "y", "z", "w", "v", "u"]);
const summary = summarizeRows(["trained", "untrained"], [...trained, ...untrained], { seed: 1 });

const rowsOfView = (view: unknown) => (view as TableView).rows;

Deno.test("gainTable() shows the gain trained − untrained per category and overall, with paired CIs", () => {
  const rows = rowsOfView(gainTable(summary));
  assert.deepEqual(rows.map((r) => r.category), [
    "temporal",
    "single-hop",
    "adversarial",
    "categories 1–4",
    "all",
  ]);
  for (const r of rows) {
    assert.ok(
      Math.abs((r.gain as number) - ((r.trained as number) - (r.untrained as number))) < 1e-12,
    );
    assert.match(String(r["gain 95 % CI (paired)"]), /^-?\d\.\d{3} to -?\d\.\d{3}$/);
    assert.match(String(r["trained 95 % CI"]), / to /);
    assert.match(String(r["untrained 95 % CI"]), / to /);
  }
  const all = rows.at(-1)!;
  assert.equal(all.questions, 6);
  assert.ok(Math.abs((all.gain as number) - 4 / 6) < 1e-12);
  assert.equal(all["gain 95 % CI (paired)"], interval(summary.comparisons[0]!.f1.overall.ci));
});

Deno.test("gainTable() reads the gain on categories 1–4 apart from the abstentions of category 5", () => {
  const answerable = rowsOfView(gainTable(summary)).find((r) => r.category === "categories 1–4")!;
  assert.equal(answerable.questions, 4);
  // trained (1 + 0.5 + 1 + 0) / 4 against untrained (0 + 0.5 + 0 + 0) / 4: half the overall gain.
  assert.ok(Math.abs((answerable.trained as number) - 0.625) < 1e-12);
  assert.ok(Math.abs((answerable.untrained as number) - 0.125) < 1e-12);
  assert.ok(Math.abs((answerable.gain as number) - 0.5) < 1e-12);
  assert.equal(
    answerable["gain 95 % CI (paired)"],
    interval(summary.comparisons[0]!.f1Answerable!.ci),
  );
});

const interval = (ci: { low: number; high: number }) =>
  `${ci.low.toFixed(3)} to ${ci.high.toFixed(3)}`;

Deno.test("gainTable() compares the systems named, in either order of the evaluation", () => {
  const rows = rowsOfView(gainTable(summary, { after: "untrained", before: "trained" }));
  const all = rows.at(-1)!;
  assert.ok(Math.abs((all.gain as number) + 4 / 6) < 1e-12);
  const ci = summary.comparisons[0]!.f1.overall.ci;
  assert.equal(all["gain 95 % CI (paired)"], interval({ low: -ci.high, high: -ci.low }));
  assert.throws(() => gainTable(summary, { after: "nobody" }), RangeError);
});

Deno.test("abstentionTable() splits abstention into answerable (1–4) and adversarial (5) per system", () => {
  const rows = rowsOfView(abstentionTable(summary));
  assert.deepEqual(rows, [
    {
      system: "trained",
      "abstains on answerable (1–4)": 1 / 4,
      "abstains on adversarial (5)": 1,
    },
    { system: "untrained", "abstains on answerable (1–4)": 0, "abstains on adversarial (5)": 0 },
  ]);
});

Deno.test("categoryChart() draws one bar per system and category, plus overall", () => {
  const chart = categoryChart(summary);
  assert.match(chart.svg, /^<svg/);
  assert.match(chart.svg, /overall/);
  assert.match(chart.svg, /6 questions per system/);
});
