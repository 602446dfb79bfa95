import assert from "node:assert/strict";
import { join } from "node:path";
import { main } from "../lib/cli/optimize.ts";
import { main as evaluateMain } from "../lib/cli/evaluate.ts";
import { main as compareMain } from "../lib/cli/compare.ts";
import {
  loadLocomo,
  loadProgram,
  resolveProgram,
  resolveTrainConfig,
  saveProgram,
  trainGrpo,
} from "../mod.ts";
import { ProgramFileError } from "../lib/program/mod.ts";
import { UsageError } from "../lib/cli/run_cli.ts";
import { REFLECTION_MODEL, startStandIn, TASK_MODEL } from "./optimize_test_utils.ts";
import { MINI, runMainOf, withSplits as withSplitsIn } from "./fixtures/cli_runs.ts";

const REFLECTION_CANARY = "sk-canary-reflection-0123456789abcdef";
const OPENAI_CANARY = "sk-canary-openai-0123456789abcdef";

const withSplits = (run: (dir: string) => Promise<void>) =>
  withSplitsIn(run, { prefix: "memgrpo_optimize_cli_" });

const runMain = (args: string[], env: Record<string, string> = {}) => runMainOf(main, args, env);

function common(dir: string, reflectionUrl: string, run = "run"): string[] {
  return [
    "--data-dir",
    join(dir, "data"),
    "--input",
    MINI,
    "--reflection-base-url",
    reflectionUrl,
    "--reflection-model",
    REFLECTION_MODEL,
    "--run-dir",
    join(dir, run),
    "--out-dir",
    dir,
  ];
}

async function* files(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* files(path);
    else if (entry.isFile) yield path;
  }
}

const fenced = (i: number) =>
  i % 3 === 2 ? "no block" : `\`\`\`\nRule ${i}: answer briefly.\n\`\`\``;

for (const optimizer of ["gepa", "mipro"]) {
  Deno.test(`optimize --optimizer ${optimizer} --backend embedded --max-metric-calls 400 completes offline; evaluate scores its program`, async () => {
    await withSplits(async (dir) => {
      const { examples } = { examples: (await loadLocomo(MINI)).questions };
      await using server = startStandIn(examples, fenced);
      const { code, out } = await runMain([
        ...common(dir, server.baseUrl),
        "--optimizer",
        optimizer,
        "--max-metric-calls",
        "400",
      ]);
      assert.equal(code, 0, out);
      assert.match(out, /Score curve:/);
      assert.match(out, /Cost: \d+ of 400 task-LM calls/);
      const summary = JSON.parse(await Deno.readTextFile(join(dir, "run", "summary.json")));
      assert.ok(summary.cost.metricCalls <= 400);
      assert.ok(summary.bestScore >= summary.seedScore);
      const saved = await loadProgram(join(dir, "optimized_memory_qa.json"));
      assert.equal(saved.provenance.validationScore, summary.bestScore);
      const lines: string[] = [];
      const evaluated = await evaluateMain([
        "--data-dir",
        join(dir, "data"),
        "--input",
        MINI,
        "--systems",
        "memory",
        "--program",
        join(dir, "optimized_memory_qa.json"),
        "--out-dir",
        join(dir, "eval"),
      ], { env: () => undefined, log: (l) => lines.push(l) });
      assert.equal(evaluated, 0, lines.join("\n"));
      assert.match(lines.join("\n"), /optimized/);
    });
  });

  Deno.test(`optimize --optimizer ${optimizer} never exceeds the budget counted by an OpenAI-compatible task stand-in`, async () => {
    await withSplits(async (dir) => {
      const examples = (await loadLocomo(MINI)).questions;
      await using server = startStandIn(examples, fenced);
      const { code, out } = await runMain([
        ...common(dir, server.baseUrl),
        "--optimizer",
        optimizer,
        "--backend",
        "openai",
        "--base-url",
        server.baseUrl,
        "--model",
        TASK_MODEL,
        "--max-metric-calls",
        "57",
      ]);
      assert.equal(code, 0, out);
      assert.ok(server.taskCalls() > 0 && server.taskCalls() <= 57, String(server.taskCalls()));
      const summary = JSON.parse(await Deno.readTextFile(join(dir, "run", "summary.json")));
      assert.equal(summary.cost.metricCalls, server.taskCalls());
    });
  });
}

Deno.test("optimize never writes the API keys it uses", async () => {
  await withSplits(async (dir) => {
    const examples = (await loadLocomo(MINI)).questions;
    await using server = startStandIn(examples, fenced);
    const { code, out } = await runMain(
      [
        ...common(dir, server.baseUrl),
        "--max-metric-calls",
        "60",
        "--backend",
        "openai",
        "--base-url",
        server.baseUrl,
        "--model",
        TASK_MODEL,
      ],
      { REFLECTION_API_KEY: REFLECTION_CANARY, OPENAI_API_KEY: OPENAI_CANARY },
    );
    assert.equal(code, 0, out);
    const reflection = server.chatRequests().find((r) =>
      (r.body as { model: string }).model === REFLECTION_MODEL
    );
    assert.equal(reflection?.headers.authorization, `Bearer ${REFLECTION_CANARY}`);
    for await (const path of files(dir)) {
      const text = await Deno.readTextFile(path);
      assert.ok(!text.includes(REFLECTION_CANARY) && !text.includes(OPENAI_CANARY), path);
    }
    assert.ok(!out.includes(REFLECTION_CANARY));
  });
});

