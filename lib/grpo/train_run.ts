/**
 * One GRPO training run end to end: data, backend (embedded server or a running Arbor), the
 * Arbor job, the loop, the saved program and the run records. The train CLI, the demo and the
 * notebooks call it.
 *
 * @module
 */

import { join } from "node:path";
import { arborYamlConfig, ensureArborYaml } from "../arbor/arbor_yaml.ts";
import { createArborClient } from "../arbor/create_client.ts";
import { parseGpuIds } from "../arbor/gpu_ids.ts";
import { resolveTrainerSettings } from "../arbor/trainer_settings.ts";
import { withArborJob } from "../arbor/with_job.ts";
import { loadSplitData } from "../data/split_data.ts";
import { createDefaultPolicy } from "../embedded/mod.ts";
import { type EmbeddedServer, startEmbeddedServer } from "../embedded/server.ts";
import { createLmClient, type LmClient } from "../lm/client.ts";
import { createMemoryBank } from "../program/memory_bank.ts";
import { resolveProgram } from "../program/program_config.ts";
import { saveProgram } from "../program/saved_program.ts";
import { arborBackend } from "./arbor_backend.ts";
import { RunRecords, type RunState } from "./run_records.ts";
import { stratifiedSample } from "./stratified_sample.ts";
import { resolveTrainConfig, type TrainConfig } from "./train_config.ts";
import { type GrpoLoopResult, runGrpoLoop, type TrainProgress } from "./train_loop.ts";
import { makeReward } from "./train_reward.ts";
import type { ValidationResult } from "./validation.ts";

/** What a run needs from outside (the CLI reads these from the environment). */
export interface TrainRunOptions {
  /** `LOCOMO_PATH`, when set. Default: none. */
  locomoPath?: string;
  /** The judge's API key (`--judge llm|both`); never written anywhere. Default: `""`. */
  judgeApiKey?: string;
  /** Stops the run after the step in flight (Ctrl-C); the job is terminated. Default: none. */
  signal?: AbortSignal;
  /** Receives one-line notes (where records go, the backend, …). Default: none. */
  log?: (line: string) => void;
  /** Called after each step. Default: none. */
  onProgress?: (progress: TrainProgress) => void;
  /** Called after each validation. Default: none. */
  onValidation?: (step: number, result: ValidationResult) => void;
  /** The clock for the default run folder name. Default: `() => new Date()`. */
  now?: () => Date;
}

/** The outcome of {@link trainGrpo}. */
export interface TrainRunResult extends GrpoLoopResult {
  /** The run folder. */
  runDir: string;
  /** The config used (for a resumed run: the original run's). */
  config: TrainConfig;
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
}

/**
 * Runs (or, with `config.resume`, continues) GRPO training. On the embedded backend it starts
 * the embedded Arbor-compatible server in-process and talks to it over HTTP exactly as to a real
 * Arbor. The Arbor job is always terminated, also on error and on `signal`.
 *
 * @example
 * ```ts ignore
 * const result = await trainGrpo(resolveTrainConfig({ backend: "embedded", numTrainSteps: 10 }));
 * console.log(result.state.best);
 * ```
 *
 * @throws {ArborUnavailableError} when no Arbor server answers at `config.arborUrl`.
 * @throws {RunDirError} when the run folder already holds a run, or holds none to resume.
 */
