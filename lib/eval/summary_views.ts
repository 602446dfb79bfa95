/**
 * An evaluation summary shown in a notebook: the gain of one system over another per category
 * with paired intervals, abstention on answerable and adversarial questions, and the bar chart of
 * official F1 by category (also written as `chart.svg`).
 *
 * @module
 */

import type { ConfidenceInterval } from "../metrics/bootstrap.ts";
import { barChart } from "../viz/bar_chart.ts";
import type { View } from "../viz/display_bundle.ts";
import { table } from "../viz/table.ts";
import type { EvalSummary, PairedComparison, SystemSummary } from "./eval_summary.ts";

/** Options of {@link gainTable}. */
export interface GainTableOptions {
  /**
   * The system after the change (e.g. the trained policy). Default: system `a` of the first
   * paired comparison (the first system evaluated).
   */
  after?: string;
  /**
   * The system before the change (e.g. the untrained policy). Default: system `b` of the first
   * paired comparison (the second system evaluated).
   */
  before?: string;
  /** The caption. Default: `Official LOCOMO F1 on N test questions`. */
  caption?: string;
}

/** A difference of means with its interval. */
type Gain = Pick<PairedComparison["f1"]["overall"], "count" | "difference" | "ci">;

const interval = (ci: Pick<ConfidenceInterval, "low" | "high">) =>
  `${ci.low.toFixed(3)} to ${ci.high.toFixed(3)}`;

function systemNamed(summary: Pick<EvalSummary, "systems">, name: string): SystemSummary {
  const system = summary.systems.find((s) => s.name === name);
  if (!system) {
    const names = summary.systems.map((s) => JSON.stringify(s.name)).join(", ");
    throw new RangeError(`no system ${JSON.stringify(name)} in the summary (it has ${names})`);
  }
  return system;
}

/** The gain `after − before`, overall and per category (flipped if the summary holds `before − after`). */
function gainOf(
  summary: Pick<EvalSummary, "comparisons">,
  after: string,
  before: string,
): {
  overall: Gain;
  answerable: Gain | null;
  byCategory: (Gain & { category: number; name: string })[];
} {
  const direct = summary.comparisons.find((c) => c.a === after && c.b === before);
  const reverse = summary.comparisons.find((c) => c.a === before && c.b === after);
  const found = direct ?? reverse;
  if (!found) {
    throw new RangeError(
      `no paired comparison of ${JSON.stringify(after)} and ${JSON.stringify(before)} ` +
        "(both must be systems of one evaluation)",
    );
  }
  const sign = <T extends Gain>(d: T): T =>
    direct
      ? d
      : { ...d, difference: -d.difference, ci: { ...d.ci, low: -d.ci.high, high: -d.ci.low } };
  return {
    overall: sign(found.f1.overall),
    answerable: found.f1Answerable ? sign(found.f1Answerable) : null,
    byCategory: found.f1.byCategory.map(sign),
  };
}

/**
 * A table of official F1 per category, over categories 1–4 and over all questions, before and
 * after (each with its own 95 % interval), and the gain `after − before` with its **paired** 95 %
 * interval (questions resampled with both answers together, from `summary.comparisons`).
 *
 * @example
 * ```ts ignore
 * const evaluation = await evaluate([trained, untrained], questions, { lm });
 * gainTable(evaluation.summary); // trained − untrained, per category
 * ```
 *
 * @throws {RangeError} when a named system is missing, or the summary has no comparison of the two.
 */
export function gainTable(
  summary: Pick<EvalSummary, "systems" | "comparisons" | "questions">,
  options: GainTableOptions = {},
): View {
  const first = summary.comparisons[0];
  const after = options.after ?? first?.a;
  const before = options.before ?? first?.b;
  if (after === undefined || before === undefined) {
    throw new RangeError("gainTable() needs a summary of at least two systems");
  }
  const gain = gainOf(summary, after, before);
  const [a, b] = [systemNamed(summary, after), systemNamed(summary, before)];
  const f1Of = (s: SystemSummary, category: number) => {
    const found = s.f1.byCategory.find((c) => c.category === category);
    if (!found) throw new RangeError(`system ${s.name} has no category ${category}`);
    return found;
  };
  const row = (
    category: string,
    count: number,
    scoreB: { mean: number; ci: ConfidenceInterval },
    scoreA: { mean: number; ci: ConfidenceInterval },
    g: Gain,
  ) => ({
    category,
    questions: count,
    [before]: scoreB.mean,
    [`${before} 95 % CI`]: interval(scoreB.ci),
    [after]: scoreA.mean,
    [`${after} 95 % CI`]: interval(scoreA.ci),
    gain: g.difference,
    "gain 95 % CI (paired)": interval(g.ci),
  });
  return table(
    [
      ...gain.byCategory.map((g) =>
        row(g.name, g.count, f1Of(b, g.category), f1Of(a, g.category), g)
      ),
      ...(gain.answerable && a.f1Answerable && b.f1Answerable
        ? [
          row(
            "categories 1–4",
            gain.answerable.count,
            b.f1Answerable,
            a.f1Answerable,
            gain.answerable,
          ),
        ]
        : []),
      row("all", gain.overall.count, b.f1.overall, a.f1.overall, gain.overall),
    ],
    { caption: options.caption ?? `Official LOCOMO F1 on ${summary.questions} test questions` },
  );
}

/**
 * A table of how often each system abstains, on answerable questions (categories 1–4, where
 * abstaining loses the points) and on adversarial ones (category 5, where it is the right
 * answer): the summary's {@link SystemSummary.abstention}, one row per system. `caption`
 * replaces the default caption.
 */
export function abstentionTable(
  summary: Pick<EvalSummary, "systems">,
  options: { caption?: string } = {},
): View {
  return table(
    summary.systems.map((s) => ({
      system: s.name,
      "abstains on answerable (1–4)": s.abstention.answerable,
      "abstains on adversarial (5)": s.abstention.adversarial,
    })),
    { caption: options.caption ?? "Share of questions each system abstains on" },
  );
}

/**
 * A grouped bar chart of official F1 (percent) per category and overall, one coloured bar per
 * system, in summary order: the `chart.svg` of an evaluation folder. `caption` replaces the
 * default title.
 */
export function categoryChart(
  summary: Pick<EvalSummary, "systems" | "questions">,
  options: { caption?: string } = {},
): View & { readonly svg: string } {
  const data = summary.systems.flatMap((s) => [
    ...s.f1.byCategory.map((c) => ({
      category: `${c.name} (${c.category})`,
      system: s.name,
      f1: Math.round(c.mean * 1000) / 10,
    })),
    { category: "overall", system: s.name, f1: Math.round(s.f1.overall.mean * 1000) / 10 },
  ]);
  return barChart(data, {
    x: "category",
    y: "f1",
    group: "system",
    title: options.caption ??
      `Official LOCOMO F1 by category (${summary.questions} questions per system)`,
    xLabel: "category",
    yLabel: "official F1 (%)",
    yDomain: [0, 100],
    width: 860,
    height: 360,
  });
}
