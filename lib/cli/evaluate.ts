/**
 * `deno task evaluate`: the systems side by side on the test split, per category, with
 * resumable results in an output folder.
 *
 * @module
 */

import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CATEGORY_MAPPING_NOTE } from "../data/categories.ts";
import { loadLocomo } from "../data/load_locomo.ts";
import { locateLocomo } from "../data/locate_locomo.ts";
import { readSplit, splitPath } from "../data/split_files.ts";
import { SPLIT_NAMES, type SplitName } from "../data/split_locomo.ts";
import { isCheckpointDir } from "../embedded/checkpoint_files.ts";
import { type EmbeddedBackend, startEmbeddedBackend } from "../eval/embedded_backend.ts";
import { evaluate } from "../eval/evaluate.ts";
import { type EvalSystem, JUDGE_MODES, type JudgeMode } from "../eval/eval_types.ts";
import { parseSystemList, type SelectedSystem, selectSystems } from "../eval/select_systems.ts";
import { checkSplitSource } from "../eval/split_source.ts";
import { formatSummaryTable } from "../eval/write_outputs.ts";
import { stratifiedSample } from "../grpo/stratified_sample.ts";
import { createLmClient, type LmClient } from "../lm/client.ts";
import { CONTEXT_MODES } from "../program/program_config.ts";
import { createProgressBar } from "./progress_bar.ts";
import { intFlag, runCli, UsageError } from "./run_cli.ts";

const OPENAI_URL = "https://api.openai.com/v1";

const HELP = `deno task evaluate [options]

Runs the systems side by side on a split's questions (answers at temperature 0) and writes
predictions.jsonl, summary.json, report.md and chart.svg into --out-dir. Rerunning with the same
--out-dir reuses finished rows and retries failed ones. Failed rows count as wrong.
  --backend B            embedded (default: the in-process extractive policy, offline) or openai
                         (any OpenAI-compatible endpoint; key from $OPENAI_API_KEY)
  --base-url URL         OpenAI-compatible base URL with /v1 (openai; default ${OPENAI_URL})
  --model NAME           answering model (required with --backend openai)
  --policy-checkpoint D  embedded: serve this checkpoint folder instead of the untrained policy
  --data-dir DIR         folder of the split files from \`deno task split\` (default data)
  --input PATH           LOCOMO file of the conversations (default $LOCOMO_PATH, then
                         data/locomo10.json); must be the file the split was made from
  --split NAME           train, val or test (default test)
  --num-test N           seeded, category-stratified sample of N questions (default all)
  --systems LIST         comma list of ${CONTEXT_MODES.join(", ")} (default all four)
  --program FILE         a saved program as an extra system (repeatable); on the embedded
                         backend its provenance checkpoint, if any, answers for it
  --judge MODE           f1 (official F1, default), llm (LLM judge J) or both
  --judge-base-url URL   judge endpoint (default ${OPENAI_URL}); key $JUDGE_API_KEY or $OPENAI_API_KEY
  --judge-model NAME     judge model (default gpt-4o-mini); must differ from the answering model
  --allow-same-judge     let the judge be the answering model (biased scores; default: refuse)
  --concurrency N        questions answered at once (default 8 for openai, 2 for embedded,
                         which shares this process's CPU)
  --out-dir DIR          output folder (default results/<timestamp>)
  --cache-dir DIR        LM and judge caches for the openai backend and the judge (default .cache;
                         the embedded backend caches inside --out-dir)
  --seed N               seed of the --num-test sample and of the bootstrap intervals (default 42)
  -h, --help             show this help`;

/** Dependencies of {@link main} (injected by tests). */
export interface EvaluateMainOptions {
  /** Reads an environment variable. Default: `Deno.env.get`. */
  env?: (name: string) => string | undefined;
  /** Prints a line. Default: `console.log`. */
  log?: (line: string) => void;
  /** The clock for the default output folder name. Default: `() => new Date()`. */
  now?: () => Date;
}

function timestamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/:/g, "-");
}

