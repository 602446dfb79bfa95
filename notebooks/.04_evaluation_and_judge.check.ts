// cell 2
import { join } from "node:path";
import { ANSWERABLE_CATEGORIES, CATEGORY_IDS, categoryName } from "../lib/data/categories.ts";
import { loadSplitData } from "../lib/data/split_data.ts";
import { startEmbeddedBackend } from "../lib/eval/embedded_backend.ts";
import { evaluate } from "../lib/eval/evaluate.ts";
import type { PredictionRow } from "../lib/eval/eval_types.ts";
import { stratifiedSample } from "../lib/grpo/stratified_sample.ts";
import { resolveTrainConfig } from "../lib/grpo/train_config.ts";
import { trainGrpo } from "../lib/grpo/train_run.ts";
import { createLmClient } from "../lib/lm/client.ts";
import { isAbstention } from "../lib/metrics/abstention.ts";
import { judgeAll } from "../lib/metrics/judge.ts";
import { parseJudgeVerdict } from "../lib/metrics/judge_parse.ts";
import type { JudgeResult } from "../lib/metrics/judge_types.ts";
import { locomoF1 } from "../lib/metrics/locomo_f1.ts";
import { computeReward, resolveRewardConfig } from "../lib/metrics/reward.ts";
import { ABSTENTION, resolveProgram } from "../lib/program/program_config.ts";
import { loadProgram } from "../lib/program/saved_program.ts";
import { barChart } from "../lib/viz/bar_chart.ts";
import { table } from "../lib/viz/table.ts";

const locomoPath = Deno.env.get("LOCOMO_PATH") ?? "../data/locomo10.json";
try {
  await Deno.stat(locomoPath);
} catch {
  throw new Error(
    `LOCOMO not found at ${locomoPath}: run \`deno task data\` in the project folder, or set ` +
      "LOCOMO_PATH to a copy of locomo10.json",
  );
}
const scratch = await Deno.makeTempDir({ prefix: "memgrpo-04-" });
console.log(`LOCOMO: ${locomoPath}\nScratch folder (deleted by the last cell): ${scratch}`);
// cell 4
const config = resolveTrainConfig({
  backend: "embedded",
  input: locomoPath,
  numTrain: 120,
  numVal: 40,
  numTrainSteps: 30,
  numStepsForVal: 5,
  dataDir: join(scratch, "data"),
  runDir: join(scratch, "run"),
  outputDir: join(scratch, "checkpoints"),
  programOut: join(scratch, "program.json"),
  arborConfig: join(scratch, "arbor.yaml"),
});
const run = await trainGrpo(config);
const saved = await loadProgram(config.programOut);
const checkpoint = saved.provenance.checkpoint ?? run.state.job.resumeCheckpoint;
if (checkpoint === null) throw new Error(`no checkpoint in ${config.programOut}`);
table(
  run.validations.map((v) => ({
    step: v.step,
    "validation F1": v.result.score,
    "F1 on categories 1–4": v.result.answerableScore,
    "abstains on 1–4": v.result.abstentionRate,
  })),
  {
    caption: `Validation during training (${run.validations[0]?.result.count} questions); ` +
      `best step ${run.state.best?.step}, kept as the trained policy`,
  },
);
// cell 6
const data = await loadSplitData({ input: locomoPath, dataDir: config.dataDir });
const testSample = stratifiedSample(data.splits.test.examples, 100, { key: (e) => e.category, seed: 42 });
const backend = await startEmbeddedBackend({ outputDir: join(scratch, "eval") });
const trainedLm = backend.clientFor(checkpoint);
const evaluation = await evaluate(
  [
    { name: "untrained", program: resolveProgram() },
    { name: "trained (GRPO)", program: saved.program, lm: trainedLm },
  ],
  testSample,
  { lm: backend.lm, conversations: data.dataset.conversations },
);
const [before, after] = evaluation.summary.systems;
const f1Of = (s: typeof before, category: number) =>
  s!.f1.byCategory.find((c) => c.category === category);
