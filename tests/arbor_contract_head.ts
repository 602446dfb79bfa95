/**
 * Contract cases of the 2025.11 (HEAD) dialect.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { ContractCase, ContractSettings } from "./arbor_contract.ts";
import { post, rollGroup } from "./arbor_contract_http.ts";

/** An `initialize` body as Arbor's own DSPy integration sends it (plus run_name, max_seq_len). */
export function headInitializeBody(settings: ContractSettings, runName = "contract"): unknown {
  return {
    run_name: runName,
    model: settings.model,
    trainer_config: {
      temperature: 1.0,
      beta: 0.0,
      num_generations: settings.numGenerations,
      per_device_train_batch_size: 8,
      learning_rate: 0.5,
      gradient_accumulation_steps: 1,
      gradient_checkpointing: true,
      lr_scheduler_type: "constant_with_warmup",
      warmup_steps: 10,
      bf16: false,
      scale_rewards: true,
      max_grad_norm: 1.0,
      report_to: "none",
      log_completions: true,
      logging_steps: 10,
      max_seq_len: 2048,
      max_steps: 3,
      loss_type: "dapo",
    },
    inference_config: { model: settings.model, max_seq_len: 2048 },
    gpu_config: { type: "multi", multi: { num_inference_gpus: 1, num_training_gpus: 1 } },
  };
}

function assertGrpoStatus(body: Record<string, unknown>, jobId: string): void {
  assert.equal(body.job_id, jobId);
  assert.equal(body.current_model, jobId);
  assert.equal(typeof body.checkpoints, "object");
  assert.ok(Array.isArray(body.pending_batch_ids));
  assert.ok(body.last_checkpoint === null || typeof body.last_checkpoint === "string");
}

async function initialize(url: string, settings: ContractSettings): Promise<string> {
  const answer = await post(url, "fine_tuning/grpo/initialize", headInitializeBody(settings));
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.job_id;
}

/** The HEAD cases. */
export const headContractCases: ContractCase[] = [
  {
    name: "initialize returns GRPOStatus with current_model = job id",
    async run(server, settings) {
      const answer = await post(
        server.url,
        "fine_tuning/grpo/initialize",
        headInitializeBody(settings),
      );
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.match(answer.body.job_id, /^grpo:[^:]+:contract:\d{8}$/);
      assertGrpoStatus(answer.body, answer.body.job_id);
      assert.equal(answer.body.status, "running");
    },
  },
  {
    name: "a run fulfils every pending id with one group, checkpoints and terminates",
    async run(server, settings) {
      const jobId = await initialize(server.url, settings);
      const fulfilled = new Set<number>();
      for (let round = 0; round < 20 && fulfilled.size < 3; round++) {
        const status = await post(server.url, "fine_tuning/grpo/status", { job_id: jobId });
        assert.equal(status.status, 200);
        assertGrpoStatus(status.body, jobId);
        const open = (status.body.pending_batch_ids as number[]).filter((id) => !fulfilled.has(id));
        for (const batchId of open) {
          const batch = await rollGroup(
            server.url,
            `arbor:${jobId}`,
            settings.numGenerations,
            batchId,
          );
          const step = await post(server.url, "fine_tuning/grpo/step", {
            job_id: jobId,
            model: jobId,
            batch_id: batchId,
            batch,
            metrics: { format_failures: 0 },
          });
          assert.equal(step.status, 200, JSON.stringify(step.body));
          assertGrpoStatus(step.body, jobId);
          fulfilled.add(batchId);
        }
      }
      assert.deepEqual([...fulfilled].sort(), [0, 1, 2]);
      const saved = await post(server.url, "fine_tuning/grpo/checkpoint", {
        job_id: jobId,
        checkpoint_name: "model_checkpoint_best",
        metadata: { score: 0.5, step_index: 2 },
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      const record = saved.body.checkpoints.model_checkpoint_best;
      assert.equal(record.checkpoint_name, "model_checkpoint_best");
      assert.equal(typeof record.global_step, "number");
      assert.deepEqual(record.metadata, { score: 0.5, step_index: 2 });
      assert.equal(saved.body.last_checkpoint, "model_checkpoint_best");
      const done = await post(server.url, "fine_tuning/grpo/terminate", { job_id: jobId });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.last_checkpoint, "checkpoint_final");
      assert.ok("checkpoint_final" in done.body.checkpoints);
      const chat = await post(server.url, "chat/completions", {
        model: `arbor:${jobId}`,
        messages: [{ role: "user", content: "sky colour: blue or red?" }],
        temperature: 0,
      });
      assert.equal(chat.status, 200, "the job id still serves chat after terminate");
    },
  },
  {
    name: "requests for an unknown job id answer 400 with type and message",
    async run(server) {
      for (const path of ["status", "terminate"]) {
        const answer = await post(server.url, `fine_tuning/grpo/${path}`, {
          job_id: "grpo:x:y:20250101",
        });
        assert.equal(answer.status, 400, path);
        assert.equal(typeof answer.body.message, "string");
        assert.equal(typeof answer.body.type, "string");
      }
    },
  },
  {
    name: "cancel of an unknown job answers 404 with detail",
    async run(server) {
      const answer = await post(server.url, "fine_tuning/grpo/cancel", {
        job_id: "grpo:x:y:20250101",
      });
      assert.equal(answer.status, 404);
      assert.ok("detail" in answer.body);
    },
  },
  {
    name: "cancel sets status cancelled and empties pending_batch_ids",
    async run(server, settings) {
      const jobId = await initialize(server.url, settings);
      const answer = await post(server.url, "fine_tuning/grpo/cancel", { job_id: jobId });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.status, "cancelled");
      assert.deepEqual(answer.body.pending_batch_ids, []);
    },
  },
  {
    name: "an unknown field answers 422 extra_forbidden naming the field",
    async run(server, settings) {
      const body = headInitializeBody(settings) as { trainer_config: Record<string, unknown> };
      body.trainer_config.num_iterations = 1;
      const answer = await post(server.url, "fine_tuning/grpo/initialize", body);
      assert.equal(answer.status, 422);
      const detail = answer.body.detail.find((d: { type: string }) => d.type === "extra_forbidden");
      assert.deepEqual(detail.loc, ["body", "trainer_config", "num_iterations"]);
    },
  },
  {
    name: "step refuses a group of the wrong size and a list of groups with 400",
    async run(server, settings) {
      const jobId = await initialize(server.url, settings);
      const group = await rollGroup(server.url, jobId, settings.numGenerations, 0);
      const short = await post(server.url, "fine_tuning/grpo/step", {
        job_id: jobId,
        model: jobId,
        batch_id: 0,
        batch: group.slice(1),
      });
      assert.equal(short.status, 400);
      const nested = await post(server.url, "fine_tuning/grpo/step", {
        job_id: jobId,
        model: jobId,
        batch_id: 0,
        batch: [group, group],
      });
      assert.equal(nested.status, 400);
      const ok = await post(server.url, "fine_tuning/grpo/step", {
        job_id: jobId,
        model: jobId,
        batch_id: 0,
        batch: group,
      });
      assert.equal(ok.status, 200, "the server keeps serving after refusals");
    },
  },
];
