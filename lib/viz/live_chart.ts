/**
 * One notebook output that updates in place (e.g. a reward chart during training).
 *
 * @module
 */

import type { View } from "./display_bundle.ts";

/**
 * A function that shows `value` in a notebook output, like `Deno.jupyter.display`:
 * `display_id` names the output, `update` is `false` to create it and `true` to replace it.
 */
export type DisplayFunction = (
  value: View,
  options: { display_id: string; update: boolean },
) => Promise<void> | void;

/** Options of {@link liveChart}. */
export interface LiveChartOptions {
  /** The output's display id. Default: `memgrpo-live-` plus a random UUID. */
  displayId?: string;
  /**
   * The display function. Default: `Deno.jupyter.display` inside the Deno kernel; `null`
   * (nothing is shown) elsewhere, e.g. under `deno test` or `deno run`. A test hook.
   *
   * @ignore
   */
  display?:
    | ((value: View, options: { display_id: string; update: boolean }) => Promise<void> | void)
    | null;
}

/** A live output: the first {@link LiveChart.show} creates it, later ones replace it. */
export interface LiveChart {
  /** The output's display id. */
  readonly displayId: string;
  /** Whether a display function is attached (false outside a notebook: `show` does nothing). */
  readonly active: boolean;
  /** How many times `show` has been called. */
  readonly shown: number;
  /** Shows `view` in the output, creating it on the first call and updating it afterwards. */
  show(view: View): Promise<void>;
}

/** `Deno.jupyter.display` when running in the Deno kernel, else `null` (accessing it throws). */
export function kernelDisplay(): DisplayFunction | null {
  try {
    const display = Deno.jupyter.display;
    return (value, options) => display(value, options);
  } catch {
    return null;
  }
}

/**
 * A live-updating notebook output: call `show(chart)` after each training step and the same
 * output is redrawn (through `display_id` + `update`). Outside a notebook it does nothing, so
 * code that uses it also runs under `deno run` and `deno test`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { liveChart } from "./live_chart.ts";
 * import { lineChart } from "./line_chart.ts";
 *
 * const live = liveChart({ display: null });
 * await live.show(lineChart([{ step: 1, reward: 0.2 }], { x: "step", y: "reward" }));
 * assert.ok(live.shown === 1 && !live.active);
 * ```
 */
export function liveChart(options: LiveChartOptions = {}): LiveChart {
  const displayId = options.displayId ?? `memgrpo-live-${crypto.randomUUID()}`;
  const display = options.display === undefined ? kernelDisplay() : options.display;
  let shown = 0;
  return {
    displayId,
    active: display !== null,
    get shown() {
      return shown;
    },
    async show(view: View): Promise<void> {
      const update = shown > 0;
      shown++;
      if (display !== null) await display(view, { display_id: displayId, update });
    },
  };
}
