import assert from "node:assert/strict";
import { displayBundle } from "./display_bundle.ts";
import { table, TableView } from "./table.ts";

Deno.test("table() gives an HTML table and a plain-text fallback", () => {
  const bundle = displayBundle(
    table([{ category: "temporal", questions: 321 }, { category: "single-hop", questions: 841 }], {
      caption: "Questions",
    }),
  );
  assert.deepEqual(Object.keys(bundle).sort(), ["text/html", "text/plain"]);
  assert.match(bundle["text/html"]!, /<caption>Questions<\/caption>/);
  assert.match(bundle["text/html"]!, /<th[^>]*>category<\/th><th[^>]*>questions<\/th>/);
  assert.match(
    bundle["text/html"]!,
    /<td style="text-align:left">single-hop<\/td><td style="text-align:right">841<\/td>/,
  );
  assert.equal(
    bundle["text/plain"],
    "Questions\ncategory    questions\n----------  ---------\ntemporal    321\nsingle-hop  841",
  );
});

Deno.test("table() escapes user text in cells, headers and caption", () => {
  const html = table([{ "<b>": "<script>alert(1)</script>" }], { caption: "a & b" }).html!;
  assert.ok(!html.includes("<script>"));
  assert.ok(!html.includes("<b>"));
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /<caption>a &amp; b<\/caption>/);
});

Deno.test("table() keeps the given column order and labels, and rounds non-integers", () => {
  const view = new TableView([{ a: 1, b: 0.123456, c: null }], {
    columns: ["b", { key: "a", label: "A" }, "c"],
    digits: 2,
  });
  assert.deepEqual(view.cells(), [["0.12", "1", ""]]);
  assert.match(view.html, /<th[^>]*>b<\/th><th[^>]*>A<\/th><th[^>]*>c<\/th>/);
});

Deno.test("table() rejects a bad digits option with its value", () => {
  assert.throws(() => table([], { digits: -1 }), { name: "RangeError", message: /digits.*-1/ });
});
