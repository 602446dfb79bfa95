/**
 * `deno task evaluate`: the systems side by side on the test split, per category, with
 * resumable results in an output folder.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { CATEGORY_MAPPING_NOTE } from "../data/categories.ts";
import { loadLocomo } from "../data/load_locomo.ts";
import { locateLocomo } from "../data/locate_locomo.ts";
import { readSplit, splitPath } from "../data/split_files.ts";
import { checkpointOf } from "../program/saved_program.ts";
import { createRunFolder } from "../io/run_folder.ts";
import { servableCheckpoint } from "./program_checkpoint.ts";
import { type EmbeddedBackend, startEmbeddedBackend } from "../eval/embedded_backend.ts";
import { evaluate } from "../eval/evaluate.ts";
import type { EvalSystem } from "../eval/eval_types.ts";
import { JudgeConfigError, JudgeUnavailableError } from "../metrics/judge_errors.ts";
import { parseSystemList, type SelectedSystem, selectSystems } from "../eval/select_systems.ts";
import { checkSplitSource } from "../eval/split_source.ts";
import { formatSummaryTable } from "../eval/write_outputs.ts";
import { stratifiedSample } from "../grpo/stratified_sample.ts";
import { createLmClient, type LmClient } from "../lm/client.ts";
import { createProgressBar } from "./progress_bar.ts";
import {
  defaultConcurrency,
  EVALUATE_FLAGS,
  type EvaluateFlags,
  evaluateHelp,
} from "./evaluate_flags.ts";
import { parseFlags } from "./flags.ts";
import { runCli, UsageError } from "./run_cli.ts";
import {
  checkJudgeKey,
  FAILED_ROWS_EXIT,
  judgeApiKey,
  probeEndpoint,
  probeJudgeAtEdge,
} from "./judge_setup.ts";
import { formatFailures } from "../eval/failure_causes.ts";
import {
  checkFolderSettings,
  type FolderSettings,
  readFolderSettings,
  writeFolderSettings,
} from "../eval/folder_settings.ts";

/** Dependencies of {@link main} (injected by tests). */
export interface EvaluateMainOptions {
  /** Reads an environment variable. Default: `Deno.env.get`. */
  env?: (name: string) => string | undefined;
  /** Prints a line. Default: `console.log`. */
  log?: (line: string) => void;
  /** The clock for the default output folder name. Default: `() => new Date()`. */
  now?: () => Date;
}

/**
 * The checkpoint that answers for a saved trained program, checked before anything is written:
 * on the embedded backend it must be a folder the server can restore; other backends ignore it
 * (`null`, with a note).
 */
async function systemCheckpoint(
  system: SelectedSystem,
  embedded: boolean,
  log: (line: string) => void,
): Promise<string | null> {
  const checkpoint = system.saved ? await checkpointOf(system.file!, system.saved) : null;
  if (checkpoint === null) return null;
  if (!embedded) {
    log(`note: ${system.name}: checkpoint ${checkpoint} is ignored; --model answers for it.`);
    return null;
  }
  return await servableCheckpoint(system.file!, checkpoint);
}

/**
 * Runs the command; returns the exit code: 0, or {@link FAILED_ROWS_EXIT} when rows failed or
 * were not judged (0 with `--allow-failures`).
 */
