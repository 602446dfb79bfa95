import assert from "node:assert/strict";
import { parseHTML } from "../deps.ts";
import { barChart } from "./bar_chart.ts";
import { PALETTE, systemColors } from "./chart_options.ts";
import { lineChart } from "./line_chart.ts";

const SYSTEMS = [
  "untrained",
  "trained (GRPO)",
  "mem0 baseline",
  "full context",
  "bm25 k=10",
  "oracle evidence",
];
const CATEGORIES = [
  "multi-hop (1)",
  "temporal (2)",
  "open-domain (3)",
  "single-hop (4)",
  "overall",
];
/** F1 × 100 rounded to 0.1, as the evaluation report charts it. */
const SIX_BY_FIVE = SYSTEMS.flatMap((system, i) =>
  CATEGORIES.map((category, j) => ({
    category,
    system,
    f1: Math.round((10 + 7 * i + 5 * j + (i * j) % 3) * 10.37) / 10,
  }))
);

interface Box {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

type El = {
  tagName: string;
  textContent: string;
  parentElement: El | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<El>;
};

function inherited(el: El, name: string): string | null {
  for (let e: El | null = el; e !== null; e = e.parentElement) {
    const value = e.getAttribute(name);
    if (value !== null) return value;
  }
  return null;
}

function translateOf(el: El): { x: number; y: number; rotate: number } {
  const t = el.getAttribute("transform") ?? "";
  const tr = t.match(/translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)/);
  const rot = t.match(/rotate\(([-\d.e]+)\)/);
  return {
    x: tr ? Number(tr[1]) : 0,
    y: tr ? Number(tr[2]) : 0,
    rotate: rot ? Number(rot[1]) : 0,
  };
}

/**
 * The approximate page box of every non-empty text in `svg`: positions from the translate
 * transforms and x/y attributes of the element and its ancestors, width 0.6 em a character,
 * rotation applied to the box's corners.
 */
function textBoxes(svg: string): Box[] {
  const { document } = parseHTML(`<html><body>${svg}</body></html>`) as unknown as {
    document: El;
  };
  const boxes: Box[] = [];
  for (const el of document.querySelectorAll("text")) {
    const text = el.textContent.trim();
    if (text === "") continue;
    const size = Number(inherited(el, "font-size") ?? 10);
    let x = Number(el.getAttribute("x") ?? 0);
    let y = Number(el.getAttribute("y")?.replace(/em$/, "") ?? 0) *
      (el.getAttribute("y")?.endsWith("em") ? size : 1);
    const own = translateOf(el);
    x += own.x;
    y += own.y;
    for (let e = el.parentElement; e !== null; e = e.parentElement) {
      const t = translateOf(e);
      x += t.x + (e.tagName.toLowerCase() === "svg" ? Number(e.getAttribute("x") ?? 0) : 0);
      y += t.y + (e.tagName.toLowerCase() === "svg" ? Number(e.getAttribute("y") ?? 0) : 0);
    }
    const width = text.length * size * 0.6;
    const anchor = inherited(el, "text-anchor") ?? "start";
    const start = anchor === "middle" ? -width / 2 : anchor === "end" ? -width : 0;
    // Corners relative to the anchor point (y-em offsets already applied to the baseline).
    const corners = [[start, -0.8 * size], [start + width, -0.8 * size], [start, 0.2 * size], [
      start + width,
      0.2 * size,
    ]];
    const a = (own.rotate * Math.PI) / 180;
    const turned = corners.map(([cx, cy]) => [
      x + cx! * Math.cos(a) - cy! * Math.sin(a),
      y + cx! * Math.sin(a) + cy! * Math.cos(a),
    ]);
    boxes.push({
      text,
      left: Math.min(...turned.map((p) => p[0]!)),
      right: Math.max(...turned.map((p) => p[0]!)),
      top: Math.min(...turned.map((p) => p[1]!)),
      bottom: Math.max(...turned.map((p) => p[1]!)),
    });
  }
  return boxes;
}

function overlaps(boxes: readonly Box[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 0.5 && h > 0.5) found.push(`"${a.text}" × "${b.text}"`);
    }
  }
  return found;
}