const categoryRows = CATEGORY_IDS.filter((id) => f1Of(before, id) !== undefined).map((id) => ({
  category: categoryName(id),
  questions: f1Of(before, id)!.count,
  untrained: f1Of(before, id)!.mean,
  trained: f1Of(after, id)!.mean,
}));
const allRow = {
  category: "all",
  questions: before!.f1.overall.count,
  untrained: before!.f1.overall.mean,
  trained: after!.f1.overall.mean,
};
const paired = evaluation.summary.comparisons[0]!.f1.overall;
console.log(
  `${evaluation.rows.length} answers, ${evaluation.failed} failed. Trained − untrained: ` +
    `${(-paired.difference).toFixed(3)} F1 (paired bootstrap 95 % CI ` +
    `${(-paired.ci.high).toFixed(3)} to ${(-paired.ci.low).toFixed(3)})`,
);
await Deno.jupyter.display(
  table(
    [...categoryRows, allRow].map((r) => ({
      ...r,
      "trained − untrained": r.trained - r.untrained,
    })),
    {
      caption: "Official LOCOMO F1 on 100 test questions",
    },
  ),
);
barChart(
  [...categoryRows, allRow].flatMap((r) => [
    { category: r.category, system: "untrained", F1: r.untrained },
    { category: r.category, system: "trained", F1: r.trained },
  ]),
  {
    x: "category",
    y: "F1",
    group: "system",
    yDomain: [0, 1],
    title: "Official F1 by category, before and after GRPO",
    yLabel: "official F1",
    width: 840,
  },
);
// cell 9
const JUDGE_BASE_URL = Deno.env.get("JUDGE_BASE_URL") ?? "https://api.openai.com/v1";
const JUDGE_MODEL = Deno.env.get("JUDGE_MODEL") ?? "gpt-4o-mini";
const judgeKey = Deno.env.get("JUDGE_API_KEY") ?? Deno.env.get("OPENAI_API_KEY") ?? "";
const trainedRows = evaluation.rows.filter((r) => r.system === "trained (GRPO)");
let judged: JudgeResult | null = null;
if (judgeKey === "") {
  console.log(
    "No JUDGE_API_KEY or OPENAI_API_KEY in the environment: the judge is skipped, F1 only.",
  );
} else {
  const judgeLm = createLmClient({
    baseUrl: JUDGE_BASE_URL,
    model: JUDGE_MODEL,
    apiKey: judgeKey,
    concurrency: 4,
  });
  try {
    judged = await judgeAll(
      trainedRows.map((r) => ({
        id: r.questionId,
        question: r.question,
        answer: r.gold,
        category: r.category,
        prediction: r.prediction,
      })),
      {
        lm: judgeLm,
        policyModel: trainedLm.model,
        cacheDir: join(scratch, "judge-cache"),
        maxFailures: 5,
      },
    );
  } finally {
    judgeLm.close();
  }
  await Deno.jupyter.display(
    table(
      ANSWERABLE_CATEGORIES.flatMap((id) => {
        const score = judged!.byCategory[id];
        return score === undefined ? [] : [{
          category: categoryName(id),
          questions: score.questions,
          "F1 (official)": f1Of(after, id)?.mean ?? null,
          "J (judge)": score.mean,
        }];
      }),
      { caption: `Trained policy: F1 next to J (judge ${JUDGE_MODEL}, categories 1–4)` },
    ),
  );
}
// cell 11
const verdictOf = new Map(judged?.verdicts.map((v) => [v.id, v.label]) ?? []);
const partial = trainedRows.filter((r) => r.f1 > 0 && r.f1 < 1);
console.log(
  `Partial-credit answers: ${partial.length} of ${trainedRows.length} (trained policy); ` +
    `full credit: ${trainedRows.filter((r) => r.f1 === 1).length}.`,
);
table(
  partial.slice(0, 10).map((r: PredictionRow) => ({
    category: categoryName(r.category),
    question: r.question,
    gold: r.gold ?? "",
    prediction: r.prediction,
    F1: r.f1,
    ...(judged ? { judge: verdictOf.get(r.questionId) ?? "" } : {}),
  })),
  { caption: "Partial F1: would a judge accept these?" },
);
// cell 13
const handWritten = [
  {
    category: 2,
    gold: "7 May 2023",
    prediction: "8 May 2023",
    reply: '{"reasoning": "The prediction names a different day.", "label": "WRONG"}',
  },
  {
    category: 4,
    gold: "Paris",
    prediction: "She moved to Paris in France",
    reply: '```json\n{"label": "correct", "reason": "Names the same city."}\n```',
  },
  {
    category: 4,
    gold: "two",
    prediction: "2",
    reply: "{'label': 'CORRECT', 'reason': 'Two and 2 are the same number.'}",
  },
  {
    category: 4,
    gold: "her grandmother",
    prediction: "grandma",
    reply: "Grandma is another word for grandmother. Label: CORRECT",
  },
  {
    category: 1,
    gold: "hiking, camping",
    prediction: "camping and hiking",
    reply: "Both activities are named, in another order.\n\nCORRECT",
  },
  {
    category: 4,
    gold: "a dog",
    prediction: "a cat",
    reply: "The prediction is not correct: a cat is not a dog.",
  },
];
table(
  handWritten.map((h) => {
    const f1 = locomoF1(h.prediction, h.gold, h.category);
    const verdict = parseJudgeVerdict(h.reply);
    return {
      gold: h.gold,
      prediction: h.prediction,
      "official F1": f1,
      "judge reply": h.reply,
      label: verdict.label,
      reason: verdict.reason,
      agree: (f1 >= 0.5) === (verdict.label === "CORRECT") ? "yes" : "NO",
    };
  }),
  { caption: "Hand-written judge replies, parsed with parseJudgeVerdict" },
);
// cell 15
const everyQuestion = data.dataset.questions;
const guard = resolveRewardConfig({ abstentionPenalty: 0.4 });
const noGuard = resolveRewardConfig({ abstentionPenalty: 0 });
const constantRows = CATEGORY_IDS.map((id) => {
  const qs = everyQuestion.filter((q) => q.category === id);
  const mean = (f: (q: (typeof qs)[number]) => number) =>
    qs.reduce((s, q) => s + f(q), 0) / qs.length;
  const reward = (config: typeof guard) => (q: (typeof qs)[number]) =>
    computeReward({ prediction: ABSTENTION, answer: q.answer, category: q.category }, config)
      .reward;
  return {
    category: categoryName(id),
    questions: qs.length,
    "share of LOCOMO": qs.length / everyQuestion.length,
    "official F1": mean((q) => locomoF1(ABSTENTION, q.answer, q.category)),
    "reward, no guard": mean(reward(noGuard)),
    "reward, guard −0.4": mean(reward(guard)),
  };
});
const overall = (key: "official F1" | "reward, no guard" | "reward, guard −0.4") =>
  constantRows.reduce((s, r) => s + r[key] * r.questions, 0) / everyQuestion.length;