function choice<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}, got ${value}`);
  }
  return value as T;
}

async function checkpointClient(
  system: SelectedSystem,
  backend: EmbeddedBackend | null,
  log: (line: string) => void,
): Promise<LmClient | undefined> {
  const checkpoint = system.saved?.provenance.checkpoint ?? null;
  if (checkpoint === null) return undefined;
  if (backend === null) {
    log(`note: ${system.name}: checkpoint ${checkpoint} is ignored; --model answers for it.`);
    return undefined;
  }
  if (!(await isCheckpointDir(resolve(checkpoint)))) {
    throw new UsageError(
      `${system.file} names checkpoint ${checkpoint}, which is not a checkpoint folder ` +
        "(no policy.json); fix provenance.checkpoint or restore the folder",
    );
  }
  return backend.clientFor(resolve(checkpoint));
}

/** Runs the command; returns the exit code (0 when every row was written, failed or not). */
export async function main(args: string[], options: EvaluateMainOptions = {}): Promise<number> {
  const env = options.env ?? ((name: string) => Deno.env.get(name));
  const log = options.log ?? ((line: string) => console.log(line));
  const { values } = parseArgs({
    args,
    options: {
      backend: { type: "string", default: "embedded" },
      "base-url": { type: "string", default: OPENAI_URL },
      model: { type: "string" },
      "policy-checkpoint": { type: "string" },
      "data-dir": { type: "string", default: "data" },
      input: { type: "string" },
      split: { type: "string", default: "test" },
      "num-test": { type: "string" },
      systems: { type: "string", default: CONTEXT_MODES.join(",") },
      program: { type: "string", multiple: true, default: [] },
      judge: { type: "string", default: "f1" },
      "judge-base-url": { type: "string", default: OPENAI_URL },
      "judge-model": { type: "string", default: "gpt-4o-mini" },
      "allow-same-judge": { type: "boolean", default: false },
      concurrency: { type: "string" },
      "out-dir": { type: "string" },
      "cache-dir": { type: "string", default: ".cache" },
      seed: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    log(HELP);
    return 0;
  }
  const backendName = choice("backend", values.backend, ["embedded", "openai"] as const);
  const judgeMode: JudgeMode = choice("judge", values.judge, JUDGE_MODES);
  const split = choice<SplitName>("split", values.split, SPLIT_NAMES);
  const seed = intFlag("seed", values.seed, 42);
  const concurrency = intFlag(
    "concurrency",
    values.concurrency,
    backendName === "embedded" ? 2 : 8,
  );
  if (concurrency < 1) throw new UsageError(`--concurrency must be ≥ 1, got ${concurrency}`);
  const numTest = values["num-test"] === undefined
    ? null
    : intFlag("num-test", values["num-test"], 0);
  if (numTest !== null && numTest < 1) {
    throw new UsageError(`--num-test must be ≥ 1, got ${numTest}`);
  }
  if (backendName === "openai" && !values.model) {
    throw new UsageError("--backend openai needs --model (the answering model's name)");
  }
  let baselines;
  try {
    baselines = parseSystemList(values.systems);
  } catch (error) {
    throw new UsageError(`--systems: ${(error as Error).message}`);
  }
  if (baselines.length === 0 && values.program.length === 0) {
    throw new UsageError("nothing to evaluate: --systems is empty and no --program was given");
  }
  const outDir = values["out-dir"] ??
    join("results", timestamp((options.now ?? (() => new Date()))()));
  const cacheDir = values["cache-dir"];

  const splitFile = splitPath(values["data-dir"], split);
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

  const apiKey = env("OPENAI_API_KEY") ?? "";
  const judgeKey = env("JUDGE_API_KEY") ?? apiKey;
  const secrets = [apiKey, judgeKey].filter((s) => s !== "");
  let backend: EmbeddedBackend | null = null;
  const clients: LmClient[] = [];
  try {
    let lm: LmClient;
    if (backendName === "embedded") {
      backend = await startEmbeddedBackend({
        policyCheckpoint: values["policy-checkpoint"] ?? null,
        seed,
        concurrency,
        cacheDir: join(outDir, ".cache", "lm"),
      });
      lm = backend.lm;
    } else {
      lm = createLmClient({
        baseUrl: values["base-url"],
        model: values.model!,
        apiKey,
        concurrency,
        cacheDir: join(cacheDir, "lm"),
      });
      clients.push(lm);
    }
    const systems: EvalSystem[] = [];
    for (const s of selected) {
      const own = await checkpointClient(s, backend, log);
      systems.push({ name: s.name, program: s.program, ...(own ? { lm: own } : {}) });
    }
    const judgeLm = judgeMode === "f1" ? null : createLmClient({
      baseUrl: values["judge-base-url"],
      model: values["judge-model"],
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
      label: "evaluate",
      format: "{label} [{bar}] {value}/{total} | errors {errors} | ETA {eta_formatted}",
    });
    const result = await evaluate(systems, examples, {
      lm,
      conversations: dataset.conversations,
      outDir,
      judge: judgeMode,
      judgeLm,
      allowSameJudge: values["allow-same-judge"],
      judgeCacheDir: join(cacheDir, "judge"),
      concurrency,
      seed,
      secrets,
      runInfo: {
        backend: backendName,
        model: lm.model,
        split: `${split} (${splitFile})`,
        questions: examples.length,
        data: `${dataset.source.file} sha256 ${dataset.source.sha256}`,
        judge: judgeMode === "f1" ? "official F1 only" : `${judgeMode} (${values["judge-model"]})`,
        seed,
      },
      onProgress: (p) => bar.update(p.done, { errors: p.errors }),
    });
    bar.stop();
    log(formatSummaryTable(result.summary));
    log(CATEGORY_MAPPING_NOTE);
    if (result.reused > 0) log(`Reused ${result.reused} finished rows from ${outDir}.`);
    log(
      result.failed === 0
        ? `All ${result.rows.length} rows answered.`
        : `${result.failed} of ${result.rows.length} rows failed after retries (counted as ` +
          "wrong); rerun with the same --out-dir to retry them.",
    );
    log(`Results: ${result.files!.report} (also summary.json, predictions.jsonl, chart.svg).`);
    return 0;
  } finally {
    for (const client of clients) client.close();
    await backend?.close();
  }
}

if (import.meta.main) await runCli(main);
