/**
 * `deno task compare`: the base program, the optimized program (`deno task optimize`) and a
 * GRPO-trained program (`deno task train`) side by side on the held-out test split — F1 (and J
 * with a judge) per category with confidence intervals, paired differences, and what each system
 * cost to make: task-LM calls, rollouts, tokens, wall time.
 *
 * @module
 */

import { dirname, join, resolve } from "node:path";
import { CATEGORY_MAPPING_NOTE, loadSplitData } from "../data/mod.ts";
import {
  type EmbeddedBackend,
  type EvalSummary,
  type EvalSystem,
  evaluate,
  formatSummaryTable,
  startEmbeddedBackend,
} from "../eval/mod.ts";
import { stratifiedSample } from "../grpo/mod.ts";
import { writeFileAtomic } from "../io/mod.ts";
import { createRunFolder } from "../io/run_folder.ts";
import { createLmClient, type LmClient } from "../lm/mod.ts";
import { loadProgram, resolveProgram, type SavedProgram } from "../program/mod.ts";
import { checkpointOf } from "../program/saved_program.ts";
import { formatTextTable } from "../viz/mod.ts";
import { type BuildCost, buildCostOf, NO_COST } from "./compare_cost.ts";
import { parseFlags } from "./flags.ts";
import { COMPARE_FLAGS, type CompareFlags, compareHelp } from "./compare_flags.ts";
import { checkJudgeKey, judgeApiKey, probeJudgeAtEdge } from "./judge_setup.ts";
import { createProgressBar, formatDuration } from "./progress_bar.ts";
import { servableCheckpoint } from "./program_checkpoint.ts";
import { runCli, UsageError } from "./run_cli.ts";

interface Entrant {
  name: string;
  file: string | null;
  saved: SavedProgram | null;
}

async function runFolderOf(entrant: Entrant): Promise<string | null> {
  const run = entrant.saved?.provenance.run ?? null;
  if (run === null || entrant.file === null) return null;
  for (const dir of [resolve(run), resolve(dirname(resolve(entrant.file)), run)]) {
    if (await Deno.stat(dir).then(() => true, () => false)) return dir;
  }
  return null;
}

const pct = (x: number) => (x * 100).toFixed(1);
const ci = (g: { mean: number; ci: { low: number; high: number } }) =>
  `${pct(g.mean)} [${pct(g.ci.low)}, ${pct(g.ci.high)}]`;

/** The tables of a comparison: scores with intervals, paired differences, costs. */
export function formatComparison(
  summary: EvalSummary,
  costs: ReadonlyMap<string, BuildCost>,
): string {
  const cats = summary.systems[0]?.f1.byCategory.map((c) => `${c.category} ${c.name}`) ?? [];
  const hasJ = summary.systems.some((s) => s.judge !== null);
  const scores = formatTextTable(
    ["system", "F1 % [95 % CI]", ...(hasJ ? ["J % [95 % CI]"] : []), ...cats],
    summary.systems.map((s) => [
      s.name,
      ci(s.f1.overall),
      ...(hasJ ? [s.judge ? ci(s.judge.overall) : "–"] : []),
      ...s.f1.byCategory.map(ci),
    ]),
  );
  const base = summary.systems[0]!.name;
  // Against the base: later − base; between the two improved systems: earlier − later.
  const pairs = summary.comparisons.map((c) => ({ c, sign: c.a === base ? -1 : 1 }));
  const diff = (sign: number, d: { difference: number; ci: { low: number; high: number } }) => {
    const v = sign * d.difference;
    const [lo, hi] = [sign * d.ci.low, sign * d.ci.high].sort((x, y) => x - y);
    return `${v >= 0 ? "+" : ""}${pct(v)} [${pct(lo!)}, ${pct(hi!)}]`;
  };
  const paired = formatTextTable(
    ["paired difference", "F1 points [95 % CI]", ...(hasJ ? ["J points"] : []), ...cats],
    pairs.map(({ c, sign }) => [
      sign < 0 ? `${c.b} − ${c.a}` : `${c.a} − ${c.b}`,
      diff(sign, c.f1.overall),
      ...(hasJ ? [c.judge ? diff(sign, c.judge.overall) : "–"] : []),
      ...c.f1.byCategory.map((d) => diff(sign, d)),
    ]),
  );
  const n = (x: number | null) => (x === null ? "?" : x);
  const cost = formatTextTable(
    [
      "system",
      "made by",
      "task-LM calls",
      "rollouts",
      "tokens",
      "reflection calls",
      "wall time",
      "test tokens/q",
    ],
    summary.systems.map((s) => {
      const c = costs.get(s.name) ?? NO_COST;
      const perQ = (s.promptTokensPerQuestion ?? 0) + (s.completionTokensPerQuestion ?? 0);
      return [
        s.name,
        c.kind,
        n(c.taskCalls),
        n(c.rollouts),
        c.tokens === null ? "?" : `${c.tokens}${c.completionTokensOnly ? " (completion)" : ""}`,
        n(c.reflectionCalls),
        c.seconds === null ? "?" : formatDuration(c.seconds),
        Math.round(perQ),
      ];
    }),
  );
  return `Scores on ${summary.questions} test questions:\n${scores}\n\nPaired differences ` +
    `(questions resampled in pairs):\n${paired}\n\nCost of making each system:\n${cost}`;
}

