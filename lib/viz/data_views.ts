/**
 * Views of the data and its retrieval for notebooks, each a table with its chart as `chart`: the
 * split by conversation and its category mix, how much a split leaks test answers into training,
 * and retrieval recall@k by category.
 *
 * @module
 */

import {
  type LocomoSplits,
  type Question,
  splitCounts,
  splitLeakage,
  type SplitName,
} from "../data/mod.ts";
import { type Memory, recallByCategory } from "../memory/mod.ts";
import { barChart } from "./bar_chart.ts";
import type { View } from "./display_bundle.ts";
import { lineChart } from "./line_chart.ts";
import { table } from "./table.ts";

/** A table with its chart attached as `chart`. */
function withChart(
  tableView: View,
  chart: View & { readonly svg: string },
): View & { readonly chart: View & { readonly svg: string } } {
  return Object.assign(tableView, { chart });
}

const percent = (n: number, of: number) => `${n} (${(100 * n / of).toFixed(1)} %)`;

/**
 * A split by conversation: a table with each split's conversations, questions and questions per
 * category; its `chart` shows the category mix of each split (share of its questions) as bars.
 *
 * @example
 * ```ts ignore
 * const view = splitView(splitLocomo(data));
 * await Deno.jupyter.display(view); // the table
 * view.chart; // then the chart
 * ```
 */
export function splitView(
  splits: LocomoSplits,
  options: { caption?: string } = {},
): View & { readonly chart: View & { readonly svg: string } } {
  const counts = splitCounts(splits);
  return withChart(
    table(
      counts.map((c) => ({
        split: c.split,
        conversations: splits[c.split as SplitName].conversations.join(", "),
        questions: c.questions,
        ...c.byCategory,
      })),
      { caption: options.caption ?? "Split by conversation" },
    ),
    barChart(
      counts.flatMap((c) =>
        Object.entries(c.byCategory).map(([category, n]) => ({
          split: c.split,
          category,
          share: c.questions === 0 ? 0 : n / c.questions,
        }))
      ),
      {
        x: "category",
        y: "share",
        group: "split",
        title: "Category mix per split (share of the split's questions)",
        yLabel: "share of questions",
        labels: false,
      },
    ),
  );
}

/**
 * How much of each named split's test set was visible in its training set (see `splitLeakage`
 * in `lib/data`): a table of test questions whose conversation, or one of whose evidence turns,
 * was seen in training; its `chart` shows the same shares as bars.
 */
export function leakageView(
  splits: Readonly<
    Record<
      string,
      {
        train: readonly Pick<Question, "sampleId" | "evidence">[];
        test: readonly Pick<Question, "sampleId" | "evidence">[];
      }
    >
  >,
  options: { caption?: string } = {},
): View & { readonly chart: View & { readonly svg: string } } {
  const leaks = Object.entries(splits).map(([split, s]) => ({ split, ...splitLeakage(s) }));
  return withChart(
    table(
      leaks.map((l) => ({
        split: l.split,
        "test questions": l.test,
        "conversation seen in training": percent(l.seenConversation, l.test),
        "evidence turn seen in training": percent(l.seenEvidence, l.test),
      })),
      { caption: options.caption ?? "Test questions whose answer was visible during training" },
    ),
    barChart(
      leaks.flatMap((l) => [
        { split: l.split, leak: "conversation seen", share: l.seenConversation / l.test },
        { split: l.split, leak: "evidence turn seen", share: l.seenEvidence / l.test },
      ]),
      {
        x: "leak",
        y: "share",
        group: "split",
        yDomain: [0, 1],
        title: "Share of test questions leaked into training",
        yLabel: "share of test questions",
      },
    ),
  );
}

/**
 * Retrieval recall@k (%) by category over the questions with evidence, each asked of its
 * conversation's memory: a table (one column per k); its `chart` shows recall against k as lines,
 * one per category, on a log scale. Default `ks`: 1, 2, 5, 10, 25, 50.
 *
 * @throws {RangeError} when a k is not an integer ≥ 1.
 */
export function recallView(
  memories: readonly Memory[],
  questions: readonly Pick<Question, "sampleId" | "question" | "evidence" | "category">[],
  options: { ks?: readonly number[]; caption?: string } = {},
): View & { readonly chart: View & { readonly svg: string } } {
  const ks = options.ks ?? [1, 2, 5, 10, 25, 50];
  const bySample = new Map(memories.map((m) => [m.sampleId, m]));
  const rows = recallByCategory((id) => bySample.get(id), questions, { ks });
  return withChart(
    table(
      rows.map((r) => ({
        category: r.category,
        questions: r.questions,
        ...Object.fromEntries(ks.map((k, j) => [`R@${k}`, (100 * r.recall[j]!).toFixed(1)])),
      })),
      { caption: options.caption ?? "Retrieval recall@k (%) by category" },
    ),
    lineChart(
      rows.flatMap((r) => ks.map((k, j) => ({ k, recall: r.recall[j]!, category: r.category }))),
      {
        x: "k",
        y: "recall",
        series: "category",
        yDomain: [0, 1],
        title: "Recall@k by category",
        xLabel: "k (retrieved turns, log scale)",
        xScale: "log",
        yLabel: "recall",
      },
    ),
  );
}
