import assert from "node:assert/strict";
import { JUPYTER_DISPLAY, type View } from "./display_bundle.ts";
import { kernelDisplay, liveChart } from "./live_chart.ts";

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
