import assert from "node:assert/strict";
import { createProgressBar, formatDuration, progressLine } from "./progress_bar.ts";

Deno.test("plain progress prints a line per update with fields, elapsed time and ETA", () => {
  const lines: string[] = [];
  let t = 0;
  const bar = createProgressBar(4, {
    mode: "plain",
    label: "train step",
    fields: { reward: "-", val: "-" },
    write: (l) => lines.push(l),
    now: () => t,
  });
  t = 10_000;
  bar.update(1, { reward: "0.500", val: "0.100" });
  assert.deepEqual(lines, [
    "train step 1/4 | reward 0.500 | val 0.100 | elapsed 10s | ETA 30s",
  ]);
  bar.stop();
  assert.equal(lines.length, 1, "stop repeats nothing already printed");
});

Deno.test("plain progress with plainEveryMs prints at most one line per period, and the last", () => {
  const lines: string[] = [];
  let t = 0;
  const bar = createProgressBar(100, {
    mode: "plain",
    plainEveryMs: 10_000,
    write: (l) => lines.push(l),
    now: () => t,
  });
  for (let i = 1; i <= 100; i++) {
    t = i * 500;
    bar.update(i);
  }
  bar.stop();
  assert.equal(lines.length, 6, lines.join("\n")); // at 0.5 s, 10.5, 20.5, 30.5, 40.5 s and 100/100
  assert.match(lines.at(-1)!, /^100\/100 \| elapsed 50s \| ETA 0s$/);
});

Deno.test("formatDuration() and progressLine() read well", () => {
  assert.equal(formatDuration(95), "1m 35s");
  assert.equal(formatDuration(4000), "1h 06m");
  assert.equal(
    progressLine("x", { value: 0, total: 3, fields: {} }, 0),
    "x 0/3 | elapsed 0s | ETA ?",
  );
});