export async function main(args: string[], options: EvaluateMainOptions = {}): Promise<number> {
  const env = options.env ?? ((name: string) => Deno.env.get(name));
  const log = options.log ?? ((line: string) => console.log(line));
  const values = parseFlags(args, EVALUATE_FLAGS).values as unknown as EvaluateFlags;
  if (values.help) {
    log(evaluateHelp());
    return 0;
  }
  // Every flag is checked here, before anything is read, written or started.
  const backendName = values.backend;
  const judgeMode = values.judge;
  const split = values.split;
  const seed = values.seed;
  const concurrency = values.concurrency ?? defaultConcurrency(backendName);
  const numTest = values.numTest ?? null;
  if (backendName === "openai" && !values.model) {
    throw new UsageError("--backend openai needs --model (the answering model's name)");
  }
  if (
    backendName === "openai" && judgeMode !== "f1" && values.judgeModel === values.model &&
    !values.allowSameJudge
  ) {
    throw new JudgeConfigError({
      judgeModel: values.judgeModel,
      policyModel: values.model!,
      problem: "--judge-model is the answering model (--model); choose another --judge-model, " +
        "or pass --allow-same-judge to accept biased scores",
    });
  }
  const apiKey = env("OPENAI_API_KEY") ?? "";
  const judgeKey = judgeApiKey(env);
  checkJudgeKey(judgeMode, { baseUrl: values.judgeBaseUrl, apiKey: judgeKey });
  let baselines;
  try {
    baselines = parseSystemList(values.systems);
  } catch (error) {
    throw new UsageError(`--systems: ${(error as Error).message}`);
  }
  if (baselines.length === 0 && values.program.length === 0) {
    throw new UsageError("nothing to evaluate: --systems is empty and no --program was given");
  }

  const splitFile = splitPath(values.dataDir, split);
  const splitData = await readSplit(splitFile);
  const dataFile = await locateLocomo({ input: values.input, envPath: env("LOCOMO_PATH") });
  const dataset = await loadLocomo(dataFile);
  checkSplitSource(splitData, dataset.source, { splitFile, dataFile });
  const examples = numTest === null
    ? splitData.examples
    : stratifiedSample(splitData.examples, Math.min(numTest, splitData.examples.length), {
      key: (e) => e.category,
      seed: seed,
    });
  const selected = await selectSystems(baselines, values.program);
  const checkpoints: (string | null)[] = [];
  for (const s of selected) {
    checkpoints.push(await systemCheckpoint(s, backendName === "embedded", log));
  }
  // What the answers depend on: a rerun into the same --out-dir reuses rows only if it matches.
  const settings: FolderSettings = {
    "--backend": backendName,
    "--base-url": backendName === "openai" ? values.baseUrl : null,
    "--model": backendName === "openai" ? values.model! : null,
    "--policy-checkpoint": backendName === "embedded" && values.policyCheckpoint
      ? resolve(values.policyCheckpoint)
      : null,
    // The untrained embedded policy is seeded.
    "--seed": backendName === "embedded" ? seed : null,
    ...(judgeMode === "f1" ? {} : {
      "--judge-base-url": values.judgeBaseUrl,
      "--judge-model": values.judgeModel,
    }),
    ...Object.fromEntries(
      selected.map((s) => [
        `--program ${s.name}`,
        // The program and, for a trained one, the checkpoint that answers for it.
        createHash("sha256").update(JSON.stringify([s.program, s.saved?.provenance.checkpoint]))
          .digest("hex").slice(0, 16),
      ]),
    ),
  };
  if (values.outDir) await checkFolderSettings(values.outDir, settings);

  // The judge is probed before any answer is asked for.
  const judgeUnavailable = judgeMode === "f1" ? null : await probeJudgeAtEdge({
    baseUrl: values.judgeBaseUrl,
    model: values.judgeModel,
    apiKey: judgeKey,
    allowFailures: values.allowFailures,
    log,
  });
  // Then the answering endpoint (after the judge: a broken judge stops the run before any
  // call to the LM under test), before anything is written, unless failures are accepted.
  if (backendName === "openai" && !values.allowFailures) {
    try {
      await probeEndpoint(values.baseUrl, values.model!, {
        apiKey,
        keyHint: "OPENAI_API_KEY",
        role: "answering LM",
        log,
      });
    } catch (error) {
      if (!(error instanceof JudgeUnavailableError)) throw error;
      error.message += " (check --base-url and --model, or pass --allow-failures to run anyway)";
      throw error;
    }
  }
  const secrets = [apiKey, judgeKey].filter((s) => s !== "");
  // A new results folder of its own (created exclusively), unless --out-dir names one.
  const outDir = values.outDir ??
    await createRunFolder("results", options.now ? { now: options.now } : {});
  // Caches are the evaluation's own unless --cache-dir shares them; --no-cache turns them off.
  const cacheRoot = values.cache ? values.cacheDir ?? join(outDir, ".cache") : null;
  const cacheIn = (name: string) => cacheRoot === null ? null : join(cacheRoot, name);
  await writeFolderSettings(outDir, { ...await readFolderSettings(outDir), ...settings });
  let backend: EmbeddedBackend | null = null;
  const clients: LmClient[] = [];
  try {
    let lm: LmClient;
    if (backendName === "embedded") {
      backend = await startEmbeddedBackend({
        policyCheckpoint: values.policyCheckpoint ?? null,
        seed,
        concurrency,
        cacheDir: cacheIn("lm"),
      });
      lm = backend.lm;
    } else {
      lm = createLmClient({
        baseUrl: values.baseUrl,
        model: values.model!,
        apiKey,
        concurrency,
        cacheDir: cacheIn("lm"),
      });
      clients.push(lm);
    }
    const systems: EvalSystem[] = [];
    selected.forEach((s, i) => {
      const own = backend && checkpoints[i] ? backend.clientFor(checkpoints[i]) : undefined;
      systems.push({ name: s.name, program: s.program, ...(own ? { lm: own } : {}) });
    });
    const judgeLm = judgeMode === "f1" ? null : createLmClient({
      baseUrl: values.judgeBaseUrl,
      model: values.judgeModel,
      apiKey: judgeKey,
      concurrency,
      cacheDir: null,
    });
    if (judgeLm) clients.push(judgeLm);

    log(
      `Evaluating ${systems.map((s) => s.name).join(", ")} on ${examples.length} ${split} ` +
        `questions (${backendName} backend, model ${lm.model}, judge ${judgeMode}) → ${outDir}`,
    );
    const bar = createProgressBar(systems.length * examples.length, {
      label: "evaluate rows",
      fields: { errors: 0 },
      plainEveryMs: 10_000,
      ...(options.log ? { mode: "off" as const } : {}),
    });
    const result = await evaluate(systems, examples, {
      lm,
      conversations: dataset.conversations,
      outDir,
      judge: judgeMode,
      judgeLm,
      judgeUnavailable,
      allowSameJudge: values.allowSameJudge,
      judgeCacheDir: cacheIn("judge"),
      concurrency,
      seed,
      secrets,
      runInfo: {
        backend: backendName,
        model: lm.model,
        split: `${split} (${splitFile})`,
        questions: examples.length,
        data: `${dataset.source.file} sha256 ${dataset.source.sha256}`,
        judge: judgeMode === "f1" ? "official F1 only" : `${judgeMode} (${values.judgeModel})`,
        seed,
      },
      onProgress: (p) => bar.update(p.done, { errors: p.errors }),
    });
    bar.stop();
    log(formatSummaryTable(result.summary));
    log(CATEGORY_MAPPING_NOTE);
    if (result.reused > 0) log(`Reused ${result.reused} finished rows from ${outDir}.`);
    const failed = result.failed + result.notJudged;
    log(
      failed === 0
        ? `All ${result.rows.length} rows answered.`
        : `${failed} of ${result.rows.length} rows failed: ${formatFailures(result.summary)}. ` +
          "Rerun with the same --out-dir to retry them.",
    );
    log(`Results: ${result.files!.report} (also summary.json, predictions.jsonl, chart.svg).`);
    if (failed > 0 && !values.allowFailures) {
      log(`Exit code ${FAILED_ROWS_EXIT}: rows failed (--allow-failures accepts that).`);
      return FAILED_ROWS_EXIT;
    }
    return 0;
  } finally {
    for (const client of clients) client.close();
    await backend?.close();
  }
}

if (import.meta.main) await runCli(main);