export async function trainGrpo(
  config: TrainConfig,
  options: TrainRunOptions = {},
): Promise<TrainRunResult> {
  const log = options.log ?? (() => {});
  const secrets = [options.judgeApiKey ?? ""].filter((s) => s !== "");
  let records: RunRecords | undefined;
  let resumeFrom: RunState | undefined;
  if (config.resume) {
    const resumed = await RunRecords.resume(config.resume);
    records = resumed.records;
    resumeFrom = resumed.state;
    // Resolved again so a run recorded before an option existed gets its default.
    config = resolveTrainConfig({
      ...(await records.readConfig()) as Partial<TrainConfig>,
      resume: config.resume,
    });
    log(`Resuming ${config.resume} after step ${resumeFrom.completedStep}.`);
  }

  const data = await loadSplitData({
    input: config.input,
    envPath: options.locomoPath,
    dataDir: config.dataDir,
  });
  if (data.createdSplits) log(`Split files were missing: wrote them to ${config.dataDir}/.`);
  const category = (e: { category: number }) => e.category;
  const trainPool = data.splits.train.examples;
  const valPool = data.splits.val.examples;
  const train = stratifiedSample(trainPool, Math.min(config.numTrain, trainPool.length), {
    key: category,
    seed: config.seed,
  });
  const val = stratifiedSample(valPool, Math.min(config.numVal, valPool.length), {
    key: category,
    seed: config.seed + 1,
  });
  log(`Data: ${train.length} training and ${val.length} validation examples from ${data.input}.`);

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
    log(`Embedded Arbor-compatible server (${server.dialect}) at ${server.url}`);
  } else {
    const yaml = await ensureArborYaml(
      config.arborConfig,
      arborYamlConfig(config.inferenceGpus, config.trainingGpus),
    );
    log(yaml.written ? `Wrote ${yaml.path}.` : `Using the existing ${yaml.path}.`);
  }
  let client: Awaited<ReturnType<typeof createArborClient>>;
  try {
    // Probe the server (and its dialect) before anything is written for the run.
    client = await createArborClient(baseUrl, {
      idleTimeoutMs: config.idleTimeout * 1000,
      statusTimeoutMs: config.requestTimeout * 1000,
      stepTimeoutMs: config.requestTimeout * 1000,
    });
    if (!records) {
      const runDir = config.runDir ??
        join("runs", timestamp((options.now ?? (() => new Date()))()));
      const { resume: _resume, ...recorded } = config;
      records = await RunRecords.create(runDir, { ...recorded, runDir });
    }
  } catch (error) {
    await server?.close();
    throw error;
  }
  const runRecords = records;
  log(`Run records: ${runRecords.dir} (metrics.jsonl, rollouts.jsonl, config.json, summary.json)`);

  const memories = createMemoryBank(data.dataset.conversations, {
    memoryTokens: config.memoryTokens,
  });
  const clients = new Map<string, LmClient>();
  const lmFor = (model: string) => {
    let lm = clients.get(model);
    if (!lm) {
      lm = createLmClient({
        // The client's normalised `/v1/` URL: `--arbor-url` may be given without `/v1`.
        baseUrl: client.baseUrl.replace(/\/+$/, ""),
        model,
        concurrency: config.concurrency,
        timeoutMs: config.backend === "embedded" ? 30_000 : 300_000,
      });
      clients.set(model, lm);
    }
    return lm;
  };
  try {
    const program = resolveProgram({ k: config.k });
    const reward = await makeReward(config, { apiKey: options.judgeApiKey ?? "" });
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
      numInferenceGpus: parseGpuIds(config.inferenceGpus, "--inference-gpus").length,
      numTrainingGpus: parseGpuIds(config.trainingGpus, "--training-gpus").length,
    });
    let result: GrpoLoopResult;
    try {
      result = await withArborJob(client, async (jobSignal) => {
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
          records: runRecords,
          secrets,
          signal: jobSignal,
          ...(resumeFrom ? { resumeFrom } : {}),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
          onBest: async (r, _step, checkpoint) => {
            await saveProgram(config.programOut, program, {
              provenance: {
                model: config.model,
                backend: config.backend,
                run: runRecords.dir,
                checkpoint,
                validationScore: r.score,
              },
              secrets,
            });
          },
          ...(options.onValidation ? { onValidation: options.onValidation } : {}),
        });
      }, options.signal ? { signal: options.signal } : {});
    } catch (error) {
      if (!options.signal?.aborted) throw error;
      // Ctrl-C: the job was terminated; the last completed step is in state.json.
      const state = JSON.parse(await Deno.readTextFile(runRecords.path("state"))) as RunState;
      result = { state, validations: [], interrupted: true };
    }
    await runRecords.saveSummary({
      completedSteps: result.state.completedStep,
      interrupted: result.interrupted,
      best: result.state.best,
      zeroVarianceShare: result.state.groups.total
        ? result.state.groups.zeroVariance / result.state.groups.total
        : 0,
      bestCheckpoint: result.state.job.bestCheckpoint,
      program: config.programOut,
      validations: result.validations.map((v) => ({
        step: v.step,
        score: v.result.score,
        answerableScore: v.result.answerableScore,
        abstentionRate: v.result.abstentionRate,
        byCategory: v.result.byCategory,
      })),
    });
    return { ...result, runDir: runRecords.dir, config };
  } finally {
    for (const lm of clients.values()) lm.close();
    memories.free();
    await server?.close();
  }
}
