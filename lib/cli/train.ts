/**
 * `deno task train`: the seed guide's GRPO workflow, against a running Arbor server
 * (`--backend arbor`) or the embedded one (`--backend embedded`), with the same client code.
 *
 * @module
 */

import { join } from "node:path";
import { arborYamlConfig, ensureArborYaml } from "../arbor/arbor_yaml.ts";
import { createArborClient } from "../arbor/create_client.ts";
import { resolveTrainerSettings } from "../arbor/trainer_settings.ts";
import { withArborJob } from "../arbor/with_job.ts";
import { CATEGORY_MAPPING_NOTE } from "../data/categories.ts";
import { createDefaultPolicy } from "../embedded/default_policy.ts";
import { type EmbeddedServer, startEmbeddedServer } from "../embedded/server.ts";
import { arborBackend } from "../grpo/arbor_backend.ts";
import { RunRecords, type RunState } from "../grpo/run_records.ts";
import { stratifiedSample } from "../grpo/stratified_sample.ts";
import { runGrpoLoop } from "../grpo/train_loop.ts";
import { createLmClient, type LmClient } from "../lm/client.ts";
import { createMemoryBank } from "../program/memory_bank.ts";
import { resolveProgram } from "../program/program_config.ts";
import { saveProgram } from "../program/saved_program.ts";
import { createProgressBar } from "./progress_bar.ts";
import { runCli } from "./run_cli.ts";
import { loadSplitData } from "./split_data.ts";
import { makeReward } from "./train_reward.ts";
import { parseTrainFlags, type TrainCliConfig, trainHelp } from "./train_flags.ts";
import { formatTextTable } from "./text_table.ts";

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
}

/** The config recorded in `config.json`: every option, no secrets (keys never enter it). */
function recordedConfig(config: TrainCliConfig, runDir: string): Record<string, unknown> {
  const { help: _help, resume: _resume, ...rest } = config;
  return { ...rest, runDir };
}

