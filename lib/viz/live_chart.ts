/**
 * One notebook output that updates in place, and the live chart of a GRPO run built on it.
 *
 * @module
 */

import { CATEGORY_NAMES } from "../data/mod.ts";
import type { View } from "./display_bundle.ts";
import { lineChart } from "./line_chart.ts";

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

/** One point of a {@link LiveTrainingChart}: a series' value at a training step. */
type TrainingPoint = { step: number; value: number; series: string };

/**
 * A live chart of a GRPO run, fed by `trainGrpo`'s `onProgress` and `onValidation` callbacks
 * (pass the chart itself as `trainGrpo`'s options). Each callback records its points, queues one
 * redraw and returns the queue's promise, which `trainGrpo` awaits: redraws run one after another,
 * none is lost or shown out of order, and when training returns the chart is complete.
 */
export interface LiveTrainingChart {
  /** The live output the chart is drawn into. */
  readonly live: LiveChart;
  /** The points so far, one per series and step. */
  readonly points: readonly { step: number; value: number; series: string }[];
  /**
   * Records a step's mean rollout reward (pass as `onProgress`); resolves when the redraw is
   * shown.
   */
  readonly onProgress: (progress: { step: number; rewardMean: number }) => Promise<void>;
  /**
   * Records a validation (pass as `onValidation`): F1 on categories 1–4, abstention on
   * answerable questions, and abstention on adversarial ones (category 5's official F1, which is
   * 1 exactly when the answer abstains). Resolves when the redraw is shown.
   */
  readonly onValidation: (
    step: number,
    result: { answerableScore: number; abstentionRate: number; byCategory: Record<string, number> },
  ) => Promise<void>;
  /**
   * Resolves when every redraw queued so far has been shown (rejects if one failed). Not needed
   * after `await trainGrpo(config, chart)`, which awaits each redraw.
   */
  settled(): Promise<void>;
}

/** The series names of {@link liveTrainingChart}, in legend order. */
const TRAINING_SERIES = {
  reward: "rollout reward",
  f1: "validation F1, categories 1–4",
  abstainAnswerable: "abstains on answerable (1–4)",
  abstainAdversarial: "abstains on adversarial (5)",
} as const;

/**
 * A live chart of a GRPO run: mean rollout reward per step, validation F1 on categories 1–4,
 * and the share of abstentions on answerable and on adversarial validation questions. Pass it as
 * `trainGrpo`'s options (`await trainGrpo(config, liveTrainingChart())`): its `onProgress` and
 * `onValidation` redraw the chart, and training waits for each redraw, so the cell needs no
 * promise of its own.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { liveTrainingChart } from "./live_chart.ts";
 *
 * const chart = liveTrainingChart({ display: null });
 * await chart.onValidation(0, { answerableScore: 0.1, abstentionRate: 0, byCategory: { adversarial: 0 } });
 * await chart.onProgress({ step: 1, rewardMean: 0.2 });
 * assert.equal(chart.points.length, 4);
 * ```
 */
export function liveTrainingChart(options: LiveChartOptions = {}): LiveTrainingChart {
  const live = liveChart(options);
  const points: TrainingPoint[] = [];
  let drawing: Promise<void> = Promise.resolve();
  const redraw = (): Promise<void> => {
    const view = lineChart([...points], {
      x: "step",
      y: "value",
      series: "series",
      yDomain: [-0.4, 1],
      title: "GRPO: rollout reward per step; validation F1 and abstention",
      xLabel: "training step",
      yLabel: "reward / F1 / share",
      width: 760,
    });
    drawing = drawing.then(() => live.show(view));
    return drawing;
  };
  return {
    live,
    points,
    onProgress: ({ step, rewardMean }) => {
      points.push({ step, value: rewardMean, series: TRAINING_SERIES.reward });
      return redraw();
    },
    onValidation: (step, result) => {
      points.push(
        { step, value: result.answerableScore, series: TRAINING_SERIES.f1 },
        { step, value: result.abstentionRate, series: TRAINING_SERIES.abstainAnswerable },
      );
      const adversarial = result.byCategory[CATEGORY_NAMES[5]];
      if (adversarial !== undefined) {
        points.push({ step, value: adversarial, series: TRAINING_SERIES.abstainAdversarial });
      }
      return redraw();
    },
    settled: () => drawing,
  };
}
