import assert from "node:assert/strict";
import { failureCause, formatFailures, groupFailures } from "./failure_causes.ts";
import { testRow } from "../../tests/fixtures/eval_rows.ts";

Deno.test("groupFailures() groups answer and judge failures by cause", () => {
  const lm = (kind: string) => `LM request for model "m" failed after 5 attempt(s): ${kind}: x`;
  const rows = [
    testRow("a", "q0", { error: lm("connection") }),
    testRow("a", "q1", { error: lm("connection") }),
    testRow("a", "q2", { judgeError: `judge failed: ${lm("http (HTTP 401)")}` }),
  ];
  const groups = groupFailures(rows);
  assert.deepEqual(groups.map((g) => [g.stage, g.cause, g.count]), [
    ["answer", "connection", 2],
    ["judge", "http (HTTP 401)", 1],
  ]);
  assert.equal(
    formatFailures({ failureCauses: groups }),
    "2 answers failed, counted as wrong (2 × connection); 1 rows not judged, left out of J " +
      "(1 × http (HTTP 401))",
  );
});

Deno.test("failureCause() keeps the first clause of a message that is not an LM failure", () => {
  assert.equal(failureCause("judge unavailable: no API key. Set JUDGE_API_KEY"), "no API key");
  assert.equal(formatFailures({ failureCauses: [] }), "No row failed.");
});
