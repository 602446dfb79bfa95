// cell 2
import { dirname, join, relative } from "node:path";
import { arborYamlConfig, writeArborYaml } from "../lib/arbor/arbor_yaml.ts";
import { CATEGORY_IDS, categoryName } from "../lib/data/categories.ts";
import { loadSplitData } from "../lib/data/split_data.ts";
import type { SplitExample } from "../lib/data/split_locomo.ts";
import { createDefaultPolicy } from "../lib/embedded/mod.ts";
import { type EmbeddedServer, startEmbeddedServer } from "../lib/embedded/server.ts";
import { groupStats } from "../lib/grpo/group_stats.ts";
import { rolloutGroup } from "../lib/grpo/rollout_group.ts";
import { RUN_FILES, type RunEvent } from "../lib/grpo/run_records.ts";
import { stratifiedSample } from "../lib/grpo/stratified_sample.ts";
import { resolveTrainConfig } from "../lib/grpo/train_config.ts";
import { trainGrpo } from "../lib/grpo/train_run.ts";
import { createLmClient } from "../lib/lm/client.ts";
import { isAbstention } from "../lib/metrics/abstention.ts";
import { computeReward, resolveRewardConfig, type RewardConfig } from "../lib/metrics/reward.ts";
import { createMemoryBank } from "../lib/program/memory_bank.ts";
import type { ParsedAnswer } from "../lib/program/parse_answer.ts";
import { resolveProgram } from "../lib/program/program_config.ts";
import { barChart } from "../lib/viz/bar_chart.ts";
import { lineChart } from "../lib/viz/line_chart.ts";
import { liveChart } from "../lib/viz/live_chart.ts";
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
const scratch = await Deno.makeTempDir({ prefix: "memgrpo-03-" });
console.log(`LOCOMO: ${locomoPath}\nScratch folder (deleted by the last cell): ${scratch}`);
// cell 4
const exampleRewards = [1, 0.5, 0, 0, -0.4, 0, 1, 0];
const exampleStats = groupStats(exampleRewards, { scaleRewards: true });
console.log(
  `mean reward ${exampleStats.mean.toFixed(3)}, sample std ${exampleStats.std.toFixed(3)}`,
);
table(
  exampleRewards.map((reward, i) => ({
    rollout: i + 1,
    reward,
    "reward − mean": reward - exampleStats.mean,
    advantage: exampleStats.advantages[i],
  })),
  { caption: "A made-up group: advantages are rewards relative to the group" },
);
// cell 6
const arborYamlPath = join(scratch, "arbor.yaml");
await writeArborYaml(arborYamlPath, arborYamlConfig("0", "1,2"));
console.log(`${arborYamlPath}:\n\n${await Deno.readTextFile(arborYamlPath)}`);
// cell 8
/** Empty: start the embedded server. A real Arbor's URL (with /v1/): train there instead. */
const ARBOR_URL: string = "";

const server: EmbeddedServer | null = ARBOR_URL === ""
  ? await startEmbeddedServer({
    createPolicy: createDefaultPolicy,
    outputDir: join(scratch, "checkpoints"),
    seed: 42,
  })
  : null;
const arborUrl = server?.url ?? ARBOR_URL;
const openapi = await (await fetch(new URL("/openapi.json", arborUrl))).json() as {
  paths: Record<string, Record<string, { summary?: string }>>;
};
table(
  Object.entries(openapi.paths)
    .filter(([path]) => path.startsWith("/v1/"))
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? "",
      }))
    ),
  { caption: `${server ? `Embedded server (dialect ${server.dialect})` : "Arbor"} at ${arborUrl}` },
);
// cell 10
const config = resolveTrainConfig({
  backend: "arbor",
  arborUrl,
  input: locomoPath,
  numTrain: 40,
  numVal: 20,
  numTrainSteps: 15,
  numStepsForVal: 5,
  dataDir: join(scratch, "data"),
  runDir: join(scratch, "run"),
  outputDir: join(scratch, "checkpoints"),
  programOut: join(scratch, "program.json"),
  arborConfig: arborYamlPath,
});
table(
  [
    ["model (a real Arbor fine-tunes it)", config.model],
    ["G: rollouts per question (group size)", config.numGenerations],
    ["k: questions (groups) per step", config.examplesPerStep],
    ["rollout temperature", config.temperature],
    ["β: KL weight", config.beta],
    ["learning rate", config.learningRate],
    ["gradient accumulation (groups per optimizer step)", config.gradientAccumulationSteps],
    ["reward of abstaining on an answerable question", -config.abstentionPenalty],
    ["steps / validation every", `${config.numTrainSteps} / ${config.numStepsForVal}`],
  ].map(([setting, value]) => ({ setting: String(setting), value: String(value) })),
  { caption: "GRPO settings of this run" },
);
// cell 12
type Point = { step: number; value: number; series: string };
const points: Point[] = [];
const live = liveChart({ displayId: "nb03-training" });
const trainingChart = () =>
  lineChart(points, {
    x: "step",
    y: "value",
    series: "series",
    title: "GRPO: mean rollout reward per step, validation F1",
    xLabel: "training step",
    yLabel: "reward / F1",
  });
