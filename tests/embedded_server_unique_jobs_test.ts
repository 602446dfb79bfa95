import assert from "node:assert/strict";
import { join } from "node:path";
import { post, rollGroup } from "./arbor_contract_http.ts";
import { headInitializeBody } from "./arbor_contract_head.ts";
import { midInitializeBody } from "./arbor_contract_mid.ts";
import { withServer } from "./embedded_server_test_utils.ts";

const HEAD = { dialect: "2025.11" as const, model: "org/Tiny-Model", numGenerations: 4 };
const FIXED_NOW = () => new Date(Date.UTC(2026, 11, 6, 12, 0, 0));

/** Every file under `dir` (relative path → bytes). */
async function snapshot(dir: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  async function walk(sub: string): Promise<void> {
    for await (const entry of Deno.readDir(join(dir, sub))) {
      const path = join(sub, entry.name);
      if (entry.isDirectory) await walk(path);
      else files.set(path, await Deno.readFile(join(dir, path)));
    }
  }
  await walk("");
  return files;
}

/** One HEAD run (same seed, same clock) that saves `model_checkpoint_best`; returns id and dir. */
async function headRun(
  outputDir: string,
  options: { steps: number; runName?: string },
): Promise<{ jobId: string; dir: string }> {
  let result = { jobId: "", dir: "" };
  await withServer({ outputDir, seed: 7, now: FIXED_NOW }, async ({ url }) => {
    // deno-lint-ignore no-explicit-any
    const body: any = headInitializeBody(HEAD);
    body.trainer_config.max_steps = options.steps;
    if (options.runName) body.run_name = options.runName;
    else delete body.run_name;
    const init = await post(url, "fine_tuning/grpo/initialize", body);
    assert.equal(init.status, 200, JSON.stringify(init.body));
    const jobId: string = init.body.job_id;
    for (let i = 0; i < options.steps; i++) {
      const batch = await rollGroup(url, jobId, 4, i);
      await post(url, "fine_tuning/grpo/step", { job_id: jobId, model: jobId, batch });
    }
    const saved = await post(url, "fine_tuning/grpo/checkpoint", {
      job_id: jobId,
      checkpoint_name: "model_checkpoint_best",
      metadata: { steps: options.steps },
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    await post(url, "fine_tuning/grpo/terminate", { job_id: jobId });
    result = { jobId, dir: saved.body.checkpoints.model_checkpoint_best.checkpoint_dir };
  });
  return result;
}

for (const runName of [undefined, "same-name"]) {
  Deno.test(`two same-seed runs in one folder never share a checkpoint folder (run_name ${runName})`, async () => {
    const outputDir = await Deno.makeTempDir({ prefix: "embedded_unique_" });
    try {
      const first = await headRun(outputDir, { steps: 2, runName });
      const before = await snapshot(first.dir);
      const second = await headRun(outputDir, { steps: 5, runName });
      if (runName === undefined) assert.notEqual(second.jobId, first.jobId);
      assert.match(first.jobId, /^grpo:tiny-model:[a-z0-9-]+:20261206$/, "Arbor's id format");
      assert.notEqual(second.dir, first.dir);
      for (const dir of [first.dir, second.dir]) {
        assert.ok(!dir.slice(outputDir.length).includes(":"), `portable folder name: ${dir}`);
      }
      const after = await snapshot(first.dir);
      assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
      for (const [path, bytes] of before) {
        assert.deepEqual(after.get(path), bytes, `${path} is byte-identical after the second run`);
      }
      const meta = JSON.parse(await Deno.readTextFile(join(first.dir, "metadata.json")));
      assert.deepEqual(meta.metadata, { steps: 2 });
    } finally {
      await Deno.remove(outputDir, { recursive: true });
    }
  });
}

Deno.test("2025.06 runs with the same suffix in the same second get separate run folders", async () => {
  const outputDir = await Deno.makeTempDir({ prefix: "embedded_unique_mid_" });
  try {
    const dirs: string[] = [];
    for (let run = 0; run < 2; run++) {
      await withServer({ outputDir, dialect: "2025.06", now: FIXED_NOW }, async ({ url }) => {
        const init = await post(url, "fine_tuning/grpo/initialize", {
          ...midInitializeBody({ ...HEAD, dialect: "2025.06" }),
          suffix: "memgrpo",
        });
        assert.equal(init.status, 200, JSON.stringify(init.body));
        const done = await post(url, "fine_tuning/grpo/terminate");
        dirs.push(done.body.checkpoints.checkpoint_final);
      });
    }
    assert.notEqual(dirs[0], dirs[1]);
    for (const dir of dirs) assert.ok(!dir.slice(outputDir.length).includes(":"), dir);
  } finally {
    await Deno.remove(outputDir, { recursive: true });
  }
});
