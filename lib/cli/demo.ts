/**
 * `deno task demo`: the quickstart, offline after a one-time download. LOCOMO (downloaded once
 * unless `LOCOMO_PATH` is set) → split by conversation → evaluation of the untrained embedded
 * policy → a short GRPO training on the embedded backend over the real Arbor HTTP path →
 * evaluation again → a before/after table by category with the official F1.
 *
 * @module
 */

import { join } from "node:path";
import { CATEGORY_MAPPING_NOTE } from "../data/categories.ts";
import { downloadLocomo } from "../data/download_locomo.ts";
import { DEFAULT_LOCOMO_PATH } from "../data/locate_locomo.ts";
import { loadSplitData } from "../data/split_data.ts";
import { writeSplits } from "../data/split_files.ts";
import { splitLocomo } from "../data/split_locomo.ts";
import { checkSplits, splitCounts } from "../data/split_report.ts";
import { EMBEDDED_MODEL, startEmbeddedBackend } from "../eval/embedded_backend.ts";
import { evaluate } from "../eval/evaluate.ts";
import type { EvalSystem } from "../eval/eval_types.ts";
import { stratifiedSample } from "../grpo/stratified_sample.ts";
import { resolveTrainConfig } from "../grpo/train_config.ts";
import { TRAIN_SETTINGS } from "../grpo/train_settings.ts";
import { trainGrpo } from "../grpo/train_run.ts";
import { resolveProgram } from "../program/program_config.ts";
import { createProgressBar } from "./progress_bar.ts";
import { runFolderName } from "../io/run_folder.ts";
import { type FlagSpec, formatFlags, HELP_FLAG, parseFlags } from "./flags.ts";
import { runCli, UsageError } from "./run_cli.ts";
import { formatSplitTable } from "./split.ts";
import { answerableF1, formatScoreTable } from "./train_evaluate.ts";

const DEMO_FLAGS: readonly FlagSpec[] = [
  { name: "data-dir", key: "dataDir", type: "string", default: "data", help: "split files" },
  {
    name: "out",
    key: "out",
    type: "string",
    arg: "DIR",
    help: "results folder (default results/demo-<timestamp>); the run goes to <out>/run",
  },
  {
    name: "steps",
    key: "steps",
    type: "int",
    default: 100,
    rule: TRAIN_SETTINGS.numTrainSteps,
    help: "GRPO steps",
  },
  {
    name: "num-test",
    key: "numTest",
    type: "int",
    default: 418,
    rule: { type: "int", min: 1 },
    help: "test questions, a seeded stratified sample (418: the whole test split)",
  },
  { name: "seed", key: "seed", type: "int", default: 42, rule: TRAIN_SETTINGS.seed, help: "seed" },
  HELP_FLAG,
];

const HELP = `deno task demo [options]

The quickstart, offline after a one-time download of LOCOMO (skipped when LOCOMO_PATH is set):
split by conversation, evaluate the untrained embedded policy on the test split, train it with
GRPO on the embedded Arbor-compatible backend (over HTTP, as with a real Arbor), evaluate again,
and print a before/after table by category (official LOCOMO F1).
${formatFlags(DEMO_FLAGS).join("\n")}`;