Deno.test("optimize refuses a reflection endpoint that needs a key it does not have, before any file", async () => {
  await withSplits(async (dir) => {
    await assert.rejects(
      () => runMain([...common(dir, "https://api.openai.com/v1"), "--max-metric-calls", "40"]),
      (e: Error) => e instanceof UsageError && /REFLECTION_API_KEY/.test(e.message),
    );
    await assert.rejects(Deno.stat(join(dir, "run")));
    await assert.rejects(
      () =>
        runMain([
          ...common(dir, "http://127.0.0.1:1/v1"),
          "--auto",
          "light",
          "--max-metric-calls",
          "9",
        ]),
      (e: Error) => e instanceof UsageError && /--auto or --max-metric-calls/.test(e.message),
    );
  });
});

Deno.test("optimize --resume continues the pool with a larger budget and refuses a changed setting", async () => {
  await withSplits(async (dir) => {
    const examples = (await loadLocomo(MINI)).questions;
    await using server = startStandIn(examples, fenced);
    const first = await runMain([...common(dir, server.baseUrl), "--max-metric-calls", "30"]);
    assert.equal(first.code, 0, first.out);
    const before = JSON.parse(await Deno.readTextFile(join(dir, "run", "state.json")));
    const second = await runMain([
      "--resume",
      join(dir, "run"),
      "--max-metric-calls",
      "80",
      "--out-dir",
      dir,
    ], {});
    assert.equal(second.code, 0, second.out);
    assert.match(second.out, /^Resuming with gepa/m);
    const after = JSON.parse(await Deno.readTextFile(join(dir, "run", "state.json")));
    assert.deepEqual(after.pool.slice(0, before.pool.length), before.pool);
    assert.ok(after.iteration > before.iteration);
    assert.ok(after.cost.metricCalls > before.cost.metricCalls && after.cost.metricCalls <= 80);
    await assert.rejects(
      () => runMain(["--resume", join(dir, "run"), "--optimizer", "mipro"]),
      (e: Error) => e instanceof UsageError && /--optimizer cannot change/.test(e.message),
    );
  });
});

Deno.test("compare prints scores with intervals, paired differences and cost columns for every system", async () => {
  await withSplits(async (dir) => {
    const examples = (await loadLocomo(MINI)).questions;
    await using server = startStandIn(examples, fenced);
    const optimized = await runMain([...common(dir, server.baseUrl), "--max-metric-calls", "40"]);
    assert.equal(optimized.code, 0, optimized.out);
    // A GRPO-trained program's records: config.json and metrics.jsonl of its run.
    const grpoRun = join(dir, "grpo_run");
    await Deno.mkdir(grpoRun);
    await Deno.writeTextFile(join(grpoRun, "config.json"), JSON.stringify({ numGenerations: 4 }));
    await Deno.writeTextFile(
      join(grpoRun, "metrics.jsonl"),
      [
        { type: "validation", step: 0, count: 5 },
        { type: "step", step: 1, groups: 2, completionTokens: 40, seconds: 1.5 },
        { type: "step", step: 2, groups: 2, completionTokens: 60, seconds: 1.5 },
      ].map((e) => JSON.stringify(e)).join("\n") + "\n",
    );
    await saveProgram(join(dir, "grpo.json"), resolveProgram({ k: 5 }), {
      provenance: { backend: "none", run: grpoRun },
    });
    const lines: string[] = [];
    const code = await compareMain([
      "--data-dir",
      join(dir, "data"),
      "--input",
      MINI,
      "--optimized",
      join(dir, "optimized_memory_qa.json"),
      "--grpo",
      join(dir, "grpo.json"),
      "--out-dir",
      join(dir, "compare"),
    ], { env: () => undefined, log: (l) => lines.push(l) });
    const out = lines.join("\n");
    assert.equal(code, 0, out);
    assert.match(out, /F1 % \[95 % CI\]/);
    assert.match(out, /optimized − base/);
    assert.match(out, /grpo − base/);
    assert.match(out, /task-LM calls\s+rollouts\s+tokens\s+reflection calls\s+wall time/);
    const costTable = out.slice(out.indexOf("Cost of making each system:"));
    const row = (name: string) => costTable.split("\n").find((l) => l.startsWith(`${name} `))!;
    assert.match(row("base"), /none\s+0\s+0\s+0/);
    assert.match(row("optimized"), /optimize\s+\d+\s+\d+\s+\d+/);
    assert.match(row("grpo"), /grpo\s+9\s+21\s+100 \(completion\)\s+0\s+3s/);
  });
});

Deno.test("train --program starts from a saved program and checks the file before anything is written", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const config = resolveTrainConfig({
      backend: "embedded",
      program: join(dir, "missing.json"),
      runDir: join(dir, "run"),
    });
    assert.equal(config.program, join(dir, "missing.json"));
    await assert.rejects(() => trainGrpo(config), ProgramFileError);
    await assert.rejects(Deno.stat(join(dir, "run")));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
