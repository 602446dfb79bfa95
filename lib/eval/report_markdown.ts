/**
 * `report.md`: the evaluation written for a paper — overall figures with confidence intervals,
 * tables by category, paired comparisons, failures, and published reference figures apart.
 *
 * @module
 */

import { CATEGORY_IDS, categoryName } from "../data/categories.ts";
import type { ScoreSummary } from "../metrics/aggregate.ts";
import type { ConfidenceInterval } from "../metrics/bootstrap.ts";
import { abstentionNotes, answerableMean } from "./abstention.ts";
import type { EvalSummary, SystemSummary } from "./eval_summary.ts";
import { formatFailures } from "./failure_causes.ts";
import { referenceSection } from "./reference_figures.ts";

/** Options of {@link renderReport}. */
export interface ReportOptions {
  /** Facts about the run shown under the title (backend, model, split…). Default: none. */
  runInfo?: Readonly<Record<string, string | number>>;
  /** File name of the chart to link, or `null` for none. Default: `"chart.svg"`. */
  chartFile?: string | null;
}

const pct = (x: number) => (x * 100).toFixed(1);
const ci = (c: ConfidenceInterval) => `[${pct(c.low)}, ${pct(c.high)}]`;
const orDash = (x: number | null, digits = 1) => x === null ? "–" : x.toFixed(digits);

function categoryTable(
  title: string,
  summary: EvalSummary,
  pick: (s: SystemSummary) => ScoreSummary | null,
  categories: readonly number[],
): string[] {
  const rows = summary.systems.filter((s) => pick(s) !== null);
  if (rows.length === 0) return [];
  const counts = (s: ScoreSummary, c: number) => s.byCategory.find((b) => b.category === c);
  const header = categories.map((c) => `${categoryName(c)} (${c})`);
  const lines = rows.map((s) => {
    const score = pick(s)!;
    const cells = categories.map((c) => {
      const group = counts(score, c);
      return group ? `${pct(group.mean)} ${ci(group.ci)}` : "–";
    });
    const answerable = answerableMean(score);
    const oneToFour = categories.includes(5)
      ? ` ${answerable === null ? "–" : pct(answerable)} |`
      : "";
    return `| ${s.name} | ${cells.join(" | ")} |${oneToFour} ${pct(score.overall.mean)} |`;
  });
  const first = pick(rows[0]!)!;
  const n = categories.map((c) => `${categoryName(c)} ${counts(first, c)?.count ?? 0}`);
  return [
    `## ${title}`,
    "",
    `Questions per category: ${n.join(", ")}. Cells: mean [95 % CI].`,
    "",
    `| system | ${header.join(" | ")} |${categories.includes(5) ? " 1–4 |" : ""} overall |`,
    `| --- |${categories.map(() => " ---: |").join("")}${
      categories.includes(5) ? " ---: |" : ""
    } ---: |`,
    ...lines,
    "",
    ...(categories.includes(5) ? abstentionNotes(summary).map((n) => `> ${n}\n`) : []),
  ];
}

