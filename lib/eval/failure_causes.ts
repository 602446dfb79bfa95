/**
 * Failed rows of an evaluation grouped by cause: an answer that failed (the row counts as wrong)
 * or a judge call that failed (the row is not judged), with the short cause of each message
 * (`connection`, `http (HTTP 401)`, `timeout`) and the one-line account the CLI and the report
 * print.
 *
 * @module
 */

import type { EvalSummary } from "./eval_summary.ts";
import type { PredictionRow } from "./eval_types.ts";

/** A group of failed rows with one cause (see {@link EvalSummary.failureCauses}). */
export type FailureCause = EvalSummary["failureCauses"][number];

const LM_FAILURE = /failed after \d+ attempt\(s\): (\w+)( \(HTTP \d+\))?/;

/**
 * The short cause of a row's error message: the LM failure kind and status when the message
 * is an LM client's (`http (HTTP 401)`, `connection`, `timeout`), else its first clause.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { failureCause } from "./failure_causes.ts";
 * assert.ok(
 *   failureCause('judge failed: LM request for model "j" failed after 2 attempt(s): connection: refused') ===
 *     "connection",
 * );
 * ```
 */
export function failureCause(message: string): string {
  const lm = LM_FAILURE.exec(message);
  if (lm) return `${lm[1]}${lm[2] ?? ""}`;
  const text = message.replace(/^judge (failed|unavailable): /, "");
  const clause = text.split(/[:.;]\s/)[0]!.trim();
  return clause.length > 80 ? `${clause.slice(0, 79)}…` : clause;
}

/** Groups the failed and not-judged rows by stage and cause, most frequent first. */
export function groupFailures(rows: readonly PredictionRow[]): FailureCause[] {
  const groups = new Map<string, FailureCause>();
  for (const r of rows) {
    const failures: [FailureCause["stage"], string][] = [];
    if (r.error !== null) failures.push(["answer", r.error]);
    if (r.judgeError !== null) failures.push(["judge", r.judgeError]);
    for (const [stage, message] of failures) {
      const cause = failureCause(message);
      const key = `${stage}\u0000${cause}`;
      const group = groups.get(key);
      if (group) group.count++;
      else groups.set(key, { stage, cause, count: 1, example: message.slice(0, 300) });
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/** One line: how many rows failed and why, e.g. `3 answers failed (2 × connection, 1 × timeout)`. */
export function formatFailures(summary: Pick<EvalSummary, "failureCauses">): string {
  const part = (stage: FailureCause["stage"], what: string) => {
    const groups = summary.failureCauses.filter((g) => g.stage === stage);
    const n = groups.reduce((sum, g) => sum + g.count, 0);
    if (n === 0) return [];
    return [`${n} ${what} (${groups.map((g) => `${g.count} × ${g.cause}`).join(", ")})`];
  };
  const parts = [
    ...part("answer", "answers failed, counted as wrong"),
    ...part("judge", "rows not judged, left out of J"),
  ];
  return parts.length === 0 ? "No row failed." : parts.join("; ");
}