for (const width of [860, 640]) {
  Deno.test(`6 systems × 5 categories at ${width} px: rounded labels, a legend, no overlap`, () => {
    const chart = barChart(SIX_BY_FIVE, {
      x: "category",
      y: "f1",
      group: "system",
      title: "Official LOCOMO F1 by category",
      yLabel: "official F1 (%)",
      yDomain: [0, 100],
      width,
      height: 360,
    });
    const boxes = textBoxes(chart.svg);
    assert.deepEqual(overlaps(boxes), [], "no two text labels overlap");
    const texts = boxes.map((b) => b.text);
    for (const name of [...SYSTEMS, ...CATEGORIES, "official F1 (%)", "category"]) {
      assert.ok(texts.some((t) => t.includes(name)), `"${name}" is on the chart`);
    }
    const values = texts.filter((t) => /^\d+\.\d+$/.test(t));
    assert.equal(values.length, 30, "every bar has its value");
    assert.ok(values.every((v) => /^\d+\.\d$/.test(v)), `one decimal: ${values.join(" ")}`);
    assert.ok(values.includes("28.6") || values.some((v) => v.endsWith(".6")));
    const legend = chart.svg.match(/<g aria-label="legend">.*?<\/g>/)?.[0] ?? "";
    assert.equal((legend.match(/<rect/g) ?? []).length, 6, "one legend swatch per system");
    assert.match(chart.text, /untrained: \d+\.\d$/m);
  });
}

Deno.test("F1 × 100 reads 28.6, a share 0.65, a count 282; decimals overrides", () => {
  const f1 = barChart([{ c: "a", v: 28.6 }, { c: "b", v: 13.7 }], { x: "c", y: "v" });
  assert.match(f1.svg, />28\.6</);
  assert.doesNotMatch(f1.svg, /28\.600/);
  const share = barChart([{ c: "a", v: 0.6523 }], { x: "c", y: "v" });
  assert.match(share.svg, />0\.65</);
  const count = barChart([{ c: "a", v: 282 }], { x: "c", y: "v" });
  assert.match(count.svg, />282</);
  const fixed = barChart([{ c: "a", v: 0.6523 }], { x: "c", y: "v", decimals: 3 });
  assert.match(fixed.svg, />0\.652</);
  assert.throws(() => barChart([], { x: "c", y: "v", decimals: 1.5 }), RangeError);
});

Deno.test("axes are labelled on single and grouped bar charts and on line charts", () => {
  const single = barChart([{ c: "a", v: 1 }], { x: "c", y: "v", xLabel: "X!", yLabel: "Y!" });
  const grouped = barChart([{ c: "a", g: "s", v: 1 }], {
    x: "c",
    y: "v",
    group: "g",
    xLabel: "X!",
    yLabel: "Y!",
  });
  const line = lineChart([{ k: 1, v: 1 }], { x: "k", y: "v", xLabel: "X!", yLabel: "Y!" });
  for (const svg of [single.svg, grouped.svg, line.svg]) {
    const texts = textBoxes(svg).map((b) => b.text);
    assert.ok(texts.some((t) => t.includes("X!")), "x axis label");
    assert.ok(texts.some((t) => t.includes("Y!")), "y axis label");
  }
});

Deno.test("series names go to a legend: no overlap where lines end together", () => {
  const names = ["multi-hop", "temporal", "open-domain", "single-hop", "adversarial"];
  const data = names.flatMap((category) =>
    [1, 5, 10].map((k) => ({ k, category, recall: 0.3 + 0.05 * k / 10 }))
  );
  const chart = lineChart(data, { x: "k", y: "recall", series: "category", yDomain: [0, 1] });
  assert.deepEqual(overlaps(textBoxes(chart.svg)), []);
  const legend = chart.svg.match(/<g aria-label="legend">.*?<\/g>/)?.[0] ?? "";
  for (const name of names) assert.match(legend, new RegExp(`>${name}<`));
});

Deno.test("one colour per system across charts: systemColors() fixes the mapping", () => {
  const colors = systemColors(SYSTEMS);
  assert.equal(colors["trained (GRPO)"], PALETTE[1]);
  const subset = SIX_BY_FIVE.filter((d) =>
    d.system === "trained (GRPO)" || d.system === "bm25 k=10"
  );
  const bar = barChart(subset, { x: "category", y: "f1", group: "system", colors });
  const line = lineChart(subset.map((d, i) => ({ ...d, i })), {
    x: "i",
    y: "f1",
    series: "system",
    colors,
  });
  for (const svg of [bar.svg, line.svg]) {
    const legend = svg.match(/<g aria-label="legend">.*?<\/g>/)?.[0] ?? "";
    const swatch = (name: string) =>
      legend.match(
        new RegExp(`fill="(#[0-9a-f]+)"></rect><text[^>]*>${name.replace(/[()]/g, "\\$&")}<`),
      )
        ?.[1];
    assert.equal(swatch("trained (GRPO)"), colors["trained (GRPO)"]);
    assert.equal(swatch("bm25 k=10"), colors["bm25 k=10"]);
  }
});