async function trainMode(config: TrainCliConfig, signal: AbortSignal): Promise<number> {
  const env = {
    locomo: Deno.env.get("LOCOMO_PATH"),
    judgeKey: Deno.env.get("JUDGE_API_KEY") ?? Deno.env.get("OPENAI_API_KEY") ?? "",
  };
  const secrets = [env.judgeKey].filter((s) => s !== "");

  let records: RunRecords;
  let resumeFrom: RunState | undefined;
  if (config.resume) {
    const resumed = await RunRecords.resume(config.resume);
    records = resumed.records;
    resumeFrom = resumed.state;
    config = { ...(await records.readConfig()) as TrainCliConfig, resume: config.resume };
    console.log(`Resuming ${config.resume} after step ${resumeFrom.completedStep}.`);
  } else {
    const runDir = config.runDir ?? join("runs", timestamp(new Date()));
    records = await RunRecords.create(runDir, recordedConfig(config, runDir));
  }
  console.log(`Run records: ${records.dir} (metrics.jsonl, rollouts.jsonl, config.json)`);

  const data = await loadSplitData({
    input: config.input,
    envPath: env.locomo,
    dataDir: config.dataDir,
  });
  if (data.createdSplits) {
    console.log(`Split files were missing: wrote them to ${config.dataDir}/.`);
  }
  const category = (e: { category: number }) => e.category;
  const train = stratifiedSample(
    data.splits.train.examples,
    Math.min(config.numTrain, data.splits.train.examples.length),
    category,
    config.seed,
  );
  const val = stratifiedSample(
    data.splits.val.examples,
    Math.min(config.numVal, data.splits.val.examples.length),
    category,
    config.seed + 1,
  );
  console.log(
    `Data: ${train.length} training and ${val.length} validation examples (${data.input}).`,
  );

  let server: EmbeddedServer | undefined;
  let baseUrl = config.arborUrl;
  if (config.backend === "embedded") {
    server = await startEmbeddedServer({
      createPolicy: createDefaultPolicy,
      dialect: config.embeddedDialect,
      outputDir: config.outputDir,
      seed: config.seed,
    });
    baseUrl = server.url;
    console.log(`Embedded Arbor-compatible server (${server.dialect}) at ${server.url}`);
  } else {
    const yaml = await ensureArborYaml(
      config.arborConfig,
      arborYamlConfig(config.inferenceGpus, config.trainingGpus),
    );
    console.log(yaml.written ? `Wrote ${yaml.path}.` : `Using existing ${yaml.path}.`);
  }

  const memories = createMemoryBank(data.dataset.conversations, {
    memoryTokens: config.memoryTokens,
  });
  const program = resolveProgram({ k: config.k });
  const reward = await makeReward(config, { apiKey: env.judgeKey });
  const clients = new Map<string, LmClient>();
  const lmFor = (model: string) => {
    let lm = clients.get(model);
    if (!lm) {
      lm = createLmClient({
        baseUrl: baseUrl.replace(/\/+$/, ""),
        model,
        concurrency: config.concurrency,
        timeoutMs: config.backend === "embedded" ? 30_000 : 300_000,
      });
      clients.set(model, lm);
    }
    return lm;
  };
  try {
    const client = await createArborClient(baseUrl, { idleTimeoutMs: config.idleTimeout * 1000 });
    const settings = resolveTrainerSettings({
      model: resumeFrom?.job.resumeCheckpoint ?? config.model,
      numGenerations: config.numGenerations,
      temperature: config.temperature,
      maxSteps: config.numTrainSteps * config.examplesPerStep,
      perDeviceTrainBatchSize: config.perDeviceTrainBatchSize,
      gradientAccumulationSteps: config.gradientAccumulationSteps,
      learningRate: config.learningRate,
      beta: config.beta,
      lora: { r: config.loraR, alpha: config.loraAlpha },
      bf16: config.bf16,
      maxPromptLength: config.maxPromptLength,
      maxCompletionLength: config.maxCompletionLength,
      numInferenceGpus: config.inferenceGpus.split(",").length,
      numTrainingGpus: config.trainingGpus.split(",").length,
    });
    const bar = createProgressBar(config.numTrainSteps, {
      format:
        "train [{bar}] step {value}/{total} | reward {reward} | val {val} | ETA {eta_formatted}",
    });
    const result = await withArborJob(client, async (jobSignal) => {
      await client.initialize(settings, { signal: jobSignal });
      const jobServer = server;
      const backend = arborBackend(client, {
        signal: jobSignal,
        ...(jobServer
          ? {
            trainingStats: () => {
              const job = (client.jobId ? jobServer.jobs.find(client.jobId) : undefined) ??
                jobServer.jobs.list().at(-1);
              const last = job?.steps.at(-1)?.stats;
              return last ? { loss: last.loss, kl: last.kl, grad_norm: last.gradNorm } : {};
            },
          }
          : {}),
      });
      return await runGrpoLoop({
        numTrainSteps: config.numTrainSteps,
        examplesPerStep: config.examplesPerStep,
        numGenerations: config.numGenerations,
        numStepsForVal: config.numStepsForVal,
        temperature: config.temperature,
        seed: config.seed,
        scaleRewards: settings.scaleRewards,
        checkpointEveryStep: config.backend === "embedded",
      }, {
        program,
        backend,
        lmFor,
        memories,
        train,
        val,
        reward,
        records,
        secrets,
        signal: jobSignal,
        ...(resumeFrom ? { resumeFrom } : {}),
        onProgress: (p) =>
          bar.update(p.step, {
            reward: p.rewardMean.toFixed(3),
            val: p.validationScore === null ? "-" : p.validationScore.toFixed(3),
          }),
        onBest: async (r, step, checkpoint) => {
          await saveProgram(config.programOut, program, {
            provenance: {
              model: config.model,
              backend: config.backend,
              run: records.dir,
              checkpoint,
              validationScore: r.score,
            },
            secrets,
          });
          if (step === 0) {
            console.log(
              `Step 0 validation: F1 ${r.score.toFixed(3)} (categories 1–4: ${
                r.answerableScore.toFixed(3)
              })`,
            );
          }
        },
      });
    }, { signal });
    bar.stop();
    const validations = (await records.events()).filter((e) => e.type === "validation");
    console.log(formatTextTable(
      [
        "step",
        "F1 (all)",
        "F1 (1–4)",
        "abstain (1–4)",
        ...Object.keys(validations[0]?.byCategory as object ?? {}),
      ],
      validations.map((v) => [
        v.step,
        Number((v.score as number).toFixed(3)),
        Number((v.answerableScore as number).toFixed(3)),
        Number((v.abstentionRate as number).toFixed(3)),
        ...Object.values(v.byCategory as Record<string, number>).map((x) => Number(x.toFixed(3))),
      ]),
    ));
    console.log(CATEGORY_MAPPING_NOTE);
    const summary = {
      completedSteps: result.state.completedStep,
      interrupted: result.interrupted,
      best: result.state.best,
      zeroVarianceShare: result.state.groups.total
        ? result.state.groups.zeroVariance / result.state.groups.total
        : 0,
      bestCheckpoint: result.state.job.bestCheckpoint,
      program: config.programOut,
    };
    await records.saveSummary(summary);
    if (result.interrupted) {
      console.log(
        `Interrupted after step ${result.state.completedStep}; continue with --resume ${records.dir}`,
      );
      return 130;
    }
    console.log(
      `Best validation F1 ${
        result.state.best?.score.toFixed(3)
      } at step ${result.state.best?.step}; ` +
        `zero-variance groups ${
          (summary.zeroVarianceShare * 100).toFixed(1)
        } %. Program: ${config.programOut}; ` +
        `checkpoint: ${
          result.state.job.bestCheckpoint ?? "(initial policy)"
        }; records: ${records.dir}`,
    );
    return 0;
  } finally {
    for (const lm of clients.values()) lm.close();
    memories.free();
    await server?.close();
  }
}

/** Runs the command; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const config = parseTrainFlags(args);
  if (config.help) {
    console.log(trainHelp());
    return 0;
  }
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
      return await evaluateMode(config, stop.signal);
    }
    return await trainMode(config, stop.signal);
  } finally {
    Deno.removeSignalListener("SIGINT", onSigint);
  }
}

if (import.meta.main) await runCli(main);