/** Runs the command; returns the exit code. */
export async function main(
  args: string[],
  options: { env?: (name: string) => string | undefined; log?: (line: string) => void } = {},
): Promise<number> {
  const env = options.env ?? ((name: string) => Deno.env.get(name));
  const log = options.log ?? ((line: string) => console.log(line));
  const flags = parseFlags(args, COMPARE_FLAGS).values as unknown as CompareFlags;
  if (flags.help) {
    log(compareHelp());
    return 0;
  }
  if (!flags.optimized && !flags.grpo) {
    throw new UsageError("nothing to compare: give --optimized FILE and/or --grpo FILE");
  }
  if (flags.backend === "openai" && !flags.model) {
    throw new UsageError("--backend openai needs --model");
  }
  const judgeKey = judgeApiKey(env);
  checkJudgeKey(flags.judge, { baseUrl: flags.judgeBaseUrl, apiKey: judgeKey });
  const apiKey = env("OPENAI_API_KEY") ?? "";
  const entrants: Entrant[] = [];
  for (
    const [name, path] of [["base", flags.base], ["optimized", flags.optimized], [
      "grpo",
      flags.grpo,
    ]]
  ) {
    if (path) entrants.push({ name: name!, file: path, saved: await loadProgram(path) });
    else if (name === "base") entrants.push({ name, file: null, saved: null });
  }
  // On the embedded backend a trained program answers with its own checkpoint: checked here.
  const checkpoints = new Map<string, string>();
  for (const e of entrants) {
    const checkpoint = e.saved && flags.backend === "embedded"
      ? await checkpointOf(e.file!, e.saved)
      : null;
    if (checkpoint !== null) checkpoints.set(e.name, await servableCheckpoint(e.file!, checkpoint));
  }
  const data = await loadSplitData({
    input: flags.input,
    envPath: env("LOCOMO_PATH"),
    dataDir: flags.dataDir,
  });
  const pool = data.splits.test.examples;
  const examples = flags.numTest === undefined
    ? pool
    : stratifiedSample(pool, Math.min(flags.numTest, pool.length), {
      key: (e) => e.category,
      seed: flags.seed,
    });
  const judgeUnavailable = flags.judge === "f1" ? null : await probeJudgeAtEdge({
    baseUrl: flags.judgeBaseUrl,
    model: flags.judgeModel,
    apiKey: judgeKey,
  });
  const outDir = flags.outDir ?? await createRunFolder("results");
  const concurrency = flags.concurrency ?? (flags.backend === "embedded" ? 2 : 8);
  let backend: EmbeddedBackend | null = null;
  const clients: LmClient[] = [];
  try {
    let lm: LmClient;
    if (flags.backend === "embedded") {
      backend = await startEmbeddedBackend({ seed: flags.seed, concurrency });
      lm = backend.lm;
    } else {
      lm = createLmClient({ baseUrl: flags.baseUrl, model: flags.model!, apiKey, concurrency });
      clients.push(lm);
    }
    const systems: EvalSystem[] = [];
    const costs = new Map<string, BuildCost>();
    for (const e of entrants) {
      const program = e.saved?.program ?? resolveProgram();
      const checkpoint = checkpoints.get(e.name);
      const own = checkpoint && backend ? backend.clientFor(checkpoint) : undefined;
      systems.push({
        name: e.name,
        program: { ...program, name: e.name },
        ...(own ? { lm: own } : {}),
      });
      costs.set(e.name, e.saved ? await buildCostOf(await runFolderOf(e)) : NO_COST);
    }
    const judgeLm = flags.judge === "f1" ? null : createLmClient({
      baseUrl: flags.judgeBaseUrl,
      model: flags.judgeModel,
      apiKey: judgeKey,
      concurrency,
    });
    if (judgeLm) clients.push(judgeLm);
    log(
      `Comparing ${
        systems.map((s) => s.name).join(", ")
      } on ${examples.length} test questions (${flags.backend} backend) → ${outDir}`,
    );
    const bar = createProgressBar(systems.length * examples.length, {
      label: "compare rows",
      plainEveryMs: 10_000,
      ...(options.log ? { mode: "off" as const } : {}),
    });
    const result = await evaluate(systems, examples, {
      lm,
      conversations: data.dataset.conversations,
      outDir,
      judge: flags.judge,
      judgeLm,
      judgeUnavailable,
      judgeCacheDir: null,
      concurrency,
      seed: flags.seed,
      secrets: [apiKey, judgeKey].filter((s) => s !== ""),
      onProgress: (p) => bar.update(p.done),
    });
    bar.stop();
    log(formatSummaryTable(result.summary));
    log("");
    log(formatComparison(result.summary, costs));
    log(CATEGORY_MAPPING_NOTE);
    await writeFileAtomic(
      join(outDir, "comparison.json"),
      JSON.stringify(
        { systems: entrants.map((e) => ({ name: e.name, file: e.file, cost: costs.get(e.name) })) },
        null,
        2,
      ) + "\n",
    );
    log(`Results: ${outDir} (report.md, summary.json, comparison.json).`);
    return 0;
  } finally {
    for (const c of clients) c.close();
    await backend?.close();
  }
}

if (import.meta.main) await runCli(main);
