/**
 * `deno task optimize`: prompt optimisation (GEPA-style or MIPROv2-style) of the QA program on
 * the embedded backend or any OpenAI-compatible task LM, with a reflection/proposer LM, writing
 * `optimized_memory_qa.json` and the run's records (resumable).
 *
 * @module
 */

import { join } from "node:path";
import { loadSplitData } from "../data/mod.ts";
import { EMBEDDED_MODEL, type EmbeddedBackend, startEmbeddedBackend } from "../eval/mod.ts";
import { trainValSamples } from "../grpo/mod.ts";
import { writeFileAtomic } from "../io/mod.ts";
import { createRunFolder } from "../io/run_folder.ts";
import { createLmClient, type LmClient } from "../lm/mod.ts";
import {
  autoBudget,
  describeMemory,
  optimizeProgram,
  type OptimizeResult,
} from "../optimize/mod.ts";
import { createMemoryBank, loadProgram, resolveProgram, saveProgram } from "../program/mod.ts";
import { checkpointOf, checkpointRelativeTo } from "../program/saved_program.ts";
import { servableCheckpoint } from "./program_checkpoint.ts";
import { formatTextTable } from "../viz/mod.ts";
import { checkJudgeKey, judgeApiKey, probeJudgeAtEdge } from "./judge_setup.ts";
import { OPTIMIZED_PROGRAM, optimizeHelp, resolveOptimizeFlags } from "./optimize_flags.ts";
import { createProgressBar, formatDuration } from "./progress_bar.ts";
import { runCli, UsageError } from "./run_cli.ts";

/** Where the reflection LM's key comes from, as named in messages. */
export const REFLECTION_KEY_HINT = "REFLECTION_API_KEY (or OPENAI_API_KEY)";

/** The reflection/proposer LM's key: `REFLECTION_API_KEY`, else `OPENAI_API_KEY`, else `""`. */
export function reflectionApiKey(env: (name: string) => string | undefined): string {
  return env("REFLECTION_API_KEY") || env("OPENAI_API_KEY") || "";
}

