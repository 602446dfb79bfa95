/**
 * An evaluation summary shown system by system: one row per system with its F1, interval, the
 * paired difference to a baseline and (when given) what making the system cost; and official F1
 * next to the judge's J per category.
 *
 * @module
 */

import type { View } from "../viz/display_bundle.ts";
import { table } from "../viz/table.ts";
import type { EvalSummary } from "./eval_summary.ts";

/**
 * What making a system cost: policy calls, rollouts, tokens and seconds; or the `cost` of a
 * prompt optimisation (`metricCalls`, task-LM tokens, `wallMs`), read as calls = rollouts =
 * `metricCalls`, tokens = prompt + completion tokens, seconds = `wallMs / 1000`.
 */
export type SystemCost =
  | { calls: number; rollouts: number; tokens: number; seconds: number }
  | { metricCalls: number; taskPromptTokens: number; taskCompletionTokens: number; wallMs: number };

function costOf(parts: SystemCost | readonly SystemCost[]) {
  const sum = { calls: 0, rollouts: 0, tokens: 0, seconds: 0 };
  for (const c of [parts].flat() as SystemCost[]) {
    const part = "metricCalls" in c
      ? {
        calls: c.metricCalls,
        rollouts: c.metricCalls,
        tokens: c.taskPromptTokens + c.taskCompletionTokens,
        seconds: c.wallMs / 1000,
      }
      : c;
    sum.calls += part.calls;
    sum.rollouts += part.rollouts;
    sum.tokens += part.tokens;
    sum.seconds += part.seconds;
  }
  return sum;
}

const pct = (x: number) => (100 * x).toFixed(1);

/**
 * One row per system, in summary order: official F1 (%) with its 95 % interval, the paired
 * difference to the `baseline` system in points with its 95 % interval, J (%) when the answers
 * were judged, and — for the systems named in `costs` — what making the system cost (a list of
 * costs is added up, e.g. a GRPO run's `cost` and then a prompt optimisation's).
 *
 * @example
 * ```ts ignore
 * systemsTable(evaluation.summary, {
 *   costs: { GRPO: run.cost, "GRPO + GEPA": [run.cost, gepa.cost] },
 * });
 * ```
 *
 * @throws {RangeError} when `baseline` or a name in `costs` is not a system of the summary.
 */
export function systemsTable(
  summary: Pick<EvalSummary, "systems" | "comparisons">,
  options: {
    /** The system the others are compared with. Default: the first. */
    baseline?: string;
    /** Per system name, what making it cost (a list is added up). Default: no cost columns. */
    costs?: Readonly<Record<string, SystemCost | readonly SystemCost[]>>;
    /** The caption. Default: `Official LOCOMO F1 per system`. */
    caption?: string;
  } = {},
): View {
  const names = summary.systems.map((s) => s.name);
  const baseline = options.baseline ?? names[0];
  for (const name of [baseline, ...Object.keys(options.costs ?? {})]) {
    if (name !== undefined && !names.includes(name)) {
      throw new RangeError(`no system ${JSON.stringify(name)} in the summary (it has ${names})`);
    }
  }
  const costs = options.costs;
  return table(
    summary.systems.map((s) => {
      const direct = summary.comparisons.find((c) => c.a === s.name && c.b === baseline);
      const reverse = summary.comparisons.find((c) => c.a === baseline && c.b === s.name);
      const d = direct?.f1.overall;
      const r = reverse?.f1.overall;
      const vs = d
        ? `${pct(d.difference)} [${pct(d.ci.low)}, ${pct(d.ci.high)}]`
        : r
        ? `${pct(-r.difference)} [${pct(-r.ci.high)}, ${pct(-r.ci.low)}]`
        : "–";
      const cost = costs?.[s.name] === undefined ? null : costOf(costs[s.name]!);
      return {
        system: s.name,
        "F1 %": pct(s.f1.overall.mean),
        "95 % CI": `${pct(s.f1.overall.ci.low)}–${pct(s.f1.overall.ci.high)}`,
        [`vs ${baseline} (points)`]: vs,
        ...(s.judge === null ? {} : { "J %": pct(s.judge.overall.mean) }),
        ...(costs === undefined ? {} : {
          "policy calls": cost?.calls ?? 0,
          rollouts: cost?.rollouts ?? 0,
          tokens: cost?.tokens ?? 0,
          "wall time (s)": (cost?.seconds ?? 0).toFixed(1),
        }),
      };
    }),
    { caption: options.caption ?? "Official LOCOMO F1 per system" },
  );
}

/**
 * Official F1 next to the judge's J per category and over all questions, one pair of columns
 * per system (J only where the answers were judged; it covers categories 1–4). `systems` picks
 * and orders the systems (default: all, in summary order).
 *
 * @throws {RangeError} when a named system is not in the summary.
 */
export function categoryTable(
  summary: Pick<EvalSummary, "systems">,
  options: { systems?: readonly string[]; caption?: string } = {},
): View {
  const systems = (options.systems ?? summary.systems.map((s) => s.name)).map((name) => {
    const found = summary.systems.find((s) => s.name === name);
    if (!found) throw new RangeError(`no system ${JSON.stringify(name)} in the summary`);
    return found;
  });
  const categories = [
    ...new Map(
      systems.flatMap((s) => s.f1.byCategory.map((c) => [c.category, c.name] as const)),
    ),
  ].sort(([a], [b]) => a - b);
  const many = systems.length > 1;
  const rows = [...categories, [0, "all"] as const].map(([id, name]) => {
    const row: Record<string, string | number | null> = { category: name };
    for (const s of systems) {
      const f1 = id === 0 ? s.f1.overall : s.f1.byCategory.find((c) => c.category === id);
      const j = id === 0 ? s.judge?.overall : s.judge?.byCategory.find((c) => c.category === id);
      row.questions ??= f1?.count ?? null;
      row[many ? `${s.name} F1` : "F1 (official)"] = f1?.mean ?? null;
      if (s.judge !== null) row[many ? `${s.name} J` : "J (judge)"] = j?.mean ?? null;
    }
    return row;
  });
  return table(rows, { caption: options.caption ?? "Official F1 and J by category" });
}