// Display calls are chained and awaited after training, so none is lost or left running.
let drawing: Promise<void> = Promise.resolve();
const redraw = () => {
  drawing = drawing.then(() => live.show(trainingChart()));
};
const result = await trainGrpo(config, {
  log: (line) => console.log(line),
  onValidation: (step, r) => {
    points.push({ step, value: r.score, series: "validation F1" });
    redraw();
  },
  onProgress: (p) => {
    points.push({ step: p.step, value: p.rewardMean, series: "rollout reward" });
    redraw();
  },
});
await drawing;
console.log(
  `${result.state.completedStep} steps, redrawn ${live.shown} times; best validation F1 ` +
    `${result.state.best?.score.toFixed(3)} at step ${result.state.best?.step}`,
);
// cell 14
const runDir = result.runDir;
const events = (await Deno.readTextFile(join(runDir, RUN_FILES.metrics)))
  .split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as RunEvent);
const num = (value: unknown) => typeof value === "number" ? value : null;
await Deno.jupyter.display(
  table(
    events.filter((e) => e.type === "step").map((e) => ({
      step: e.step,
      groups: num(e.groups),
      "reward mean": num(e.rewardMean),
      "reward std": num(e.rewardStd),
      "zero-variance groups": num(e.zeroVarianceGroups),
      "abstaining rollouts": num(e.abstentions),
      "seconds": num(e.seconds),
    })),
    { caption: `${RUN_FILES.metrics}: step events` },
  ),
);
const best = result.state.job.bestCheckpoint;
if (server !== null && best !== null) {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dirname(best))) names.push(entry.name);
  console.log(
    `On disk in ${relative(scratch, dirname(best))}/: ${names.sort().join(", ")}\n` +
      "(checkpoint_final is saved by the trainer when the job is terminated)",
  );
}
table(
  events.filter((e) => e.type === "checkpoint").map((e) => ({
    step: e.step,
    name: String(e.name),
    folder: relative(scratch, String(e.checkpoint)),
  })),
  {
    caption: `Checkpoints saved (under the scratch folder); best: step ${result.state.best?.step}`,
  },
);
// cell 16
if (server === null) {
  console.log("A real Arbor keeps the trainer's loss and KL in its own logs.");
} else {
  const url = new URL(
    `/v1/fine_tuning/grpo/metrics?job_id=${encodeURIComponent(result.state.job.jobId ?? "")}`,
    arborUrl,
  );
  const trainer = await (await fetch(url)).json() as {
    steps: { batch_id: number; loss: number; kl: number; grad_norm: number }[];
  };
  console.log(`${trainer.steps.length} groups trained; job ${result.state.job.jobId}`);
  await Deno.jupyter.display(
    lineChart(trainer.steps.map((s) => ({ group: s.batch_id + 1, KL: s.kl })), {
      x: "group",
      y: "KL",
      title: "KL to the reference policy, per group the trainer received",
      xLabel: "group (4 per step)",
      yLabel: "KL estimate",
    }),
  );
}
// cell 18
type GroupRecord = {
  step: number;
  exampleId: string;
  category: number;
  completions: string[];
  rewards: number[];
  advantages: number[];
};
const groups = (await Deno.readTextFile(join(runDir, RUN_FILES.rollouts)))
  .split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as GroupRecord);
const lastStep = Math.max(...groups.map((g) => g.step));
const spread = (g: GroupRecord) => new Set(g.rewards).size;
const shown = groups.filter((g) => g.step === lastStep)
  .reduce((best, g) => spread(g) > spread(best) ? g : best);