function overallTable(summary: EvalSummary): string[] {
  const hasJ = summary.systems.some((s) => s.judge !== null);
  const lines = summary.systems.map((s) => {
    const j = s.judge ? `${pct(s.judge.overall.mean)} ${ci(s.judge.overall.ci)}` : "–";
    const latency = s.latencyMs
      ? `${s.latencyMs.p50.toFixed(0)} / ${s.latencyMs.p95.toFixed(0)}`
      : "–";
    const recall = s.evidenceRecall === null ? "–" : pct(s.evidenceRecall);
    const abstain = (x: number | null) => x === null ? "–" : pct(x);
    return `| ${s.name} | ${s.questions} | ${s.errors} | ${pct(s.f1.overall.mean)} ` +
      `${ci(s.f1.overall.ci)} |${hasJ ? ` ${j} | ${s.notJudged} |` : ""} ` +
      `${orDash(s.promptTokensPerQuestion)} | ` +
      `${orDash(s.completionTokensPerQuestion)} | ${latency} | ${recall} | ` +
      `${abstain(s.abstention.answerable)} | ${abstain(s.abstention.adversarial)} |`;
  });
  return [
    "## Overall",
    "",
    `95 % percentile bootstrap intervals (seed ${summary.seed}, ${summary.resamples} ` +
    "resamples). F1 covers categories 1–5; J covers 1–4 (category 5 is excluded from J). " +
    "Rows whose answer failed count as wrong (F1 0, J WRONG); rows the judge gave no verdict " +
    'for keep their F1 and are left out of J (counted under "not judged").',
    "",
    `| system | questions | failed | F1 [95 % CI] |${hasJ ? " J [95 % CI] | not judged |" : ""} ` +
    "prompt tokens / question | completion tokens / question | latency p50 / p95 (ms) | " +
    "evidence recall | abstains on 1–4 (%) | abstains on 5 (%) |",
    `| --- | ---: | ---: | ---: |${
      hasJ ? " ---: | ---: |" : ""
    } ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...lines,
    "",
  ];
}

function comparisonTable(summary: EvalSummary): string[] {
  if (summary.comparisons.length === 0) return [];
  const hasJ = summary.comparisons.some((c) => c.judge !== null);
  const lines = summary.comparisons.map((c) => {
    const d = (x: number) => (x >= 0 ? "+" : "") + pct(x);
    const f1 = `${d(c.f1.overall.difference)} ${ci(c.f1.overall.ci)}`;
    const f1Answerable = c.f1Answerable
      ? `${d(c.f1Answerable.difference)} ${ci(c.f1Answerable.ci)}`
      : "–";
    const j = c.judge ? ` ${d(c.judge.overall.difference)} ${ci(c.judge.overall.ci)} |` : "";
    return `| ${c.a} | ${c.b} | ${f1} | ${f1Answerable} |${hasJ ? j || " – |" : ""}`;
  });
  return [
    "## Paired comparisons (A − B)",
    "",
    "Differences in percentage points over the same questions, with 95 % paired bootstrap " +
    "intervals (questions resampled in pairs). An interval that excludes 0 is a clear difference.",
    "",
    `| A | B | Δ F1 [95 % CI] | Δ F1 1–4 [95 % CI] |${hasJ ? " Δ J [95 % CI] |" : ""}`,
    `| --- | --- | ---: | ---: |${hasJ ? " ---: |" : ""}`,
    ...lines,
    "",
  ];
}

/**
 * Renders `report.md` from a summary. It states the category mapping, and keeps the published
 * reference figures in their own section.
 */
export function renderReport(summary: EvalSummary, options: ReportOptions = {}): string {
  const info = Object.entries(options.runInfo ?? {}).map(([k, v]) => `- ${k}: ${v}`);
  const chart = options.chartFile === undefined ? "chart.svg" : options.chartFile;
  const causes = summary.failureCauses;
  const failed = summary.failedRows === 0 && summary.notJudgedRows === 0 ? ["No row failed."] : [
    `${summary.failedRows + summary.notJudgedRows} of ${summary.rows} rows failed: ` +
    `${formatFailures({ failureCauses: causes })}. Answers that failed after retries count ` +
    "as wrong in every figure above; rows not judged keep their F1 and are left out of J " +
    "(see the `error` and `judgeError` fields in predictions.jsonl; a rerun in the same " +
    "folder retries them).",
    "",
    "| call | cause | rows | first message |",
    "| --- | --- | ---: | --- |",
    ...causes.map((c) =>
      `| ${c.stage} | ${c.cause} | ${c.count} | ${c.example.replace(/[|\n]/g, " ")} |`
    ),
  ];
  return [
    "# memgrpo evaluation report",
    "",
    ...(info.length > 0 ? [...info, ""] : []),
    `> ${summary.mapping}`,
    "",
    ...overallTable(summary),
    ...categoryTable("Official F1 by category", summary, (s) => s.f1, CATEGORY_IDS),
    ...categoryTable("J by category (LLM judge)", summary, (s) => s.judge, [1, 2, 3, 4]),
    ...(chart ? [`![Official F1 by category](${chart})`, ""] : []),
    ...comparisonTable(summary),
    "## Failures",
    "",
    ...failed,
    "",
    referenceSection(),
    "",
  ].join("\n");
}