/** Whether `url` is a server on this machine (which may run without a key). */
export function isLoopbackUrl(url: string): boolean {
  try {
    return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** Dependencies of {@link main} (injected by tests). */
export interface OptimizeMainOptions {
  /** Reads an environment variable. Default: `Deno.env.get`. */
  env?: (name: string) => string | undefined;
  /** Prints a line. Default: `console.log`. */
  log?: (line: string) => void;
}

function pct(x: number): string {
  return (x * 100).toFixed(1);
}

/** The printed report: the pool, the score curve and the cost. */
export function formatOptimizeReport(result: OptimizeResult): string {
  const pool = formatTextTable(
    ["cand", "parent", "origin", "memory", "demos", "instructions", "val F1 %", "at call"],
    result.pool.map((c) => [
      c.id,
      c.parent ?? "–",
      c.origin,
      describeMemory(c.program),
      c.program.demos.length,
      c.program.instructions.length > 40
        ? `${c.program.instructions.slice(0, 39).replace(/\s+/g, " ")}…`
        : c.program.instructions,
      pct(c.valScore),
      c.metricCalls,
    ]),
  );
  const curve = formatTextTable(
    ["metric calls", "best val F1 %"],
    [...result.curve.map((p) => [p.metricCalls, pct(p.bestScore)]), [
      `${result.cost.metricCalls} (end)`,
      pct(result.best.valScore),
    ]],
  );
  const c = result.cost;
  const cost = `Cost: ${c.metricCalls} of ${c.maxMetricCalls} task-LM calls, ` +
    `${c.taskPromptTokens + c.taskCompletionTokens} task tokens, ${c.reflectionCalls} ` +
    `reflection calls (${c.reflectionTokens} tokens), ${c.proposals} proposals ` +
    `(${c.failedProposals} without a usable instruction), ${formatDuration(c.wallMs / 1000)}.`;
  return `Pool (validated candidates):\n${pool}\n\nScore curve:\n${curve}\n\n${cost}`;
}

/** Runs the command; returns the exit code. */
export async function main(args: string[], options: OptimizeMainOptions = {}): Promise<number> {
  const env = options.env ?? ((name: string) => Deno.env.get(name));
  const log = options.log ?? ((line: string) => console.log(line));
  const flags = await resolveOptimizeFlags(args);
  if (flags.help) {
    log(optimizeHelp());
    return 0;
  }
  // Every flag is checked here, before anything is read, written or started.
  if (flags.auto !== undefined && flags.maxMetricCalls !== undefined) {
    throw new UsageError("give --auto or --max-metric-calls, not both");
  }
  if (flags.backend === "openai" && !flags.model) {
    throw new UsageError("--backend openai needs --model (the task LM's name)");
  }
  const reflectionKey = reflectionApiKey(env);
  if (reflectionKey === "" && !isLoopbackUrl(flags.reflectionBaseUrl)) {
    throw new UsageError(
      `the reflection LM at ${flags.reflectionBaseUrl} needs an API key: set ` +
        `${REFLECTION_KEY_HINT}, or point --reflection-base-url at a local server`,
    );
  }
  const judgeKey = judgeApiKey(env);
  checkJudgeKey(flags.judge, { baseUrl: flags.judgeBaseUrl, apiKey: judgeKey });
  const apiKey = env("OPENAI_API_KEY") ?? "";
  const secrets = [apiKey, reflectionKey, judgeKey].filter((s) => s !== "");
  const maxMetricCalls = flags.maxMetricCalls ??
    autoBudget(flags.auto ?? "light", flags.numVal).maxMetricCalls;
  const seedSaved = flags.program ? await loadProgram(flags.program) : null;
  const seedProgram = seedSaved?.program ?? resolveProgram();
  // On the embedded backend a program trained with GRPO is optimized for its own checkpoint.
  const named = seedSaved && flags.backend === "embedded"
    ? await checkpointOf(flags.program!, seedSaved)
    : null;
  const checkpoint = named === null ? null : await servableCheckpoint(flags.program!, named);

  const data = await loadSplitData({
    input: flags.input,
    envPath: env("LOCOMO_PATH"),
    dataDir: flags.dataDir,
  });
  const { train, val, capped } = trainValSamples(data.splits, flags);
  for (const c of capped) log(`Note: ${c.flag} ${c.asked} is capped at ${c.used} (${c.reason}).`);
  if (maxMetricCalls < val.length && !flags.resume) {
    throw new UsageError(
      `--max-metric-calls ${maxMetricCalls} cannot even validate the starting program on ` +
        `${val.length} validation examples; raise it or lower --num-val`,
    );
  }
  const judgeUnavailable = flags.judge === "f1" ? null : await probeJudgeAtEdge({
    baseUrl: flags.judgeBaseUrl,
    model: flags.judgeModel,
    apiKey: judgeKey,
    hint: " (check --judge-base-url and --judge-model, or optimize with --judge f1)",
  });
  if (judgeUnavailable !== null) throw new Error(judgeUnavailable);
  const runDir = flags.resume ?? flags.runDir ?? await createRunFolder("runs");
  await Deno.mkdir(runDir, { recursive: true });
  const { resume: _resume, help: _help, ...recorded } = flags;
  await writeFileAtomic(
    join(runDir, "config.json"),
    JSON.stringify({ ...recorded, maxMetricCalls, auto: undefined }, null, 2) + "\n",
  );

  const concurrency = flags.concurrency ?? (flags.backend === "embedded" ? 2 : 8);
  let backend: EmbeddedBackend | null = null;
  const clients: LmClient[] = [];
  const memories = createMemoryBank(data.dataset.conversations);
  try {
    let taskLm: LmClient;
    if (flags.backend === "embedded") {
      backend = await startEmbeddedBackend({
        seed: flags.seed,
        concurrency,
        policyCheckpoint: checkpoint,
      });
      taskLm = backend.lm;
    } else {
      taskLm = createLmClient({ baseUrl: flags.baseUrl, model: flags.model!, apiKey, concurrency });
      clients.push(taskLm);
    }
    const reflectionLm = createLmClient({
      baseUrl: flags.reflectionBaseUrl,
      model: flags.reflectionModel,
      apiKey: reflectionKey,
      concurrency: 2,
    });
    clients.push(reflectionLm);
    const judgeLm = flags.judge === "f1" ? null : createLmClient({
      baseUrl: flags.judgeBaseUrl,
      model: flags.judgeModel,
      apiKey: judgeKey,
      concurrency,
    });
    if (judgeLm) clients.push(judgeLm);
    log(
      `${flags.resume ? "Resuming" : "Optimizing"} with ${flags.optimizer} on ${train.length} ` +
        `training and ${val.length} validation questions (${flags.backend} task LM ` +
        `${
          checkpoint ?? taskLm.model
        }, reflection ${flags.reflectionModel}, metric ${flags.judge}); budget ` +
        `${maxMetricCalls} task-LM calls → ${runDir}`,
    );
    const bar = createProgressBar(maxMetricCalls, {
      label: "metric calls",
      fields: { best: "-", pool: 1 },
      plainEveryMs: 10_000,
      ...(options.log ? { mode: "off" as const } : {}),
    });
    const result = await optimizeProgram(seedProgram, { train, val }, {
      optimizer: flags.optimizer,
      maxMetricCalls,
      taskLm,
      reflectionLm,
      memories,
      runDir,
      resume: flags.resume !== undefined,
      metric: flags.judge,
      judgeLm,
      searchMemory: flags.memorySearch,
      seed: flags.seed,
      secrets,
      onProgress: (p) => bar.update(p.metricCalls, { best: pct(p.bestScore), pool: p.poolSize }),
    });
    bar.stop();
    const programOut = join(flags.outDir, OPTIMIZED_PROGRAM);
    const embedded = flags.backend === "embedded";
    await saveProgram(programOut, { ...result.best.program, name: "optimized" }, {
      provenance: {
        model: embedded ? EMBEDDED_MODEL : taskLm.model,
        backend: embedded ? "embedded" : "openai",
        policy: embedded ? "embedded-extractive" : null,
        run: runDir,
        checkpoint: checkpoint === null
          ? (seedSaved?.provenance.checkpoint ?? null)
          : checkpointRelativeTo(programOut, checkpoint),
        validationScore: result.best.valScore,
      },
      secrets,
    });
    await writeFileAtomic(
      join(runDir, "summary.json"),
      JSON.stringify(
        {
          optimizer: flags.optimizer,
          seedScore: result.seed.valScore,
          bestScore: result.best.valScore,
          best: result.best.id,
          program: programOut,
          seedProgram: flags.program ?? null,
          seedRun: seedSaved?.provenance.run ?? null,
          pool: result.pool.length,
          curve: result.curve,
          cost: result.cost,
        },
        null,
        2,
      ) + "\n",
    );
    log(formatOptimizeReport(result));
    log(
      `Validation F1 ${pct(result.seed.valScore)} % (starting program) → ` +
        `${pct(result.best.valScore)} % (candidate ${result.best.id}). Program: ${programOut}; ` +
        `records: ${runDir} (optimize.jsonl, summary.json).`,
    );
    if (embedded) {
      log(
        "Note: the embedded policy reads the memories and the question, not the instructions; " +
          "only the memory settings can change its score. Instruction wording matters for a real LM.",
      );
    }
    log(
      `Next: deno task evaluate --program ${programOut}; deno task compare --optimized ${programOut}`,
    );
    return 0;
  } finally {
    for (const client of clients) client.close();
    memories.free();
    await backend?.close();
  }
}

if (import.meta.main) await runCli(main);