table(
  [
    ...constantRows,
    {
      category: "all",
      questions: everyQuestion.length,
      "share of LOCOMO": 1,
      "official F1": overall("official F1"),
      "reward, no guard": overall("reward, no guard"),
      "reward, guard −0.4": overall("reward, guard −0.4"),
    },
  ],
  { caption: `Always answering "${ABSTENTION}", on all ${everyQuestion.length} LOCOMO questions` },
);
// cell 17
const meanReward = (predictions: string[], config: typeof guard) =>
  testSample.reduce(
    (s, e, i) =>
      s +
      computeReward({ prediction: predictions[i]!, answer: e.answer, category: e.category }, config)
        .reward,
    0,
  ) / testSample.length;
const answersOf = (system: string) =>
  testSample.map((e) =>
    evaluation.rows.find((r) => r.system === system && r.questionId === e.id)!.prediction
  );
const always = testSample.map(() => ABSTENTION);
const abstainRate = (system: string) =>
  evaluation.rows.filter((r) =>
    r.system === system && ANSWERABLE_CATEGORIES.includes(r.category) && isAbstention(r.prediction)
  ).length / testSample.filter((e) => e.category !== 5).length;
console.log(
  `Abstentions on answerable test questions: untrained ${
    (100 * abstainRate("untrained")).toFixed(1)
  } %, ` +
    `trained ${(100 * abstainRate("trained (GRPO)")).toFixed(1)} %`,
);
barChart(
  [
    { policy: "always abstain, no guard", reward: meanReward(always, noGuard) },
    { policy: "always abstain, guard", reward: meanReward(always, guard) },
    { policy: "untrained, guard", reward: meanReward(answersOf("untrained"), guard) },
    { policy: "trained (GRPO), guard", reward: meanReward(answersOf("trained (GRPO)"), guard) },
  ],
  {
    x: "policy",
    y: "reward",
    title: "Mean GRPO reward per test question",
    xLabel: "policy and reward",
    yLabel: "mean reward",
    width: 720,
  },
);
// cell 19
await backend.close();
await Deno.remove(scratch, { recursive: true });
console.log("Embedded backend closed; scratch folder deleted.");
export {};
