import assert from "node:assert/strict";
import { join } from "node:path";
import type { TableView } from "../viz/table.ts";
import {
  checkpointsTable,
  type GroupRecord,
  readRun,
  rolloutGroupTable,
  runStepsTable,
  validationTable,
  zeroVarianceTable,
} from "./run_views.ts";

const rowsOf = (view: unknown) => (view as TableView).rows;

const group = (step: number, category: number, rewards: number[]): GroupRecord => ({
  step,
  exampleId: `conv-1:q${step}`,
  category,
  completions: rewards.map((r) => r < 0 ? "Not mentioned in the conversation" : `answer ${r}`),
  rewards,
  advantages: rewards.map(() => 0),
});

async function runFolder(): Promise<string> {
  const dir = await Deno.makeTempDir();
  const events = [
    { type: "validation", step: 0, score: 0.1, count: 5 },
    ...[1, 2, 3, 4].map((step) => ({
      type: "step",
      step,
      groups: 2,
      rewardMean: step / 10,
      completionTokens: 10,
      seconds: 0.5,
    })),
    {
      type: "checkpoint",
      step: 4,
      name: "model_checkpoint_best",
      checkpoint: join(dir, "ck", "b"),
    },
  ];
  await Deno.writeTextFile(
    join(dir, "metrics.jsonl"),
    events.map((e) => JSON.stringify(e)).join("\n") + '\n{"type": "st',
  );
  const groups = [group(1, 2, [1, 1, 1]), group(1, 4, [0, -0.4, 1]), group(2, 4, [0, 0, 0])];
  await Deno.writeTextFile(
    join(dir, "rollouts.jsonl"),
    groups.map((g) => JSON.stringify(g)).join("\n"),
  );
  return dir;
}

Deno.test("readRun() reads a run's events and groups back, dropping a torn last line", async () => {
  const dir = await runFolder();
  try {
    const run = await readRun(dir);
    assert.equal(run.events.length, 6);
    assert.deepEqual(run.groups.map((g) => g.category), [2, 4, 4]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readRun() adds up the run's cost: calls, rollouts, completion tokens, step seconds", async () => {
  const dir = await runFolder();
  try {
    // 4 steps × 2 groups + 5 validation answers; 3 recorded groups × 3 completions + 5.
    assert.deepEqual((await readRun(dir)).cost, {
      calls: 13,
      rollouts: 14,
      tokens: 40,
      seconds: 2,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runStepsTable() shows every n-th step event and checkpointsTable() the saved checkpoints", async () => {
  const dir = await runFolder();
  try {
    const run = await readRun(dir);
    const steps = rowsOf(runStepsTable(run, { every: 2 }));
    assert.deepEqual(steps.map((r) => [r.step, r["reward mean"]]), [[2, 0.2], [4, 0.4]]);
    assert.equal(rowsOf(runStepsTable(run)).length, 4);
    assert.throws(() => runStepsTable(run, { every: 0 }), RangeError);
    assert.deepEqual(rowsOf(checkpointsTable(run, { relativeTo: dir })), [
      { step: 4, name: "model_checkpoint_best", folder: join("ck", "b") },
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("rolloutGroupTable() lists each rollout with its reward, advantage and abstention", () => {
  const rows = rowsOf(rolloutGroupTable(group(3, 4, [1, -0.4])));
  assert.deepEqual(rows.map((r) => [r.rollout, r.abstains, r.reward]), [[1, "", 1], [
    2,
    "yes",
    -0.4,
  ]]);
});

Deno.test("zeroVarianceTable() counts flat groups per category and in all", () => {
  const rows = rowsOf(
    zeroVarianceTable([group(1, 2, [1, 1, 1]), group(1, 4, [0, 1, 0]), group(2, 4, [0, 0, 0])]),
  );
  assert.deepEqual(rows, [
    { category: "temporal", groups: 1, "zero-variance": 1, share: "100.0 %" },
    { category: "single-hop", groups: 2, "zero-variance": 1, share: "50.0 %" },
    { category: "all", groups: 3, "zero-variance": 2, share: "66.7 %" },
  ]);
});

Deno.test("validationTable() shows each validation's F1 and abstention, captioned with the best step", () => {
  const validation = (step: number, score: number, adversarial: number) => ({
    step,
    result: {
      score,
      answerableScore: score / 2,
      abstentionRate: 0.05,
      byCategory: { "single-hop": score / 2, adversarial },
      count: 40,
    },
  });
  const result = {
    validations: [validation(0, 0.1, 0), validation(10, 0.3, 0.25)],
    state: { best: { score: 0.3, step: 10 } },
  };
  const view = validationTable(result);
  assert.deepEqual(rowsOf(view), [
    { step: 0, F1: 0.1, "F1, categories 1–4": 0.05, "abstains on 1–4": 0.05, "abstains on 5": 0 },
    {
      step: 10,
      F1: 0.3,
      "F1, categories 1–4": 0.15,
      "abstains on 1–4": 0.05,
      "abstains on 5": 0.25,
    },
  ]);
  assert.equal(
    (view as TableView).config.caption,
    "Validation (40 questions); best overall F1 0.300 at step 10",
  );
  const noAdversarial = {
    ...validation(0, 0.1, 0),
    result: { ...validation(0, 0.1, 0).result, byCategory: {} },
  };
  const empty = validationTable({ validations: [noAdversarial], state: { best: null } }, {
    caption: "mine",
  });
  assert.equal(rowsOf(empty)[0]!["abstains on 5"], null);
  assert.equal((empty as TableView).config.caption, "mine");
});
