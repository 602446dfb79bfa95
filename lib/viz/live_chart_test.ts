import assert from "node:assert/strict";
import { JUPYTER_DISPLAY, type View } from "./display_bundle.ts";
import { kernelDisplay, liveChart, liveTrainingChart } from "./live_chart.ts";

const view = (text: string): View => ({ text, [JUPYTER_DISPLAY]: () => ({ "text/plain": text }) });

Deno.test("liveChart() creates one output and then updates it by display id", async () => {
  const calls: [string, { display_id: string; update: boolean }][] = [];
  const live = liveChart({
    displayId: "rewards",
    display: (value, options) => {
      calls.push([value[JUPYTER_DISPLAY]()["text/plain"]!, options]);
    },
  });
  assert.equal(live.active, true);
  await live.show(view("step 1"));
  await live.show(view("step 2"));
  assert.deepEqual(calls, [
    ["step 1", { display_id: "rewards", update: false }],
    ["step 2", { display_id: "rewards", update: true }],
  ]);
  assert.equal(live.shown, 2);
});

Deno.test("liveChart() does nothing outside the Deno kernel", async () => {
  assert.equal(kernelDisplay(), null);
  const live = liveChart();
  assert.equal(live.active, false);
  assert.match(live.displayId, /^memgrpo-live-/);
  await live.show(view("ignored"));
  assert.equal(live.shown, 1);
});

Deno.test("liveTrainingChart() records reward, F1 and both abstention series, redrawing in order", async () => {
  const shown: boolean[] = [];
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const chart = liveTrainingChart({
    displayId: "training",
    display: async (_value, options) => {
      if (shown.length === 0) await gate; // the first redraw is slow: the next must wait for it
      shown.push(options.update);
    },
  });
  chart.onValidation(0, {
    answerableScore: 0.05,
    abstentionRate: 0,
    byCategory: { "single-hop": 0.05, adversarial: 0 },
  });
  chart.onProgress({ step: 1, rewardMean: 0.1 });
  chart.onValidation(1, { answerableScore: 0.2, abstentionRate: 0.05, byCategory: {} });
  assert.deepEqual(shown, []);
  release();
  await chart.settled();
  assert.deepEqual(shown, [false, true, true]);
  assert.equal(chart.live.shown, 3);
  assert.deepEqual(chart.points.map((p) => [p.step, p.series, p.value]), [
    [0, "validation F1, categories 1–4", 0.05],
    [0, "abstains on answerable (1–4)", 0],
    [0, "abstains on adversarial (5)", 0],
    [1, "rollout reward", 0.1],
    [1, "validation F1, categories 1–4", 0.2],
    [1, "abstains on answerable (1–4)", 0.05],
  ]);
});

Deno.test("liveTrainingChart() callbacks resolve once their redraw is shown, so a trainer that awaits them ends with the chart complete", async () => {
  const shown: number[] = [];
  const chart = liveTrainingChart({
    display: async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      shown.push(chart.points.length);
    },
  });
  await chart.onValidation(0, { answerableScore: 0.1, abstentionRate: 0, byCategory: {} });
  assert.equal(shown.length, 1);
  await chart.onProgress({ step: 1, rewardMean: 0.3 });
  assert.equal(shown.length, 2);
  assert.equal(chart.live.shown, 2);
});