/** Runs the demo; returns the exit code. */
/** Whether `dir` is missing or an empty folder. */
async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    for await (const _ of Deno.readDir(dir)) return false;
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return true;
    throw error;
  }
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseFlags(args, DEMO_FLAGS);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const steps = values.steps as number;
  const numTest = values.numTest as number;
  const seed = values.seed as number;
  const dataDir = values.dataDir as string;
  const out = (values.out as string | undefined) ??
    join("results", `demo-${runFolderName(new Date())}`);
  if (values.out !== undefined && !(await isEmptyOrMissing(out))) {
    // A demo never mixes runs: its "grpo" rows would be reused from another policy.
    throw new UsageError(
      `--out ${out} already holds files (an earlier demo?); choose a new folder or leave --out ` +
        "out for a fresh results/demo-<id>",
    );
  }
  // The training config is resolved (and checked) before anything is downloaded or written.
  let trainConfig;
  try {
    trainConfig = resolveTrainConfig({
      backend: "embedded",
      numTrainSteps: steps,
      numStepsForVal: Math.max(1, Math.floor(steps / 5)),
      seed,
      dataDir,
      runDir: join(out, "run"),
      outputDir: join(out, "checkpoints"),
      programOut: join(out, "grpo_optimized_memory_qa.json"),
    });
  } catch (cause) {
    throw new UsageError((cause as Error).message, { cause });
  }
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  // Each phase reports its own duration; the last line gives the total.
  let phaseStart = started;
  const phase = () => {
    const now = performance.now();
    const took = ((now - phaseStart) / 1000).toFixed(1);
    phaseStart = now;
    return `${took} s`;
  };

  let locomoPath = Deno.env.get("LOCOMO_PATH");
  if (locomoPath) console.log(`1. Data: LOCOMO_PATH=${locomoPath} (no download).`);
  else {
    let bar: ReturnType<typeof createProgressBar> | undefined;
    const result = await downloadLocomo(DEFAULT_LOCOMO_PATH, {
      onProgress(received, total) {
        bar ??= createProgressBar(total || 2_805_274, {
          label: "locomo10.json bytes",
          plainEveryMs: 10_000,
        });
        bar.update(received);
      },
    });
    bar?.stop();
    locomoPath = result.path;
    console.log(
      `1. Data: ${locomoPath} ${result.downloaded ? "downloaded" : "already present"} ` +
        "(sha256 verified).",
    );
  }
  const { dataset } = await loadSplitData({ envPath: locomoPath, dataDir });
  const splits = splitLocomo(dataset, { seed });
  const problems = checkSplits(splits, dataset.questions.map((q) => q.id));
  if (problems.length > 0) throw new Error(`split check failed: ${problems.join("; ")}`);
  await writeSplits(splits, dataDir);
  console.log(
    `2. Split by conversation (seed ${seed}) into ${dataDir}/locomo_{train,val,test}.json`,
  );
  console.log(formatSplitTable(splitCounts(splits)));

  const test = stratifiedSample(
    splits.test.examples,
    Math.min(numTest, splits.test.examples.length),
    { key: (e) => e.category, seed: seed + 2 },
  );
  const program = resolveProgram();
  const evalOptions = {
    conversations: dataset.conversations,
    outDir: out,
    seed,
    runInfo: { demo: "untrained vs GRPO-trained embedded policy", steps },
  };
  const untrained = await startEmbeddedBackend({ seed });
  try {
    const before = await evaluate([{ name: "untrained", program }], test, {
      ...evalOptions,
      lm: untrained.lm,
    });
    console.log(
      `3. Untrained embedded policy on ${test.length} test questions: F1 ` +
        `${before.summary.systems[0]!.f1.overall.mean.toFixed(3)}, categories 1–4 ` +
        `${answerableF1(before.summary.systems[0]!)} (${phase()})`,
    );
  } finally {
    await untrained.close();
  }

  const bar = createProgressBar(steps, {
    label: "   GRPO step",
    fields: { reward: "-", val: "-" },
  });
  const trained = await trainGrpo(
    trainConfig,
    {
      locomoPath,
      onProgress: (p) =>
        bar.update(p.step, {
          reward: p.rewardMean.toFixed(3),
          val: p.validationScore?.toFixed(3) ?? "-",
        }),
    },
  );
  bar.stop();
  const best = trained.state.best;
  console.log(
    `4. GRPO on the embedded backend: ${trained.state.completedStep} steps; best validation F1 ` +
      `${best?.score.toFixed(3)} at step ${best?.step} (${phase()})`,
  );

  const checkpoint = trained.state.job.bestCheckpoint;
  const backend = await startEmbeddedBackend({ seed, policyCheckpoint: checkpoint });
  try {
    const fresh = backend.clientFor(EMBEDDED_MODEL);
    const systems: EvalSystem[] = [
      { name: "untrained", program, lm: fresh },
      { name: "grpo", program, lm: backend.lm },
    ];
    const after = await evaluate(systems, test, { ...evalOptions, lm: backend.lm });
    console.log(`5. Before/after on ${test.length} test questions (official LOCOMO F1):`);
    console.log(formatScoreTable(after.summary.systems));
    console.log(CATEGORY_MAPPING_NOTE);
    const pair = after.summary.comparisons?.[0];
    if (pair) {
      // Trained minus untrained, so a gain reads as a positive number. Categories 1–4 on their
      // own too: the overall gain also counts abstentions learnt on adversarial questions.
      const d = pair.f1.overall;
      const answerable = pair.f1Answerable;
      const signed = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(3)}`;
      const onAnswerable = answerable
        ? `, ${signed(-answerable.difference)} on categories 1–4 (${
          signed(-answerable.ci.high)
        } … ${signed(-answerable.ci.low)})`
        : "";
      console.log(
        `   ${pair.b} − ${pair.a}: ${signed(-d.difference)} F1 overall (paired 95 % CI ` +
          `${signed(-d.ci.high)} … ${
            signed(-d.ci.low)
          })${onAnswerable}; evaluation took ${phase()}`,
      );
    }
  } finally {
    await backend.close();
  }
  console.log(
    `Full results in ${out}/: report.md, predictions.jsonl, summary.json, chart.svg; ` +
      `training run in ${trained.runDir}/. Done in ${seconds()} s.`,
  );
  return 0;
}

if (import.meta.main) await runCli(main);
