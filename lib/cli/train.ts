/**
 * `deno task train`: the seed guide's GRPO workflow, against a running Arbor server
 * (`--backend arbor`) or the embedded one (`--backend embedded`), with the same client code.
 *
 * @module
 */

import { join } from "node:path";
import { CATEGORY_MAPPING_NOTE } from "../data/categories.ts";
import { RUN_FILES, RunRecords } from "../grpo/run_records.ts";
import { trainGrpo } from "../grpo/train_run.ts";
import { createProgressBar } from "./progress_bar.ts";
import { runCli } from "./run_cli.ts";
import { checkJudgeKey, judgeApiKey, probeJudgeAtEdge } from "./judge_setup.ts";
import { formatTextTable } from "../viz/table.ts";
import {
  parseTrainArgs,
  parseTrainFlags,
  type TrainCliConfig,
  trainConfigOf,
  trainHelp,
} from "./train_flags.ts";

async function trainMode(
  config: TrainCliConfig,
  judgeKey: string,
  signal: AbortSignal,
): Promise<number> {
  if (config.judge !== "f1") {
    // A judge that cannot be reached or refuses the key stops the run before anything starts.
    await probeJudgeAtEdge({
      baseUrl: config.judgeBaseUrl,
      model: config.judgeModel,
      apiKey: judgeKey,
      hint: " (check --judge-base-url and --judge-model, or train with --judge f1)",
      signal,
    });
  }
  const bar = createProgressBar(config.numTrainSteps, {
    label: "train step",
    fields: { reward: "-", val: "-" },
  });
  const result = await trainGrpo(trainConfigOf(config), {
    locomoPath: Deno.env.get("LOCOMO_PATH"),
    judgeApiKey: judgeKey,
    signal,
    log: (line) => bar.log(line),
    onValidation: (step, r) => {
      if (step === 0) {
        bar.log(
          `Step 0 validation: F1 ${r.score.toFixed(3)} (categories 1–4: ` +
            `${r.answerableScore.toFixed(3)}, abstaining on ${
              (r.abstentionRate * 100).toFixed(0)
            } %)`,
        );
      }
    },
    onProgress: (p) =>
      bar.update(p.step, {
        reward: p.rewardMean.toFixed(3),
        val: p.validationScore === null ? "-" : p.validationScore.toFixed(3),
      }),
  });
  bar.stop();
  const { state } = result;
  if (result.interrupted) {
    console.log(
      `Interrupted after step ${state.completedStep}; continue with --resume ${result.runDir}`,
    );
    return 130;
  }
  const validations = result.validations;
  const names = Object.keys(validations[0]?.result.byCategory ?? {});
  console.log(formatTextTable(
    ["step", "F1 (all)", "F1 (1–4)", "abstain (1–4)", ...names],
    validations.map(({ step, result: r }) => [
      step,
      Number(r.score.toFixed(3)),
      Number(r.answerableScore.toFixed(3)),
      Number(r.abstentionRate.toFixed(3)),
      ...names.map((n) => Number((r.byCategory[n] ?? 0).toFixed(3))),
    ]),
  ));
  console.log(CATEGORY_MAPPING_NOTE);
  const zero = state.groups.total ? state.groups.zeroVariance / state.groups.total : 0;
  console.log(
    `Best validation F1 ${state.best?.score.toFixed(3)} at step ${state.best?.step}; ` +
      `zero-variance groups ${(zero * 100).toFixed(1)} %. Program: ${result.config.programOut} ` +
      `(this run's own copy: ${join(result.runDir, RUN_FILES.program)}); ` +
      `checkpoint: ${
        state.job.bestCheckpoint ?? "(the initial policy)"
      }; records: ${result.runDir}`,
  );
  return 0;
}

/** Runs the command; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const { help, given, typed } = parseTrainArgs(args);
  if (help) {
    console.log(trainHelp());
    return 0;
  }
  // Everything is checked before anything is written or started; a resumed run's config.json
  // is only read here.
  const recorded = given.resume === undefined
    ? undefined
    : (await RunRecords.read(given.resume)).config;
  const config = parseTrainFlags(args, {
    ...(recorded ? { recorded } : {}),
    onApplied: (changes) => {
      for (const c of changes) console.log(`Applying ${c.flag} ${c.to} (the run had ${c.from}).`);
    },
  });
  const judgeKey = judgeApiKey((name) => Deno.env.get(name));
  checkJudgeKey(config.judge, { baseUrl: config.judgeBaseUrl, apiKey: judgeKey });
  const stop = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    if (++interrupts > 1) Deno.exit(130);
    console.error("\nStopping after the step in flight (Ctrl-C again to quit at once)...");
    stop.abort(new DOMException("interrupted", "AbortError"));
  };
  Deno.addSignalListener("SIGINT", onSigint);
  try {
    if (config.mode === "evaluate") {
      const { evaluateMode } = await import("./train_evaluate.ts");
      return await evaluateMode(config, { given: typed, judgeKey, signal: stop.signal });
    }
    return await trainMode(config, judgeKey, stop.signal);
  } finally {
    Deno.removeSignalListener("SIGINT", onSigint);
  }
}

if (import.meta.main) await runCli(main);
