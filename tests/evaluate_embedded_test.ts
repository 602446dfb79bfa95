import assert from "node:assert/strict";
import { join } from "node:path";
import {
  baselinePrograms,
  CATEGORY_MAPPING_NOTE,
  evaluate,
  loadLocomo,
  splitLocomo,
} from "../mod.ts";
import { startEmbeddedBackend } from "../lib/eval/mod.ts";
import { readPredictions } from "../lib/eval/predictions_file.ts";

const MINI = new URL("../data/sample/mini_locomo.json", import.meta.url).pathname;
const LOCOMO_PATH = Deno.env.get("LOCOMO_PATH");

const systems = baselinePrograms().map((program) => ({ name: program.name, program }));

async function inTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "memgrpo_evaluate_" });
  try {
    await run(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function miniExamples() {
  const dataset = await loadLocomo(MINI);
  const splits = splitLocomo(dataset, { trainRatio: 0.34, valRatio: 0.33, testRatio: 0.33 });
  return {
    dataset,
    examples: [...splits.train.examples, ...splits.val.examples, ...splits.test.examples],
  };
}

Deno.test("evaluate() runs four systems offline on the embedded backend and writes every file", async () => {
  const { dataset, examples } = await miniExamples();
  await inTempDir(async (dir) => {
    await using backend = await startEmbeddedBackend({ cacheDir: join(dir, ".cache") });
    const result = await evaluate(systems, examples, {
      lm: backend.lm,
      conversations: dataset.conversations,
      outDir: dir,
    });
    assert.equal(result.rows.length, 4 * examples.length);
    assert.equal(result.failed, 0);
    const written = await readPredictions(join(dir, "predictions.jsonl"));
    assert.equal(written.rows.length, 4 * examples.length);
    for (const row of written.rows) {
      assert.ok(row.f1 >= 0 && row.f1 <= 1);
      if (row.system === "oracle-evidence" && row.evidenceRecall !== null) {
        assert.equal(row.evidenceRecall, 1, `${row.questionId} shows its evidence`);
      }
      if (row.system === "no-memory") assert.deepEqual(row.retrievedDiaIds, []);
    }
    const report = await Deno.readTextFile(join(dir, "report.md"));
    assert.ok(report.includes(CATEGORY_MAPPING_NOTE));
    assert.ok(report.includes("## Reference figures (published, not measured by this run)"));
    const summary = JSON.parse(await Deno.readTextFile(join(dir, "summary.json")));
    assert.deepEqual(
      summary.systems.map((s: { name: string }) => s.name),
      systems.map((s) => s.name),
    );
    assert.match(await Deno.readTextFile(join(dir, "chart.svg")), /^<svg xmlns=/);
  });
});

Deno.test("evaluate() rerun in the same folder answers only the rows that are missing", async () => {
  const { dataset, examples } = await miniExamples();
  await inTempDir(async (dir) => {
    {
      await using backend = await startEmbeddedBackend();
      await evaluate(systems, examples, {
        lm: backend.lm,
        conversations: dataset.conversations,
        outDir: dir,
      });
    }
    // Simulate a crash: keep all rows but the last three, then a half-written line.
    const path = join(dir, "predictions.jsonl");
    const lines = (await Deno.readTextFile(path)).trimEnd().split("\n");
    const torn = lines.at(-3)!.slice(0, 30);
    await Deno.writeTextFile(path, lines.slice(0, -3).join("\n") + "\n" + torn);
    await using backend = await startEmbeddedBackend();
    const rerun = await evaluate(systems, examples, {
      lm: backend.lm,
      conversations: dataset.conversations,
      outDir: dir,
    });
    assert.equal(backend.lm.usage().calls, 3, "only the three lost rows are answered again");
    assert.equal(rerun.reused, 4 * examples.length - 3);
    assert.equal(rerun.ignoredLines, 1);
    assert.equal((await readPredictions(path)).rows.length, 4 * examples.length);
  });
});

Deno.test("evaluate() rejects examples about conversations it was not given", async () => {
  const { dataset, examples } = await miniExamples();
  await using backend = await startEmbeddedBackend();
  await assert.rejects(
    evaluate(systems, examples, { lm: backend.lm, conversations: dataset.conversations.slice(1) }),
    /is about conversation .* not among the 2 conversations given/,
  );
  assert.equal(backend.lm.usage().calls, 0);
});

Deno.test({
  name: "evaluate() scores a LOCOMO test sample with every row and sane recall (LOCOMO_PATH)",
  ignore: !LOCOMO_PATH,
  async fn() {
    const dataset = await loadLocomo(LOCOMO_PATH!);
    const test = splitLocomo(dataset).test.examples.filter((_, i) => i % 16 === 0);
    await using backend = await startEmbeddedBackend();
    const result = await evaluate(systems, test, {
      lm: backend.lm,
      conversations: dataset.conversations,
    });
    assert.equal(result.rows.length, 4 * test.length);
    assert.equal(result.failed, 0);
    const byName = new Map(result.summary.systems.map((s) => [s.name, s]));
    assert.equal(byName.get("no-memory")!.evidenceRecall, 0);
    assert.equal(byName.get("oracle-evidence")!.evidenceRecall, 1);
    assert.ok(byName.get("memory")!.evidenceRecall! > 0.5, "retrieval finds most evidence");
    assert.ok(
      byName.get("full-context")!.promptTokensPerQuestion! >
        10 * byName.get("memory")!.promptTokensPerQuestion!,
    );
  },
});
