import assert from "node:assert/strict";
import { resolveRewardConfig } from "../metrics/mod.ts";
import { displayBundle } from "../viz/display_bundle.ts";
import type { TableView } from "../viz/table.ts";
import { rewardChart, rewardTable } from "./reward_views.ts";

const ABSTAIN = "Not mentioned in the conversation";
const rewards = {
  "no guard": resolveRewardConfig({ abstentionPenalty: 0 }),
  "guard −0.4": resolveRewardConfig({ abstentionPenalty: 0.4 }),
};
// Three answerable questions (one of category 2, two of 4) and one adversarial (5).
const questions = [
  { category: 2, answer: "7 May 2023" },
  { category: 4, answer: "Paris" },
  { category: 4, answer: "two" },
  { category: 5, answer: undefined },
];
const abstain = questions.map((q) => ({ ...q, prediction: ABSTAIN }));

Deno.test("rewardTable() shows what always abstaining earns per category with and without the guard", () => {
  const rows = (rewardTable({ abstain }, { rewards, byCategory: true }) as TableView).rows;
  assert.deepEqual(rows.map((r) => r.category), ["temporal", "single-hop", "adversarial", "all"]);
  const single = rows[1]!;
  assert.deepEqual(
    [single.questions, single.share, single["official F1"], single["reward, no guard"]],
    [2, 0.5, 0, 0],
  );
  assert.equal(single["reward, guard −0.4"], -0.4);
  const adversarial = rows[2]!;
  assert.deepEqual([adversarial["official F1"], adversarial["reward, guard −0.4"]], [1, 1]);
  const all = rows[3]!;
  assert.equal(all["reward, no guard"], 0.25);
  assert.ok(Math.abs((all["reward, guard −0.4"] as number) - (1 - 3 * 0.4) / 4) < 1e-12);
  assert.throws(() => rewardTable({ abstain }, { rewards: {} }), RangeError);
});

Deno.test("rewardTable() and rewardChart() compare policies, reading gold from prediction rows too", () => {
  const rows = [
    { prediction: "7 May 2023", gold: "7 May 2023", category: 2 },
    { prediction: "London", gold: "Paris", category: 4 },
  ];
  const table =
    (rewardTable({ abstain: abstain.slice(0, 2), answers: rows }, { rewards }) as TableView)
      .rows;
  assert.deepEqual(table.map((r) => [r.policy, r.questions, r["official F1"]]), [
    ["abstain", 2, 0],
    ["answers", 2, 0.5],
  ]);
  assert.equal(table[0]!["reward, guard −0.4"], -0.4);
  const chart = rewardChart({ abstain, answers: rows }, { rewards, caption: "Mean reward" });
  assert.match(displayBundle(chart)["image/svg+xml"]!, /Mean reward/);
  assert.match(chart.text, /guard −0\.4/);
});