const data = await loadSplitData({ input: locomoPath, dataDir: config.dataDir });
const example = data.splits.train.examples.find((e) => e.id === shown.exampleId)!;
console.log(
  `Step ${shown.step}, ${shown.exampleId} (${categoryName(example.category)})\n` +
    `Q: ${example.question}\ngold: ${example.answer ?? "(none: abstain)"}`,
);
const check = groupStats(shown.rewards, { scaleRewards: true });
console.log(
  `mean ${check.mean.toFixed(3)}, std ${check.std.toFixed(3)}; recomputed advantages match: ` +
    shown.advantages.every((a, i) => Math.abs(a - check.advantages[i]!) < 1e-9),
);
table(
  shown.completions.map((completion, i) => ({
    rollout: i + 1,
    completion,
    abstains: isAbstention(completion) ? "yes" : "",
    reward: shown.rewards[i],
    advantage: shown.advantages[i],
  })),
  { caption: `One group of ${shown.completions.length} rollouts (${RUN_FILES.rollouts})` },
);
// cell 20
const byCategory = new Map<string, { groups: number; zero: number }>(
  [...CATEGORY_IDS.map(categoryName), "all"].map((name) => [name, { groups: 0, zero: 0 }]),
);
for (const g of groups) {
  const zero = groupStats(g.rewards, { scaleRewards: true }).zeroVariance;
  for (const name of [categoryName(g.category), "all"]) {
    const row = byCategory.get(name)!;
    row.groups++;
    if (zero) row.zero++;
  }
}
console.log(
  `Zero-variance groups in this run: ${result.state.groups.zeroVariance} of ` +
    `${result.state.groups.total} (state.json)`,
);
table(
  [...byCategory].filter(([, row]) => row.groups > 0).map(([category, { groups, zero }]) => ({
    category,
    groups,
    "zero-variance": zero,
    share: `${(100 * zero / groups).toFixed(1)} %`,
  })),
  { caption: "Zero-variance groups by category" },
);
// cell 22
const memories = createMemoryBank(data.dataset.conversations);
const lm = createLmClient({ baseUrl: arborUrl.replace(/\/+$/, ""), model: config.model });
const program = resolveProgram({ k: config.k });
const probe = stratifiedSample(data.splits.train.examples, 24, { key: (e) => e.category, seed: 7 });
const guards = [
  { guard: "guard on (−0.4)", reward: resolveRewardConfig({ abstentionPenalty: 0.4 }) },
  { guard: "guard off (0)", reward: resolveRewardConfig({ abstentionPenalty: 0 }) },
];
const rewardOf = (e: SplitExample, p: ParsedAnswer, rewardConfig: RewardConfig) =>
  computeReward({
    prediction: p.answer,
    answer: e.answer,
    category: e.category,
    formatFailure: p.formatFailure,
  }, rewardConfig).reward;
const rows: { temperature: string; guard: string; share: number }[] = [];
for (const temperature of [0.1, 0.5, 1.0]) {
  // The same 24 × 8 rollouts, rewarded once per guard setting.
  const sampled = await Promise.all(probe.map((e, i) =>
    rolloutGroup(program, e, {
      lm,
      memories,
      reward: (example, parsed) => rewardOf(example, parsed, guards[0]!.reward),
      numGenerations: config.numGenerations,
      temperature,
      seed: 1000 + i,
      scaleRewards: true,
    })
  ));
  for (const { guard, reward } of guards) {
    const flat = sampled.filter((g) => {
      const rewards = g.parsed.map((p) => rewardOf(g.example, p, reward));
      return groupStats(rewards, { scaleRewards: true }).zeroVariance;
    }).length;
    rows.push({ temperature: `T = ${temperature}`, guard, share: flat / sampled.length });
  }
}
barChart(rows, {
  x: "temperature",
  y: "share",
  group: "guard",
  yDomain: [0, 1],
  title: "Zero-variance groups by rollout temperature, abstention guard on / off",
  xLabel: "rollout temperature",
  yLabel: "share of groups",
});
// cell 24
lm.close();
memories.free();
await server?.close();
await Deno.remove(scratch, { recursive: true });
console.log(server ? "Embedded server closed; scratch folder deleted." : "Scratch folder deleted.");
export {};
