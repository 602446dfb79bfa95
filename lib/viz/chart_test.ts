import assert from "node:assert/strict";
import { barChart } from "./bar_chart.ts";
import { displayBundle } from "./display_bundle.ts";
import { lineChart } from "./line_chart.ts";

const counts = [
  { category: "multi-hop", n: 282 },
  { category: "temporal", n: 321 },
  { category: "adversarial", n: 446 },
];

Deno.test("barChart() gives standalone SVG with xmlns and a text fallback", () => {
  const bundle = displayBundle(barChart(counts, { x: "category", y: "n", title: "By category" }));
  assert.deepEqual(Object.keys(bundle).sort(), ["image/svg+xml", "text/plain"]);
  const svg = bundle["image/svg+xml"]!;
  assert.match(svg, /^<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /<\/svg>$/);
  assert.equal((svg.match(/<rect/g) ?? []).length, 3);
  assert.match(bundle["text/plain"]!, /By category[\s\S]*temporal: 321/);
});

Deno.test("barChart() keeps categories in data order", () => {
  const svg = barChart(counts, { x: "category", y: "n" }).svg;
  const order = ["multi-hop", "temporal", "adversarial"].map((c) => svg.indexOf(`>${c}<`));
  assert.ok(order.every((i) => i > 0), "every category labelled");
  assert.deepEqual([...order].sort((a, b) => a - b), order);
});

Deno.test("barChart() groups bars side by side by a field", () => {
  const data = ["train", "test"].flatMap((split) => counts.map((c) => ({ ...c, split })));
  const chart = barChart(data, { x: "category", y: "n", group: "split" });
  const legend = chart.svg.match(/<g aria-label="legend">.*?<\/g>/)?.[0] ?? "";
  assert.equal((legend.match(/<rect/g) ?? []).length, 2, "one legend swatch per split");
  assert.equal((chart.svg.match(/<rect/g) ?? []).length, 6 + 2);
  assert.match(chart.text, /temporal \/ test: 321/);
});

Deno.test("barChart() and lineChart() escape the title and data text", () => {
  const evil = "<script>alert(1)</script>";
  const bar = barChart([{ c: evil, n: 1 }], { x: "c", y: "n", title: evil }).svg;
  const line = lineChart([{ k: 1, r: 0.5, s: evil }], { x: "k", y: "r", series: "s", title: evil })
    .svg;
  for (const svg of [bar, line]) {
    assert.ok(!svg.includes("<script>"), svg);
    assert.match(svg, /&lt;script&gt;/);
  }
});

Deno.test("lineChart() draws one labelled line per series", () => {
  const data = ["temporal", "multi-hop"].flatMap((s, i) =>
    [1, 5, 10].map((k) => ({ k, recall: 0.1 * k / (i + 1), s }))
  );
  const chart = lineChart(data, { x: "k", y: "recall", series: "s", yDomain: [0, 1] });
  const bundle = displayBundle(chart);
  assert.match(bundle["image/svg+xml"]!, /xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.equal((chart.svg.match(/<path/g) ?? []).length >= 2, true);
  assert.match(chart.svg, />temporal</);
  assert.match(chart.svg, />multi-hop</);
  assert.match(chart.text, /temporal: \(1, 0\.10\) \(5, 0\.50\) \(10, 1\.00\)/);
});

Deno.test("charts reject missing fields and bad sizes with the value", () => {
  assert.throws(() => barChart(counts, { x: "", y: "n" }), TypeError);
  assert.throws(() => lineChart([], { x: "k", y: "r", width: 10 }), {
    name: "RangeError",
    message: /width.*10/,
  });
  assert.throws(() => lineChart([], { x: "k", y: "r", yDomain: [1, 0] }), RangeError);
});
