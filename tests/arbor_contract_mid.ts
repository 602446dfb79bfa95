/**
 * Contract cases of the 2025.06 (mid-2025) dialect.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { ContractCase, ContractSettings } from "./arbor_contract.ts";
import { post, rollGroup } from "./arbor_contract_http.ts";

/** A flat `initialize` body as mid-2025 DSPy sends it. */
export function midInitializeBody(settings: ContractSettings): Record<string, unknown> {
  return {
    model: settings.model,
    num_generations: settings.numGenerations,
    temperature: 0.9,
    beta: 0.04,
    num_iterations: 1,
    per_device_train_batch_size: 8,
    learning_rate: 0.5,
    gradient_accumulation_steps: 1,
    gradient_checkpointing: true,
    lr_scheduler_type: "constant_with_warmup",
    bf16: false,
    scale_rewards: true,
    max_grad_norm: 1.0,
    report_to: "none",
    log_completions: true,
    logging_steps: 100,
    lora: false,
    suffix: "dspy",
  };
}

/** The mid-2025 cases. */
export const midContractCases: ContractCase[] = [
  {
    name: "initialize answers status success and ignores unknown fields",
    async run(server, settings) {
      const answer = await post(server.url, "fine_tuning/grpo/initialize", {
        ...midInitializeBody(settings),
        some_future_field: 1,
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.status, "success");
    },
  },
  {
    name:
      "push-style steps move current_model to the output folder; checkpoint and terminate map names to paths",
    async run(server, settings) {
      const init = await post(
        server.url,
        "fine_tuning/grpo/initialize",
        midInitializeBody(settings),
      );
      assert.equal(init.status, 200, JSON.stringify(init.body));
      let model = settings.model;
      for (let i = 0; i < 2; i++) {
        const batch = await rollGroup(server.url, `arbor:${model}`, settings.numGenerations, i);
        const step = await post(server.url, "fine_tuning/grpo/step", { model, batch });
        assert.equal(step.status, 200, JSON.stringify(step.body));
        assert.equal(step.body.status, "success");
        assert.equal(typeof step.body.current_model, "string");
        model = step.body.current_model;
      }
      // Arbor names the folder `grpo:<model>:dspy:<time>`; the embedded server makes it portable
      // (`_` for `:`) and unique (a `-<suffix>` when the folder already exists).
      assert.match(model, /grpo[:_][^/]+[:_]dspy[:_]\d{8}_\d{6}(-[a-z0-9]{6})?$/);
      const saved = await post(server.url, "fine_tuning/grpo/checkpoint", {
        checkpoint_name: "ckpt_1",
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.equal(typeof saved.body.checkpoints.ckpt_1, "string");
      assert.equal(saved.body.last_checkpoint, "ckpt_1");
      const done = await post(server.url, "fine_tuning/grpo/terminate");
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.current_model, model);
      const chat = await post(server.url, "chat/completions", {
        model: `arbor:${model}`,
        messages: [{ role: "user", content: "sky colour: blue or red?" }],
        temperature: 0,
      });
      assert.equal(chat.status, 200, "the output folder serves chat after terminate");
    },
  },
  {
    name: "a step with a wrongly typed item answers 422 naming the item's field",
    async run(server, settings) {
      await post(server.url, "fine_tuning/grpo/initialize", midInitializeBody(settings));
      const batch: Record<string, unknown>[] = await rollGroup(
        server.url,
        settings.model,
        settings.numGenerations,
        0,
      );
      batch[1] = { ...batch[1], reward: "high" };
      const answer = await post(server.url, "fine_tuning/grpo/step", {
        model: settings.model,
        batch,
      });
      assert.equal(answer.status, 422);
      assert.deepEqual(answer.body.detail[0].loc, ["body", "batch", 1, "reward"]);
    },
  },
];
