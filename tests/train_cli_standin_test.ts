/**
 * `deno task train --backend arbor` against the strict Arbor stand-in, in both dialects: the
 * requests it receives, the run records and `arbor.yaml`.
 *
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { parseYaml } from "../lib/deps.ts";
import { headInitialize, midInitializeStrict } from "./arbor_standin_schemas.ts";
import { messagesHash } from "../lib/grpo/mod.ts";
import {
  MINI_LOCOMO,
  readJsonl,
  runTrainCli,
  tempRun,
  writeMiniSplits,
} from "./train_cli_helpers.ts";
import { startLearningStandin } from "./train_cli_standin.ts";

const STEPS = 3;
const G = 8;
const K = 2;
const CANARY = "sk-canary-standin-0123456789";

for (const dialect of ["2025.11", "2025.06"] as const) {
  Deno.test(`train CLI (${dialect}) runs ${STEPS} steps against the strict stand-in`, async () => {
    const paths = await tempRun();
    const gold = await writeMiniSplits(paths.dataDir);
    const standin = startLearningStandin(gold, { dialect });
    try {
      const result = await runTrainCli([
        "--backend",
        "arbor",
        "--arbor-url",
        standin.baseUrl,
        "--input",
        MINI_LOCOMO,
        ...paths.args,
        "--num-train-steps",
        String(STEPS),
        "--num-steps-for-val",
        "2",
        "--num-generations",
        String(G),
        "--examples-per-step",
        String(K),
        "--inference-gpus",
        "3",
        "--training-gpus",
        "4,5",
      ], { cwd: paths.root, env: { OPENAI_API_KEY: CANARY, JUDGE_API_KEY: CANARY } });
      assert.equal(result.code, 0, `stderr: ${result.stderr}\nstdout: ${result.stdout}`);

      // initialize: once, a body the strict schema accepts, with the seed's GRPO settings.
      const init = standin.requestsTo("grpo/initialize");
      assert.equal(init.length, 1);
      const schema = dialect === "2025.11" ? headInitialize : midInitializeStrict;
      assert.equal(schema.safeParse(init[0]!.body).success, true, init[0]!.text);
      const trainer = (dialect === "2025.11"
        ? (init[0]!.body as { trainer_config: Record<string, unknown> }).trainer_config
        : init[0]!.body) as Record<string, unknown>;
      assert.equal(trainer.num_generations, G);
      assert.equal(trainer.per_device_train_batch_size, 2);
      assert.equal(trainer.gradient_accumulation_steps, 4);
      assert.equal(trainer.learning_rate, 2e-5);
      assert.equal(trainer.beta, 0.04);
      assert.equal(trainer.bf16, true);
      assert.equal(trainer.max_prompt_length, 4096);
      assert.equal(trainer.max_completion_length, 512);

      // step: one group per pending id, never an id twice, exactly G items each.
      const steps = standin.requestsTo("grpo/step");
      assert.equal(steps.length, STEPS * K);
      for (const step of steps) {
        assert.equal((step.body as { batch: unknown[] }).batch.length, G);
      }
      if (dialect === "2025.11") {
        const ids = steps.map((s) =>
          (s.body as { batch_id: number }).batch_id
        );
        assert.deepEqual(ids, [...ids.keys()]);
        const job = [...standin.head.jobs.values()][0]!;
        assert.equal(job.receivedIds.size, STEPS * K);
      } else {
        assert.equal(standin.mid.received, STEPS * K);
      }

      // The best checkpoint was saved (validation improved once training began); one terminate.
      const checkpoints = standin.requestsTo("grpo/checkpoint").map((r) =>
        (r.body as { checkpoint_name: string }).checkpoint_name
      );
      assert.ok(checkpoints.includes("model_checkpoint_best"), JSON.stringify(checkpoints));
      if (dialect === "2025.11") {
        // ArborGRPO's metadata (§4.7): the score and the 0-based index of the step validated.
        const best = standin.requestsTo("grpo/checkpoint").map((r) =>
          r.body as { checkpoint_name: string; metadata: Record<string, unknown> }
        ).filter((b) => b.checkpoint_name === "model_checkpoint_best");
        for (const b of best) {
          assert.equal(typeof b.metadata.score, "number");
          assert.ok([1, 2].includes(b.metadata.step_index as number), JSON.stringify(b.metadata));
        }
      }
      assert.equal(standin.requestsTo("grpo/terminate").length, 1);
      const last = standin.requests.at(-1)!;
      assert.ok(last.path.endsWith("grpo/terminate"), `last request ${last.path}`);

      // metrics.jsonl: steps 1..3 and validation events with the documented fields.
      const events = await readJsonl(join(paths.runDir, "metrics.jsonl"));
      const stepEvents = events.filter((e) => e.type === "step");
      assert.deepEqual(stepEvents.map((e) => e.step), [1, 2, 3]);
      for (const e of stepEvents) {
        assert.equal(e.groups, K);
        assert.equal(typeof e.rewardMean, "number");
        assert.equal(typeof e.zeroVarianceShare, "number");
      }
      const validations = events.filter((e) => e.type === "validation");
      assert.deepEqual(validations.map((e) => e.step), [0, 2, 3]);
      for (const v of validations) {
        for (const key of ["score", "answerableScore", "abstentionRate"]) {
          assert.equal(typeof v[key], "number", `${key} in ${JSON.stringify(v)}`);
        }
        assert.equal(typeof v.byCategory, "object");
        assert.ok(Object.keys(v.byCategory as object).length > 0);
      }
      assert.ok((validations[1]!.score as number) > (validations[0]!.score as number));

      // rollouts.jsonl: a line per group with hash, completions, rewards and advantages.
      const groups = await readJsonl(join(paths.runDir, "rollouts.jsonl"));
      assert.equal(groups.length, STEPS * K);
      for (const [i, g] of groups.entries()) {
        const sent =
          (steps[i]!.body as { batch: { messages: { role: string; content: string }[] }[] })
            .batch[0]!;
        assert.equal(g.messagesHash, messagesHash(sent.messages));
        assert.equal((g.completions as string[]).length, G);
        assert.equal((g.rewards as number[]).length, G);
        assert.equal((g.advantages as number[]).length, G);
      }

      // config.json: the resolved flags, no secrets.
      const configText = await Deno.readTextFile(join(paths.runDir, "config.json"));
      assert.equal(configText.includes(CANARY), false);
      assert.doesNotMatch(configText, /api_?key/i);
      assert.equal(JSON.parse(configText).numGenerations, G);

      // arbor.yaml was missing: the CLI wrote it from the GPU flags.
      const yaml = parseYaml(await Deno.readTextFile(paths.arborConfig));
      assert.deepEqual(yaml, { inference: { gpu_ids: "3" }, training: { gpu_ids: "4,5" } });
    } finally {
      await standin.close();
      await Deno.remove(paths.root, { recursive: true });
    }
  });
}

Deno.test("train and evaluate modes given the server root as --arbor-url chat under /v1/", async () => {
  const paths = await tempRun();
  const gold = await writeMiniSplits(paths.dataDir);
  const standin = startLearningStandin(gold, { dialect: "2025.11" });
  try {
    const root = standin.baseUrl.replace(/v1\/$/, "");
    const result = await runTrainCli([
      "--backend",
      "arbor",
      "--arbor-url",
      root,
      "--input",
      MINI_LOCOMO,
      ...paths.args,
      "--num-train-steps",
      "1",
      "--examples-per-step",
      String(K),
    ], { cwd: paths.root });
    assert.equal(result.code, 0, `stderr: ${result.stderr}\nstdout: ${result.stdout}`);
    const chats = standin.requestsTo("chat/completions");
    assert.ok(chats.length > 0);
    assert.ok(chats.every((r) => r.path.endsWith("/v1/chat/completions")), String(chats[0]?.path));
    assert.equal(standin.requestsTo("grpo/step").length, K);

    const before = chats.length;
    const evaluated = await runTrainCli([
      "--mode",
      "evaluate",
      "--backend",
      "arbor",
      "--arbor-url",
      root,
      "--input",
      MINI_LOCOMO,
      ...paths.args,
      "--num-test",
      "2",
    ], { cwd: paths.root });
    assert.equal(evaluated.code, 0, `stderr: ${evaluated.stderr}\nstdout: ${evaluated.stdout}`);
    const evalChats = standin.requestsTo("chat/completions").slice(before);
    assert.ok(evalChats.length > 0);
    assert.ok(
      evalChats.every((r) => r.path.endsWith("/v1/chat/completions")),
      String(evalChats[0]?.path),
    );
  } finally {
    await standin.close();
    await Deno.remove(paths.root, { recursive: true });
  }
});
