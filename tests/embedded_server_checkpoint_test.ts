import assert from "node:assert/strict";
import { join } from "node:path";
import { post, rollGroup } from "./arbor_contract_http.ts";
import { headInitializeBody } from "./arbor_contract_head.ts";
import { midInitializeBody } from "./arbor_contract_mid.ts";
import { withServer } from "./embedded_server_test_utils.ts";
import { portableFolderName } from "../lib/embedded/job_id.ts";

const SETTINGS = { dialect: "2025.11" as const, model: "org/Tiny-Model", numGenerations: 4 };
const QUESTION = [{ role: "user", content: "Which colour is the sky: blue, green or red?" }];

async function greedy(url: string, model: string): Promise<string> {
  const answer = await post(url, "chat/completions", { model, messages: QUESTION, temperature: 0 });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.choices[0].message.content;
}

/** Runs `steps` HEAD steps rewarding "blue"; returns the job id. */
async function trainHead(url: string, steps: number): Promise<string> {
  // deno-lint-ignore no-explicit-any
  const body: any = headInitializeBody(SETTINGS);
  body.trainer_config.max_steps = steps;
  const init = await post(url, "fine_tuning/grpo/initialize", body);
  assert.equal(init.status, 200, JSON.stringify(init.body));
  const jobId: string = init.body.job_id;
  for (let step = 0; step < steps; step++) {
    const batch = await rollGroup(url, jobId, SETTINGS.numGenerations, step);
    const answer = await post(url, "fine_tuning/grpo/step", { job_id: jobId, model: jobId, batch });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
  }
  return jobId;
}

Deno.test("a HEAD job learns over HTTP and exposes per-step metrics", async () => {
  await withServer({}, async ({ url }) => {
    const jobId = await trainHead(url, 12);
    assert.equal(await greedy(url, `openai/arbor:${jobId}`), "blue");
    const metrics = await fetch(new URL(`fine_tuning/grpo/metrics?job_id=${jobId}`, url));
    const body = await metrics.json();
    assert.equal(body.steps.length, 12);
    assert.equal(body.global_step, 12);
    for (const key of ["loss", "kl", "grad_norm", "reward_mean", "reward_std"]) {
      assert.equal(typeof body.steps[0][key], "number", key);
    }
    const status = await post(url, "fine_tuning/grpo/status", { job_id: jobId });
    assert.deepEqual(status.body.pending_batch_ids, [], "max_steps reached: nothing pending");
    const extra = await post(url, "fine_tuning/grpo/step", {
      job_id: jobId,
      model: jobId,
      batch: await rollGroup(url, jobId, 4, 99),
    });
    assert.equal(extra.status, 400);
    assert.match(extra.body.message, /max_steps = 12/);
  });
});

Deno.test("pending_batch_ids runs one id ahead and never past max_steps", async () => {
  await withServer({}, async ({ url }) => {
    // deno-lint-ignore no-explicit-any
    const body: any = headInitializeBody(SETTINGS);
    body.trainer_config.max_steps = 2;
    const init = await post(url, "fine_tuning/grpo/initialize", body);
    const jobId = init.body.job_id;
    assert.deepEqual(init.body.pending_batch_ids, [0, 1]);
    const batch = await rollGroup(url, jobId, 4, 0);
    const first = await post(url, "fine_tuning/grpo/step", { job_id: jobId, model: jobId, batch });
    assert.deepEqual(first.body.pending_batch_ids, [1]);
  });
});

Deno.test("checkpoint writes policy.json and metadata.json that a new server serves again", async () => {
  const outputDir = await Deno.makeTempDir({ prefix: "embedded_ckpt_" });
  try {
    let trainedAnswer = "";
    let dir = "";
    let jobId = "";
    await withServer({ outputDir }, async ({ url }) => {
      jobId = await trainHead(url, 12);
      trainedAnswer = await greedy(url, jobId);
      const saved = await post(url, "fine_tuning/grpo/checkpoint", {
        job_id: jobId,
        checkpoint_name: "model_checkpoint_best",
        metadata: { score: 0.9 },
      });
      dir = saved.body.checkpoints.model_checkpoint_best.checkpoint_dir;
      assert.equal(
        dir,
        join(outputDir, portableFolderName(jobId), "checkpoints", "model_checkpoint_best"),
      );
      const metadata = JSON.parse(await Deno.readTextFile(join(dir, "metadata.json")));
      assert.equal(metadata.global_step, 12);
      assert.deepEqual(metadata.metadata, { score: 0.9 });
      assert.equal(metadata.config.num_generations, 4);
      const done = await post(url, "fine_tuning/grpo/terminate", { job_id: jobId });
      assert.equal(done.body.last_checkpoint, "checkpoint_final");
      const final = join(
        outputDir,
        portableFolderName(jobId),
        "checkpoints",
        "checkpoint_final",
        "policy.json",
      );
      assert.ok((await Deno.stat(final)).isFile);
    });
    const untrained = await withAnswer({ outputDir }, (url) => greedy(url, SETTINGS.model));
    assert.notEqual(untrained, trainedAnswer, "the base model is untrained");
    const restored = await withAnswer(
      { outputDir, loadCheckpoint: dir },
      async (url) => [await greedy(url, dir), await greedy(url, `arbor:${jobId}`)],
    );
    assert.deepEqual(restored, [trainedAnswer, trainedAnswer]);
    const viaInitialize = await withAnswer({ outputDir }, async (url) => {
      // deno-lint-ignore no-explicit-any
      const body: any = headInitializeBody({ ...SETTINGS, model: dir });
      const init = await post(url, "fine_tuning/grpo/initialize", body);
      assert.equal(init.status, 200, JSON.stringify(init.body));
      assert.match(init.body.job_id, /^grpo:model_checkpoint_best:/);
      return greedy(url, init.body.job_id);
    });
    assert.equal(viaInitialize, trainedAnswer);
  } finally {
    await Deno.remove(outputDir, { recursive: true });
  }
});

Deno.test("2025.06 terminate saves the run folder, which serves chat after a restart", async () => {
  const outputDir = await Deno.makeTempDir({ prefix: "embedded_mid_" });
  try {
    let runDir = "";
    let trained = "";
    await withServer({ outputDir, dialect: "2025.06" }, async ({ url }) => {
      const init = await post(url, "fine_tuning/grpo/initialize", {
        ...midInitializeBody({ ...SETTINGS, dialect: "2025.06" }),
        learning_rate: 0.5,
      });
      assert.equal(init.status, 200);
      let model = SETTINGS.model;
      for (let i = 0; i < 12; i++) {
        const batch = await rollGroup(url, model, 4, i);
        model = (await post(url, "fine_tuning/grpo/step", { model, batch })).body.current_model;
      }
      trained = await greedy(url, model);
      const done = await post(url, "fine_tuning/grpo/terminate");
      runDir = done.body.current_model;
      assert.equal(
        done.body.checkpoints.checkpoint_final,
        join(runDir, "checkpoints", "checkpoint_final"),
      );
    });
    assert.equal(trained, "blue");
    const again = await withAnswer(
      { outputDir, dialect: "2025.06" },
      (url) => greedy(url, `arbor:${runDir}`),
    );
    assert.equal(again, trained);
  } finally {
    await Deno.remove(outputDir, { recursive: true });
  }
});

async function withAnswer<T>(
  options: Parameters<typeof withServer>[0],
  body: (url: string) => Promise<T>,
): Promise<T> {
  let result: T | undefined;
  await withServer(options, async ({ url }) => {
    result = await body(url);
  });
  return result as T;
}
