import assert from "node:assert/strict";
import { join } from "node:path";
import { openPredictionLog, readPredictions, rowKey } from "./predictions_file.ts";
import { testRow } from "../../tests/fixtures/eval_rows.ts";

async function inTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "memgrpo_predictions_" });
  try {
    await run(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("readPredictions() ignores a torn last line and keeps the finished rows", async () => {
  await inTempDir(async (dir) => {
    const path = join(dir, "predictions.jsonl");
    const rows = [testRow("memory", "q1"), testRow("memory", "q2")];
    const text = rows.map((r) => JSON.stringify(r) + "\n").join("") +
      JSON.stringify(testRow("memory", "q3")).slice(0, 40);
    await Deno.writeTextFile(path, text);
    const read = await readPredictions(path);
    assert.deepEqual(read.rows, rows);
    assert.equal(read.ignoredLines, 1);
  });
});

Deno.test("readPredictions() keeps the last row written for a system and question", async () => {
  await inTempDir(async (dir) => {
    const path = join(dir, "predictions.jsonl");
    const failed = testRow("memory", "q1", { error: "HTTP 500", f1: 0 });
    const retried = testRow("memory", "q1");
    await Deno.writeTextFile(path, [failed, retried].map((r) => JSON.stringify(r)).join("\n"));
    assert.deepEqual((await readPredictions(path)).rows, [retried]);
  });
});

Deno.test("readPredictions() reads a missing file as no rows", async () => {
  assert.deepEqual(await readPredictions("/nonexistent/memgrpo/predictions.jsonl"), {
    rows: [],
    ignoredLines: 0,
  });
});

Deno.test("openPredictionLog() drops a torn line and appends rows in call order", async () => {
  await inTempDir(async (dir) => {
    const path = join(dir, "out", "predictions.jsonl");
    await Deno.mkdir(join(dir, "out"));
    await Deno.writeTextFile(path, '{"system": "memo');
    const kept = testRow("memory", "q1");
    const log = await openPredictionLog(path, [kept]);
    await Promise.all([log.append(testRow("memory", "q2")), log.append(testRow("memory", "q3"))]);
    const read = await readPredictions(path);
    assert.deepEqual(read.rows.map((r) => r.questionId), ["q1", "q2", "q3"]);
    assert.equal(read.ignoredLines, 0);
  });
});

Deno.test("rowKey() tells systems apart on the same question", () => {
  assert.notEqual(rowKey(testRow("memory", "q1")), rowKey(testRow("no-memory", "q1")));
  assert.equal(rowKey(testRow("memory", "q1")), rowKey(testRow("memory", "q1", { f1: 0 })));
});
