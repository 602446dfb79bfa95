import assert from "node:assert/strict";
import { CATEGORY_MAPPING_NOTE } from "../data/categories.ts";
import { summarizeRows } from "./eval_summary.ts";
import { renderReport } from "./report_markdown.ts";
import { testRow } from "../../tests/fixtures/eval_rows.ts";

const rows = ["no-memory", "memory"].flatMap((system, s) =>
  [1, 2, 4, 5].map((category, i) =>
    testRow(system, `q${i}`, {
      category: category as 1 | 2 | 4 | 5,
      f1: s === 0 ? 0 : 1,
      error: s === 0 && i === 0 ? "HTTP 500" : null,
    })
  )
);
const report = renderReport(summarizeRows(["no-memory", "memory"], rows), {
  runInfo: { backend: "embedded" },
});

Deno.test("renderReport() states the category mapping and uses its names", () => {
  assert.ok(report.includes(CATEGORY_MAPPING_NOTE));
  for (const name of ["multi-hop (1)", "temporal (2)", "single-hop (4)", "adversarial (5)"]) {
    assert.ok(report.includes(name), name);
  }
});

Deno.test("renderReport() keeps the published figures in their own section after ours", () => {
  const reference = report.indexOf("## Reference figures");
  assert.ok(reference > report.indexOf("## Overall"));
  const section = report.slice(reference);
  assert.match(section, /full context \| J, categories 1–4 \| 72\.90/);
  assert.match(section, /Mem0 \| J, categories 1–4 \| 66\.88/);
  assert.ok(!report.slice(0, reference).includes("72.90"), "not mixed into our tables");
});

Deno.test("renderReport() says how many rows failed and shows the paired comparison", () => {
  assert.match(report, /1 of 8 rows failed: 1 answers failed, counted as wrong \(1 × HTTP 500\)/);
  assert.match(report, /\| answer \| HTTP 500 \| 1 \| /, "a table of causes");
  assert.match(report, /\| no-memory \| memory \| -100\.0 \[-100\.0, -100\.0\] \|/);
});
