/**
 * One GRPO training run end to end: data, backend (embedded server or a running Arbor), the
 * Arbor job, the loop, the saved program and the run records. The train CLI, the demo and the
 * notebooks call it.
 *
 * @module
 */

import { createArborClient } from "../arbor/create_client.ts";
import { withArborJob } from "../arbor/with_job.ts";
import { type Backend, EMBEDDED_MODEL, startBackend } from "../backend/start_backend.ts";
import { loadSplitData } from "../data/split_data.ts";
import { createLmClient, type LmClient } from "../lm/client.ts";
import { createMemoryBank } from "../program/memory_bank.ts";
import { resolveProgram } from "../program/program_config.ts";
import { checkpointRelativeTo, loadProgram, saveProgram } from "../program/saved_program.ts";
import { createRunFolder } from "../io/run_folder.ts";
import { arborBackend } from "./arbor_backend.ts";
import { RunRecords, type RunState } from "./run_records.ts";
import { trainValSamples } from "./stratified_sample.ts";
import type { TrainConfig } from "./train_config.ts";
import { trainerSettingsFor } from "./trainer_settings.ts";
import { type GrpoLoopResult, runGrpoLoop, type TrainProgress } from "./train_loop.ts";
import { makeReward, watchReward } from "./train_reward.ts";
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
  /**
   * Called after each step; what it returns is awaited, so a promise (e.g. a notebook chart's
   * redraw) finishes before the next step. Default: none.
   */
  onProgress?: (progress: TrainProgress) => unknown;
  /**
   * Called after each validation; what it returns is awaited before training goes on.
   * Default: none.
   */
  onValidation?: (step: number, result: ValidationResult) => unknown;
  /** The clock for the default run folder name. Default: `() => new Date()`. */
  now?: () => Date;
}

/** The outcome of {@link trainGrpo}. */
export interface TrainRunResult {
  /** The final run state (as in the run folder's `state.json`). */
  state: RunState;
  /** Validation results by step. */
  validations: { step: number; result: ValidationResult }[];
  /** Whether the run stopped early because of the signal (Ctrl-C). */
  interrupted: boolean;
  /** The run folder. */
  runDir: string;
  /** The config used (for a resumed run: the recorded one with the flags that were applied). */
  config: TrainConfig;
}

/**
 * Runs (or, with `config.resume`, continues) GRPO training. `config` is final: for a resumed
 * run, the one `resumeTrainConfig` made of the recorded run and the flags given. The backend comes from
 * `startBackend` (the embedded server in-process, or a running Arbor); the run talks to either
 * over HTTP in the same way. The Arbor job is always terminated, also on error and on `signal`.
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
  // A starting program (e.g. from `deno task optimize`) is read before anything is written.
  const start = config.program === undefined ? null : await loadProgram(config.program);
  let records: RunRecords | undefined;
  let resumeFrom: RunState | undefined;
  if (config.resume) {
    const resumed = await RunRecords.resume(config.resume);
    records = resumed.records;
    resumeFrom = resumed.state;
    // `config` is already the resumed run's (resumeTrainConfig, called before anything); flags it
    // applied (e.g. more steps) are recorded so that the next --resume keeps them.
    const { resume: _resume, ...recorded } = config;
    await records.saveConfig(recorded);
    log(`Resuming ${config.resume} after step ${resumeFrom.completedStep}.`);
  }

  const data = await loadSplitData({
    input: config.input,
    envPath: options.locomoPath,
    dataDir: config.dataDir,
  });
  if (data.createdSplits) log(`Split files were missing: wrote them to ${config.dataDir}/.`);
  const { train, val, capped } = trainValSamples(data.splits, config);
  log(`Data: ${train.length} training and ${val.length} validation examples from ${data.input}.`);
  for (const c of capped) log(`Note: ${c.flag} ${c.asked} is capped at ${c.used} (${c.reason}).`);

  const backend: Backend = config.backend === "embedded"
    ? await startBackend("embedded", {
      dialect: config.embeddedDialect,
      outputDir: config.outputDir,
      seed: config.seed,
      log,
    })
    : await startBackend("arbor", {
      baseUrl: config.arborUrl,
      arborYaml: {
        path: config.arborConfig,
        inferenceGpus: config.inferenceGpus,
        trainingGpus: config.trainingGpus,
      },
      probeTimeoutMs: config.requestTimeout * 1000,
      log,
    });
  let client: Awaited<ReturnType<typeof createArborClient>>;
  try {
    // The backend was probed (and its dialect found) before anything is written for the run.
    client = await createArborClient(backend.baseUrl, {
      dialect: backend.dialect,
      idleTimeoutMs: config.idleTimeout * 1000,
      statusTimeoutMs: config.requestTimeout * 1000,
      stepTimeoutMs: config.requestTimeout * 1000,
    });
    if (!records) {
      // A new run gets a folder of its own (created exclusively: two runs never share one).
      const runDir = config.runDir ??
        await createRunFolder("runs", options.now ? { now: options.now } : {});
      const { resume: _resume, ...recorded } = config;
      records = await RunRecords.create(runDir, {
        ...recorded,
        runDir,
        ...(capped.length > 0 ? { capped } : {}),
      });
    }
  } catch (error) {
    await backend.close();
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
    const program = start?.program ?? resolveProgram({ k: config.k });
    if (start) {
      log(
        `Starting from ${config.program}: its instructions, ${program.demos.length} demos and ` +
          `memory settings (${program.context}, k ${program.k}); the policy starts from ` +
          `${config.backend === "embedded" ? "the untrained embedded policy" : config.model}.`,
      );
    }
    const reward = watchReward(await makeReward(config, { apiKey: options.judgeApiKey ?? "" }), {
      maxFailedSteps: config.maxFailedSteps,
      secrets,
    });
    const settings = trainerSettingsFor(config, {
      model: resumeFrom?.job.resumeCheckpoint ?? config.model,
    });
    let result: GrpoLoopResult;
    try {
      result = await withArborJob(client, async (jobSignal) => {
        await client.initialize(settings, { signal: jobSignal });
        // Loss, KL and grad norm come over HTTP from the metrics route where one exists.
        const grpoBackend = arborBackend(client, { signal: jobSignal });
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
          backend: grpoBackend,
          lmFor,
          memories,
          train,
          val,
          reward,
          records: runRecords,
          secrets,
          signal: jobSignal,
          ...(resumeFrom ? { resumeFrom } : {}),
          onProgress: (progress) => {
            reward.afterStep(progress.step); // throws RewardFailureError after too many
            return options.onProgress?.(progress);
          },
          onBest: async (r, _step, checkpoint) => {
            const embedded = config.backend === "embedded";
            // The run's own copy never changes after the run; `--program-out` is the latest
            // best of whichever run wrote it last.
            for (const path of [runRecords.path("program"), config.programOut]) {
              await saveProgram(path, program, {
                provenance: {
                  // What was trained and served, not the --model flag an embedded run ignores.
                  model: embedded ? EMBEDDED_MODEL : config.model,
                  policy: embedded ? "embedded-extractive" : "lora",
                  backend: config.backend,
                  run: runRecords.dir,
                  checkpoint: embedded && checkpoint !== null
                    ? checkpointRelativeTo(path, checkpoint)
                    : checkpoint,
                  validationScore: r.score,
                },
                secrets,
              });
            }
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
      ...(capped.length > 0 ? { capped } : {}),
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
    await backend.close();
  }
}
